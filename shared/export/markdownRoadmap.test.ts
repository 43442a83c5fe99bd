import { parse as parseCsv } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { buildCsv } from './csv'
import { buildMarkdown } from './markdown'
import { buildExport } from './model'
import { exportDocumentSchema } from './schema'
import { FRAME, arrow, card, workshopInput, workshopRecords } from './testWorkshop'

// T0 is 12 March 2026: the first action is late on the sheet's day, the second is not.
function withActions(): object[] {
  return [
    ...workshopRecords(),
    card('shape:action-charte', 'action', FRAME.roadmap, 100, 600, {
      what: 'Rédiger la charte #1',
      ownerActorId: 'shape:actor-lyon',
      owner: 'Awa',
      due: '2026-03-01',
      status: 'todo',
    }),
    card('shape:action-pilote', 'action', FRAME.roadmap, 100, 900, {
      what: 'Lancer le pilote',
      owner: 'Léo | Mobi',
      due: '2026-06-30',
      status: 'doing',
    }),
    card('shape:action-carte', 'action', FRAME.roadmap, 100, 1200, {
      what: 'Cartographier les acteurs',
      status: 'done',
    }),
    ...arrow('a-implements', 'shape:action-charte', 'shape:lever-data'),
    ...arrow('a-implements-2', 'shape:action-pilote', 'shape:impact-access'),
  ]
}

const doc = buildExport(workshopInput({ records: withActions() }))

function section(markdown: string, heading: string): string[] {
  const lines = markdown.split('\n')
  const start = lines.indexOf(heading)
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '))
  return lines.slice(start, end < 0 ? undefined : end)
}

describe('actions in the outcome', () => {
  it('are in the JSON: cards with their fields, and the derived roadmap, valid against the format', () => {
    expect(doc.cards.action.map((c) => c.fields)).toEqual([
      {
        what: 'Rédiger la charte #1',
        owner: 'Awa',
        ownerActorId: 'shape:actor-lyon',
        due: '2026-03-01',
        status: 'todo',
      },
      { what: 'Lancer le pilote', owner: 'Léo | Mobi', ownerActorId: '', due: '2026-06-30', status: 'doing' },
      { what: 'Cartographier les acteurs', owner: '', ownerActorId: '', due: '', status: 'done' },
    ])
    expect(doc.roadmap?.[0]).toMatchObject({
      owner: 'Collectivité de Lyon',
      serves: [{ id: 'shape:lever-data', type: 'lever', title: 'Ouvrir les données de trafic' }],
    })
    expect(doc.links.find((link) => link.arrowId === 'shape:a-implements')?.kind).toBe('implements')
    expect(exportDocumentSchema.safeParse(JSON.parse(JSON.stringify(doc))).success).toBe(true)
  })

  it('end the sheet with the roadmap table, late actions first and marked, instead of « Aucune étape »', () => {
    const md = buildMarkdown(doc)
    const roadmap = section(md, '## Feuille de route / prochaines étapes')
    expect(roadmap).not.toContain('Aucune étape notée sur le tableau.')
    expect(roadmap).toContain('1\u00a0/\u00a03 faite, 1 en retard.')
    const table = roadmap.filter((line) => line.startsWith('|'))
    expect(table).toEqual([
      '| Action | Porteur | Échéance | Statut | Met en œuvre |',
      '| --- | --- | --- | --- | --- |',
      '| Rédiger la charte #1 | Collectivité de Lyon | 1 mars 2026 | À faire (**en retard**) | Ouvrir les données de trafic |',
      '| Lancer le pilote | Léo \\| Mobi | 30 juin 2026 | En cours | Chacun accède à un mode partagé |',
      '| Cartographier les acteurs | – | – | Fait | – |',
    ])
    // The other cards and notes of the roadmap frame still follow it.
    expect(roadmap.join('\n')).toContain('Atelier de suivi en juin')
  })

  it('have their own columns in the CSV, the owner actor by name', () => {
    const rows = parseCsv(buildCsv(doc), { bom: true, columns: true, delimiter: ';' }) as Record<string, string>[]
    const charte = rows.find((row) => row.Titre === 'Rédiger la charte #1')!
    expect(charte.Carte).toBe('Action')
    expect(charte['Porteur (nom)']).toBe('Awa')
    expect(charte['Acteur porteur']).toBe('Collectivité de Lyon')
    expect(charte['Date prévue']).toBe('2026-03-01')
    expect(charte.Statut).toBe('À faire')
  })
})
