import { describe, expect, it } from 'vitest'
import type { RoadmapItem } from '../roadmap/roadmap'
import { buildLivretMarkdown } from './livret'
import { summarizeCoalition } from './panorama'
import { coalition, DAY, outcome, space, T0, withOutcomes } from './testSpace'

function action(
  id: string,
  what: string,
  due: string | null,
  status: RoadmapItem['status'],
  owner = 'Awa',
): RoadmapItem {
  return { id: `shape:${id}`, what, owner, ownerActorId: null, due, status, serves: [] }
}

// T0 is 12 March 2026.
const first = outcome('w1', T0 - 60 * DAY, {
  title: 'Atelier de lancement',
  roadmap: [
    action('a', 'Rédiger la charte', '2026-02-01', 'todo'),
    action('b', 'Lancer le pilote', '2026-09-30', 'todo'),
  ],
})
const second = outcome('w2', T0 - 5 * DAY, {
  title: 'Atelier de suivi',
  roadmap: [
    action('c', 'Rédiger la charte', '2026-02-01', 'done'),
    action('d', 'Trouver un financement', '2026-03-01', 'doing', 'Léo'),
  ],
})
const mobility = withOutcomes(coalition({ id: 'mobilite0001', title: 'Pour une mobilité partagée', themeId: null }), [
  first,
  second,
])

describe('the coalition roadmap in the space', () => {
  it('merges the actions of all workshops: the later status wins, overdue first, done/total and next due date', () => {
    const { roadmap } = summarizeCoalition([first, second], '2026-03-12')
    expect(roadmap.actions.map((a) => [a.what, a.status, a.workshopId])).toEqual([
      ['Trouver un financement', 'doing', 'w2'],
      ['Lancer le pilote', 'todo', 'w1'],
      ['Rédiger la charte', 'done', 'w2'],
    ])
    expect(roadmap.progress).toEqual({ total: 3, done: 1, overdue: 1, nextDue: '2026-09-30' })
  })

  it('is in the livret, under each coalition', () => {
    const md = buildLivretMarkdown({ space: space(), coalitions: [mobility], sheets: new Map(), exportedAt: T0 })
    const lines = md.split('\n')
    const start = lines.indexOf('#### Feuille de route de la coalition')
    expect(start).toBeGreaterThan(0)
    expect(lines.slice(start + 2, start + 8)).toEqual([
      '1\u00a0/\u00a03 faite, 1 en retard.',
      '',
      '| Action | Porteur | Échéance | Statut | Atelier |',
      '| --- | --- | --- | --- | --- |',
      '| Trouver un financement | Léo | 1 mars 2026 | En cours (**en retard**) | Atelier de suivi |',
      '| Lancer le pilote | Awa | 30 septembre 2026 | À faire | Atelier de lancement |',
    ])
  })
})
