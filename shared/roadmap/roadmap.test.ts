import { describe, expect, it } from 'vitest'
import type { ExportCard, ExportCards, ExportLink } from '../export/schema'
import { isOverdue, roadmapFromCards, roadmapProgress, sortRoadmap, type RoadmapItem } from './roadmap'

function card(id: string, title: string, fields: Record<string, unknown> = {}): ExportCard {
  return { id: `shape:${id}`, title, framePath: [], frameIds: [], fields: fields as ExportCard['fields'] }
}

function item(id: string, due: string | null, status: RoadmapItem['status']): RoadmapItem {
  return { id: `shape:${id}`, what: id, owner: '', ownerActorId: null, due, status, serves: [] }
}

describe('the roadmap read from cards', () => {
  const cards: ExportCards = {
    actor: [card('lyon', 'Métropole de Lyon')],
    lever: [card('achat', 'Clause d’achat')],
    indicator: [],
    impact: [card('acces', 'Accès pour tous')],
    action: [
      card('charte', 'Rédiger la charte', {
        what: 'Rédiger la charte',
        owner: 'Awa',
        ownerActorId: 'shape:lyon',
        due: '2027-03-31',
        status: 'doing',
      }),
      card('pilote', 'Lancer le pilote', {
        what: 'Lancer le pilote',
        owner: 'Léo',
        ownerActorId: 'shape:gone',
        due: '',
        status: null,
      }),
    ],
  }
  const links: ExportLink[] = [
    { arrowId: 'shape:a1', from: 'shape:charte', to: 'shape:achat', kind: 'implements' },
    { arrowId: 'shape:a2', from: 'shape:charte', to: 'shape:acces', kind: 'implements' },
    { arrowId: 'shape:a3', from: 'shape:pilote', to: 'shape:acces', kind: 'relates-to' },
  ]

  it('names the owner actor when it is on the board, else the typed name; lists what each action implements', () => {
    const [charte, pilote] = roadmapFromCards(cards, links)
    expect(charte).toEqual({
      id: 'shape:charte',
      what: 'Rédiger la charte',
      owner: 'Métropole de Lyon',
      ownerActorId: 'shape:lyon',
      due: '2027-03-31',
      status: 'doing',
      serves: [
        { id: 'shape:achat', type: 'lever', title: 'Clause d’achat' },
        { id: 'shape:acces', type: 'impact', title: 'Accès pour tous' },
      ],
    })
    // The actor was deleted: the typed name stays; an arrow of another meaning serves nothing.
    expect(pilote).toMatchObject({ owner: 'Léo', ownerActorId: null, due: null, status: null, serves: [] })
  })

  it('reads exports made before actions existed as an empty roadmap', () => {
    const { action: _none, ...older } = cards
    expect(roadmapFromCards(older as ExportCards, links)).toEqual([])
  })
})

describe('roadmap order and progress', () => {
  const today = '2027-04-15'
  const items = [
    item('done', '2027-01-01', 'done'),
    item('undated', null, 'todo'),
    item('later', '2027-06-01', 'todo'),
    item('dropped', '2027-02-01', 'dropped'),
    item('late-recent', '2027-04-14', 'doing'),
    item('today', '2027-04-15', 'todo'),
    item('late-old', '2027-02-01', null),
  ]

  it('puts overdue actions first (oldest first), then open ones by date (undated last), then done, then dropped', () => {
    expect(sortRoadmap(items, today).map((i) => i.what)).toEqual([
      'late-old',
      'late-recent',
      'today',
      'later',
      'undated',
      'done',
      'dropped',
    ])
  })

  it('is late only when open and due before today', () => {
    expect(isOverdue(item('x', '2027-04-14', 'todo'), today)).toBe(true)
    expect(isOverdue(item('x', '2027-04-15', 'todo'), today)).toBe(false)
    expect(isOverdue(item('x', '2027-01-01', 'done'), today)).toBe(false)
    expect(isOverdue(item('x', '2027-01-01', 'dropped'), today)).toBe(false)
    expect(isOverdue(item('x', null, 'todo'), today)).toBe(false)
  })

  it('counts done over the actions not dropped, the late ones, and the next due date', () => {
    expect(roadmapProgress(items, today)).toEqual({ total: 6, done: 1, overdue: 2, nextDue: '2027-04-15' })
    expect(roadmapProgress([], today)).toEqual({ total: 0, done: 0, overdue: 0, nextDue: null })
  })
})
