import { describe, expect, it } from 'vitest'
import { defaultCardProps, validateCardProps } from '../cards/cardTypes'
import { parse as parseCsv } from 'csv-parse/sync'
import { buildCsv } from './csv'
import { buildMarkdown } from './markdown'
import { buildExport } from './model'
import { META, card, workshopInput, workshopRecords } from './testWorkshop'

/**
 * A card whose kind, sphere or circle nobody chose: every export says so (« non renseigné »,
 * "not set") instead of a value, and the JSON carries no code for it.
 */
const fresh = [
  card('shape:actor-fresh', 'actor', 'page:page', 3000, 3000, { name: 'Acteur neuf' }),
  card('shape:lever-fresh', 'lever', 'page:page', 3000, 3400, { title: 'Levier neuf' }),
]

function exportWith(locale: 'fr' | 'en') {
  return buildExport(workshopInput({ meta: { ...META, locale }, records: [...workshopRecords(), ...fresh] }))
}

describe('a card nobody described', () => {
  it('starts with its choices unset, and that is a valid card', () => {
    for (const type of ['actor', 'lever'] as const) {
      const props = defaultCardProps(type) as unknown as Record<string, unknown>
      expect(props.sphere).toBe('')
      expect(props.kind).toBe('')
      expect(validateCardProps(type, props).ok).toBe(true)
    }
    expect((defaultCardProps('actor') as unknown as Record<string, unknown>).circle).toBe('')
  })

  it('has no code for them in the JSON export', () => {
    const actor = exportWith('fr').cards.actor.find((c) => c.id === 'shape:actor-fresh')!
    expect(actor.fields).toMatchObject({ kind: null, sphere: null, circle: null })
    expect(actor.issues).toBeUndefined()
  })

  it('says « non renseigné » in the coalition sheet, grouped after the known spheres', () => {
    const sheet = buildMarkdown(exportWith('fr'))
    const actors = sheet.slice(sheet.indexOf('## Acteurs'))
    const headings = actors.split('\n').filter((line) => line.startsWith('### '))
    expect(headings.slice(0, 4)).toEqual(['### Offre', '### Commande', '### Usages', '### Sphère\u00a0: non renseigné'])
    expect(actors).toContain('**Cercle\u00a0: non renseigné**\n\n- **Acteur neuf** — Type\u00a0: non renseigné')
    expect(sheet).toContain('- **Levier neuf** — Sphère\u00a0: non renseigné · Type\u00a0: non renseigné')
    expect(sheet).not.toMatch(/Acteur neuf.*(Autre|Offre|À associer)/)
  })

  it('says "not set" in an English sheet and CSV', () => {
    const doc = exportWith('en')
    expect(buildMarkdown(doc)).toContain('**Levier neuf** — Sphere: not set · Kind: not set')
    const [header, ...rows] = parseCsv(buildCsv(doc), { bom: true, delimiter: ',' }) as string[][]
    const row = rows.find((cells) => cells.includes('shape:actor-fresh'))!
    for (const column of ['Kind', 'Sphere', 'Circle']) expect(row[header.indexOf(column)]).toBe('not set')
  })

  it('says « non renseigné » in the French CSV, and leaves cells of fields a type lacks empty', () => {
    const [header, ...rows] = parseCsv(buildCsv(exportWith('fr')), { bom: true, delimiter: ';' }) as string[][]
    const row = rows.find((cells) => cells.includes('shape:lever-fresh'))!
    expect(row[header.indexOf('Sphère')]).toBe('non renseigné')
    expect(row[header.indexOf('Cercle')]).toBe('')
  })
})

describe('a labelled link', () => {
  it('is exported as a link, not as a note saying « détient »', () => {
    const records = workshopRecords().map((record) => {
      const r = record as { id?: string; props?: Record<string, unknown> }
      return r.id === 'shape:a-holds'
        ? {
            ...r,
            props: {
              ...r.props,
              richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'détient' }] }] },
            },
          }
        : record
    })
    const doc = buildExport(workshopInput({ records }))
    expect(doc.links.some((link) => link.arrowId === 'shape:a-holds' && link.kind === 'holds')).toBe(true)
    expect(doc.notes.map((note) => note.text)).not.toContain('détient')
    expect(buildMarkdown(doc)).not.toMatch(/^- détient/m)
  })
})
