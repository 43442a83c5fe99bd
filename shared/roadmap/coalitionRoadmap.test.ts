import { describe, expect, it } from 'vitest'
import { actionKey, coalitionRoadmap } from './coalitionRoadmap'
import type { RoadmapItem } from './roadmap'

function item(id: string, what: string, due: string | null, status: RoadmapItem['status']): RoadmapItem {
  return { id: `shape:${id}`, what, owner: 'Awa', ownerActorId: null, due, status, serves: [] }
}

describe('a coalition roadmap across workshops', () => {
  const first = {
    workshopId: 'w1',
    workshopTitle: 'Atelier 1',
    createdAt: 1,
    items: [item('a', 'Rédiger la charte', '2027-01-31', 'todo'), item('b', 'Lancer le pilote', '2027-06-30', 'todo')],
  }
  const second = {
    workshopId: 'w2',
    workshopTitle: 'Atelier 2',
    createdAt: 2,
    items: [
      item('c', '  rediger  LA charte ', '2027-01-31', 'done'),
      item('d', 'Trouver un financement', '2027-02-01', 'doing'),
    ],
  }

  it('takes an action’s status from the latest workshop that has it, keeping each workshop’s as history', () => {
    const roadmap = coalitionRoadmap([second, first], '2027-03-01')
    const charte = roadmap.actions.find((action) => actionKey(action.what) === 'rediger la charte')!
    expect(charte).toMatchObject({ status: 'done', workshopId: 'w2' })
    expect(charte.history.map((step) => [step.workshopId, step.status])).toEqual([
      ['w1', 'todo'],
      ['w2', 'done'],
    ])
    expect(roadmap.actions).toHaveLength(3)
  })

  it('shows overdue actions first, with done/total and the next due date', () => {
    const roadmap = coalitionRoadmap([first, second], '2027-03-01')
    expect(roadmap.actions.map((action) => action.what)).toEqual([
      'Trouver un financement',
      'Lancer le pilote',
      '  rediger  LA charte ',
    ])
    expect(roadmap.progress).toEqual({ total: 3, done: 1, overdue: 1, nextDue: '2027-06-30' })
  })

  it('never merges two unnamed actions', () => {
    const blank = {
      workshopId: 'w3',
      workshopTitle: 'Atelier 3',
      createdAt: 3,
      items: [item('x', '', null, 'todo'), item('y', ' ', null, 'todo')],
    }
    expect(coalitionRoadmap([blank], '2027-03-01').actions).toHaveLength(2)
  })
})
