import { describe, expect, it } from 'vitest'
import { compassSection } from '../control/compass'
import { defaultPageRecord } from '../templates/templates'
import { buildMarkdown } from './markdown'
import { mdText } from './markdownText'
import { buildExport } from './model'
import {
  META,
  card,
  note,
  withBothRoundsRevealed,
  workshopControl,
  workshopInput,
  workshopRecords,
} from './testWorkshop'

const sheet = buildMarkdown(buildExport(workshopInput()))

/** The lines of one `## ` or `### ` section, up to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const lines = markdown.split('\n')
  const start = lines.indexOf(heading)
  if (start < 0) throw new Error(`no section ${heading}`)
  const level = heading.indexOf(' ')
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(' ') <= level)
  return lines.slice(start, end < 0 ? undefined : end).join('\n')
}

/** Cells of a table row, split on unescaped pipes. */
function cells(row: string): string[] {
  return row
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim())
}

describe('mdText', () => {
  it('escapes what would turn user text into Markdown syntax, and keeps it on one line', () => {
    expect(mdText('*Vélo* | [lien](http://x) <b>_a_</b> ~b~ `c` #1 \\')).toBe(
      '\\*Vélo\\* \\| \\[lien\\](http://x) \\<b\\>\\_a\\_\\</b\\> \\~b\\~ \\`c\\` #1 \\\\',
    )
    // A hash is escaped only where it would open or close a heading.
    expect(mdText('Atelier #1')).toBe('Atelier #1')
    expect(mdText('# 1 jour')).toBe('\\# 1 jour')
    expect(mdText('Atelier ##')).toBe('Atelier \\#\\#')
    expect(mdText('  ligne 1\n\nligne 2 ')).toBe('ligne 1 / ligne 2')
    expect(mdText('R&D &amp; co')).toBe('R&D &amp;amp; co')
  })
})

describe('buildMarkdown', () => {
  it('writes the coalition sheet in French with its sections in order', () => {
    const headings = sheet.split('\n').filter((line) => line.startsWith('## '))
    expect(headings).toEqual([
      '## Présentation',
      '## Horizon et impacts',
      '## Acteurs',
      '## Leviers',
      '## Boussole',
      '## Cartes les plus votées',
      '## Feuille de route / prochaines étapes',
      '## Autres éléments du tableau',
    ])
    expect(
      sheet.startsWith('# Mobilités partagées\n\n- **Date\u00a0:** 12 mars 2026\n- **Participants\u00a0:** 4\n'),
    ).toBe(true)
  })

  it('writes it in English for an English workshop, with the date in English', () => {
    const english = buildMarkdown(buildExport(workshopInput({ meta: { ...META, locale: 'en' } })))
    expect(english).toContain('- **Date:** 12 March 2026')
    expect(english).toContain('## Horizon and impacts')
    expect(english).toContain('| Axis | n | Mean | Median | Min | Max | Spread | To discuss |')
    expect(english).toContain('| Equitable | 3 | 1.3 | 1 | 0 | 3 | 3 | ⚠ yes |')
  })

  it('presents the coalition and the intention written in the cadrage frame', () => {
    const part = section(sheet, '## Présentation')
    expect(part).toContain('- **Coalition\u00a0:** Pour une mobilité partagée \\| inclusive')
    expect(part).toContain(
      '- **Intention\u00a0:** Pour une métropole où chacun se déplace sans voiture \\| horizon 2030',
    )
    expect(part).toContain('- **Phase en cours\u00a0:** Feuille de route et engagement')
  })

  it('lists impacts with the indicators that measure them and the levers that contribute', () => {
    const air = section(sheet, '### Un air plus sain')
    expect(air).toContain('- **Qualités\u00a0:** Protecteur, Équitable')
    expect(air).toContain(
      '  - **Concentration de NO₂** — Unité\u00a0: µg/m³ · Référence\u00a0: 32 · Cible\u00a0: 20 · Échéance\u00a0: 2030',
    )
    expect(air).toContain('- **Leviers qui y contribuent\u00a0:** Ouvrir les données de trafic')
    expect(section(sheet, '### Chacun accède à un mode partagé')).toContain(
      '- **Mesuré par\u00a0:** aucun indicateur relié',
    )
  })

  it('groups actors by sphere, then circle', () => {
    const part = section(sheet, '## Acteurs')
    expect(part.split('\n').filter((line) => line.startsWith('### '))).toEqual([
      '### Offre',
      '### Commande',
      '### Usages',
    ])
    expect(section(part, '### Commande')).toContain(
      '**Noyau**\n\n- **Collectivité de Lyon** — Type\u00a0: Acteur public · Pouvoir\u00a0: 5/5 · Intérêt\u00a0: 5/5',
    )
    expect(part).toContain('- **Mobi\\|Tech**')
  })

  it('says who holds each lever and what it contributes to', () => {
    const part = section(sheet, '## Leviers')
    expect(part).toContain('- **Ouvrir les données de trafic** — Sphère\u00a0: Commande · Type\u00a0: Données')
    expect(part).toContain('  - **Porté par\u00a0:** Collectivité de Lyon\n  - **Contribue à\u00a0:** Un air plus sain')
  })

  it('tables a revealed compass round with its flagged axes and authorless comments', () => {
    const round = section(sheet, '### Situation actuelle — la coalition (clos)')
    expect(round).toContain('| Axe | n | Moyenne | Médiane | Min | Max | Écart | À discuter |')
    expect(round).toContain('| Équitable | 3 | 1,3 | 1 | 0 | 3 | 3 | ⚠ oui |')
    expect(round).toContain('| Frugal | 3 (1 n. c.) | 3 | 3 | 3 | 3 | 0 |  |')
    expect(round).toContain('- *Équitable* — Les coûts \\| pèsent sur les \\*plus\\* fragiles')
    for (const row of round.split('\n').filter((line) => line.startsWith('| '))) expect(cells(row)).toHaveLength(8)
  })

  it('shows only the count of a hidden round, says so, and never reads the raw scores', () => {
    const hidden = section(sheet, '### Visée 2030 — la coalition (ouvert)')
    expect(hidden).toContain('> Tour non révélé\u00a0: 2 personnes ont noté.')
    expect(hidden).toContain('cette fiche n’en montre aucune')
    expect(hidden).not.toContain('|')
    expect(sheet).not.toContain('### Évolution')
    const doc = buildExport(workshopInput())
    expect(buildMarkdown({ ...doc, control: { ...doc.control, compass: compassSection.initial() } })).toBe(sheet)
  })

  it('compares two revealed rounds on the same subject', () => {
    const both = buildMarkdown(buildExport(workshopInput({ control: withBothRoundsRevealed(workshopControl()) })))
    const change = section(both, '### Évolution — Situation actuelle → Visée 2030')
    expect(change).toContain('| Axe | Situation actuelle | Visée 2030 | Évolution |')
    expect(change).toContain('| Capacitant | 2,3 | 3,5 | +1,2 |')
    expect(change).toContain('| Équitable | 1,3 | 3 | +1,7 |')
  })

  it('ranks the most voted cards, escaping pipes so the table keeps its columns', () => {
    const records = workshopRecords().map((r) =>
      (r as { id: string }).id === 'shape:lever-data'
        ? card('shape:lever-data', 'lever', 'page:page', 0, 0, { title: 'Données | trafic *ouvertes*' })
        : r,
    )
    const votes = section(buildMarkdown(buildExport(workshopInput({ records }))), '## Cartes les plus votées')
    expect(votes).toContain('### Priorités (3 votants)')
    const rows = votes.split('\n').filter((line) => line.startsWith('| '))
    expect(rows.slice(2).map(cells)).toEqual([
      ['1', 'Données \\| trafic \\*ouvertes\\*', 'Levier', '3'],
      ['2', 'Achat groupé de vélos cargo', 'Levier', '1'],
      ['2', 'Un air plus sain', 'Impact', '1'],
    ])
  })

  it('lists the cards and notes of the roadmap phase as next steps', () => {
    const part = section(sheet, '## Feuille de route / prochaines étapes')
    expect(part).toContain('- Levier\u00a0: **Achat groupé de vélos cargo**')
    expect(part).toContain('- Atelier de suivi en juin — porteur : Métropole')
    expect(part).not.toContain('Listez les actions') // the template's instructions
  })

  it('lists what else people wrote, not the template scaffolding nor what is already shown', () => {
    const part = section(sheet, '## Autres éléments du tableau')
    expect(part).toContain('- Idée : covoiturage / entre communes')
    expect(part).toContain('- Trop de voitures \\*en\\* centre-ville — *3. Diagnostic — 20 min*')
    expect(part).not.toMatch(/Chacun dépose une carte|Tour de table|Intention|Atelier de suivi/)
  })

  it('finds next steps in a frame named like the phase on a board without the template', () => {
    const frame = {
      ...note('shape:steps', 'page:page', 0, 0, ''),
      type: 'frame',
      props: { w: 800, h: 600, name: 'Prochaines étapes', color: 'black' },
    }
    const records = [defaultPageRecord(), frame, note('shape:step-1', 'shape:steps', 10, 10, 'Relancer | la Région')]
    const blank = buildMarkdown(buildExport(workshopInput({ meta: { ...META, template: 'blank' }, records })))
    expect(section(blank, '## Feuille de route / prochaines étapes')).toContain('- Relancer \\| la Région')
    expect(section(blank, '## Autres éléments du tableau')).toContain('- **Cadre\u00a0:** Prochaines étapes')
  })

  it('keeps an empty workshop short and says there is no next step', () => {
    const control = { ...workshopControl(), compass: compassSection.initial(), votes: { rounds: [], nextRoundSeq: 1 } }
    const empty = buildMarkdown(
      buildExport(
        workshopInput({ meta: { ...META, template: 'blank', coalition: '' }, records: [defaultPageRecord()], control }),
      ),
    )
    expect(empty.split('\n').filter((line) => line.startsWith('## '))).toEqual([
      '## Présentation',
      '## Feuille de route / prochaines étapes',
    ])
    expect(empty).toContain('Aucune étape notée sur le tableau.')
    expect(empty.endsWith('\n')).toBe(true)
  })
})
