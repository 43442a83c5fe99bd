import { describe, expect, it } from 'vitest'
import { buildExport } from '../export/model'
import { exportDocumentSchema } from '../export/schema'
import { META, workshopInput } from '../export/testWorkshop'
import { buildLivretMarkdown } from './livret'
import { buildLivretJson, SPACE_EXPORT_FORMAT } from './livretJson'
import { outcomeFromExport } from './outcome'
import { coalition, DAY, outcome, space, T0, withOutcomes } from './testSpace'

const sheet = buildExport(workshopInput())
const mobility = withOutcomes(
  coalition({
    id: 'mobilite0001',
    title: 'Pour une mobilité partagée',
    themeId: 'environnement',
    cohort: 'pilote',
    status: 'active',
    needs: ['Co-porteurs recherchés', 'Adaptation *territoriale*'],
    coLeads: ['Métropole de Lyon'],
    decisions: [
      { id: 'd1', decision: 'reporter', date: '2026-01-15', reason: 'Attendre le budget', recordedAt: T0 - 60 * DAY },
      { id: 'd2', decision: 'activer', date: '2026-03-02', reason: 'Noyau constitué', recordedAt: T0 - 10 * DAY },
    ],
  }),
  [
    outcome('older-workshop', META.createdAt - 90 * DAY, { title: 'Premier atelier' }),
    outcomeFromExport(META.id, sheet),
  ],
)
const school = coalition({
  id: 'ecole0000001',
  title: 'Pour l’équité scolaire',
  themeId: 'inclusion',
  cohort: 'promo-1',
  status: 'en-projet',
})
const orphan = coalition({ id: 'orphan000001', title: 'Communs | savoirs', themeId: null, cohort: 'stock' })
const input = {
  space: space({ title: 'Saison #2026', description: 'Premier paragraphe.\n\nSecond paragraphe.' }),
  coalitions: [school, mobility, orphan],
  sheets: new Map([[mobility.id, sheet]]),
  exportedAt: T0,
}

/** The lines of one heading's section, up to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n')
  const start = lines.indexOf(heading)
  if (start < 0) throw new Error(`no heading ${heading}`)
  const level = heading.indexOf(' ')
  const end = lines.findIndex((line, i) => i > start && /^#+ /.test(line) && line.indexOf(' ') <= level)
  return lines.slice(start, end < 0 ? undefined : end)
}

describe('buildLivretMarkdown', () => {
  const md = buildLivretMarkdown(input)

  it('opens with the space, its description, the date and the number of coalitions', () => {
    expect(md.split('\n').slice(0, 9)).toEqual([
      '# Livret des coalitions — Saison #2026',
      '',
      'Premier paragraphe.',
      '',
      'Second paragraphe.',
      '',
      '- **Date\u00a0:** 12 mars 2026',
      '- **Coalitions\u00a0:** 3',
      '',
    ])
  })

  it('has the cohort table in programme order with theme, status and decision in force', () => {
    expect(section(md, '## Tableau des promotions').slice(2, 7)).toEqual([
      '| Promotion | Coalition | Thème | Statut | Décision |',
      '| --- | --- | --- | --- | --- |',
      '| Pilote | Pour une mobilité partagée | Environnement | Active | Activer |',
      '| Promo 1 | Pour l’équité scolaire | Inclusion, capacitation, éducation | En projet | – |',
      '| Stock à activer | Communs \\| savoirs | Sans thème | Idée | – |',
    ])
  })

  it('groups coalitions by theme in the space order, empty themes left out', () => {
    const themes = md
      .split('\n')
      .filter((line) => line.startsWith('## '))
      .slice(1)
    expect(themes).toEqual(['## Environnement', '## Inclusion, capacitation, éducation', '## Sans thème'])
  })

  it('describes each coalition: cohort, status, needs, co-leads, decision, workshops in time order with their phase', () => {
    const block = section(md, '### Pour une mobilité partagée')
    expect(block).toContain('- **Promotion\u00a0:** Pilote')
    expect(block).toContain('- **Besoins\u00a0:** Co-porteurs recherchés, Adaptation \\*territoriale\\*')
    expect(block).toContain('- **Co-porteurs\u00a0:** Métropole de Lyon')
    expect(block).toContain('- **Décision\u00a0:** Activer (2 mars 2026) — Noyau constitué')
    expect(block).toContain('- **Acteurs engagés (noyau et premier cercle)\u00a0:** 2 / 3')
    const own = block.slice(
      0,
      block.findIndex((line) => line.startsWith('#### ')),
    )
    const workshops = own.filter((line) => line.startsWith('  - '))
    expect(workshops).toHaveLength(2)
    expect(workshops[0]).toMatch(/^ {2}- Premier atelier — /)
    expect(workshops[1]).toMatch(
      /^ {2}- Mobilités partagées — 11 mars 2026 — étape atteinte\u00a0: .*feuille de route/i,
    )
    expect(section(md, '#### Historique des décisions')).toEqual([
      '#### Historique des décisions',
      '',
      '- Activer (2 mars 2026) — Noyau constitué',
      '- Reporter (15 janvier 2026) — Attendre le budget',
      '',
    ])
  })

  it('embeds the sheet of the latest workshop with its headings three levels down', () => {
    const embedded = section(md, '#### Fiche issue de l’atelier\u00a0: « Mobilités partagées »')
    expect(embedded).toContain('##### Présentation')
    expect(embedded).toContain('##### Acteurs')
    expect(embedded).toContain('###### Usages')
    expect(
      embedded.some((line) => line.startsWith('- Achat groupé') || line.includes('Achat groupé de vélos cargo')),
    ).toBe(true)
    expect(md.split('\n').filter((line) => /^#{7,}/.test(line))).toEqual([])
  })

  it('says when a coalition has no workshop yet', () => {
    expect(section(md, '### Pour l’équité scolaire')).toContain('- **Ateliers\u00a0:** Aucun atelier pour l’instant.')
  })

  it('is written in English for an English space', () => {
    const en = buildLivretMarkdown({ ...input, space: space({ locale: 'en', title: 'Season' }) })
    expect(en).toContain('# Coalitions booklet — Season')
    expect(en).toContain('| Pilot | Pour une mobilité partagée | Environnement | Active | Activate |')
  })
})

describe('buildLivretJson', () => {
  const doc = buildLivretJson(input)

  it('is tagged and lists cohorts with their coalitions', () => {
    expect(doc.format).toBe(SPACE_EXPORT_FORMAT)
    expect(doc.cohorts.map((c) => [c.code, c.coalitionIds])).toEqual([
      ['pilote', ['mobilite0001']],
      ['promo-1', ['ecole0000001']],
      ['promo-2', []],
      ['stock', ['orphan000001']],
    ])
  })

  it('gives each coalition its fields, decisions newest first, workshops in time order and summary', () => {
    const entry = doc.coalitions.find((c) => c.id === 'mobilite0001')!
    expect(entry.theme).toEqual({ id: 'environnement', label: 'Environnement' })
    expect(entry.decision).toMatchObject({ id: 'd2', label: 'Activer' })
    expect(entry.decisions.map((d) => d.id)).toEqual(['d2', 'd1'])
    expect(entry.workshops.map((w) => w.id)).toEqual(['older-workshop', META.id])
    expect(entry.summary).toMatchObject({ actorsEngaged: 2, actorsTotal: 3, compass: { label: 'Situation actuelle' } })
  })

  it('carries the readable part of the latest workshop export, never its snapshot or members’ scores', () => {
    const entry = doc.coalitions.find((c) => c.id === 'mobilite0001')!
    expect(entry.sheet).not.toBeNull()
    expect(entry.sheet).not.toHaveProperty('board')
    expect(entry.sheet).not.toHaveProperty('control')
    // Everything else is the workshop format's own shape.
    const full = exportDocumentSchema.safeParse({ ...entry.sheet, board: sheet.board, control: sheet.control })
    expect(full.success).toBe(true)
    expect(JSON.stringify(doc)).not.toContain('alice')
    expect(doc.coalitions.find((c) => c.id === 'ecole0000001')!.sheet).toBeNull()
  })
})
