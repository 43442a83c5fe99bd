import { describe, expect, it } from 'vitest'
import { actorKey, circleEvolution, compassEvolution } from './evolution'
import { actors, DAY, means, outcome, round, T0 } from './testSpace'

describe('compassEvolution', () => {
  const june = outcome('w-june', T0 + 90 * DAY, {
    compass: [round('situation  actuelle', means(2, { frugal: 3 })), round('Visée', means(4))],
  })
  const march = outcome('w-march', T0, {
    compass: [round('Situation actuelle', means(1, { frugal: null }))],
  })
  const noCompass = outcome('w-none', T0 + 30 * DAY)

  it('puts workshops in time order and leaves out those without a revealed coalition round', () => {
    const evolution = compassEvolution([june, noCompass, march])
    expect(evolution.workshops.map((w) => w.workshopId)).toEqual(['w-march', 'w-june'])
  })

  it('matches rounds across workshops by label (case and spacing aside), one series per label per axis', () => {
    const evolution = compassEvolution([june, march])
    expect(evolution.rounds).toEqual(['Situation actuelle', 'Visée'])
    expect(evolution.axes.capacitant).toEqual([
      { round: 'Situation actuelle', values: [1, 2] },
      { round: 'Visée', values: [null, 4] },
    ])
    // No number in March on this axis: a gap, not a zero.
    expect(evolution.axes.frugal[0]).toEqual({ round: 'Situation actuelle', values: [null, 3] })
  })

  it('keeps the last round with a label when a workshop re-runs it', () => {
    const rerun = outcome('w', T0, { compass: [round('Visée', means(1), 'r1'), round('Visée', means(3), 'r2')] })
    expect(compassEvolution([rerun]).axes.innovant).toEqual([{ round: 'Visée', values: [3] }])
  })

  it('is empty when nothing was scored', () => {
    const evolution = compassEvolution([noCompass])
    expect(evolution.workshops).toEqual([])
    expect(evolution.rounds).toEqual([])
    expect(evolution.axes.equitable).toEqual([])
  })
})

describe('circleEvolution', () => {
  const first = outcome('w1', T0, {
    actors: actors(
      ['Région Bretagne', 'informe'],
      ['Association Vélo', 'premier-cercle'],
      ['Labo', 'noyau'],
      ['', 'noyau'],
    ),
  })
  const second = outcome('w2', T0 + 60 * DAY, {
    actors: actors(
      ['région  bretagne', 'premier-cercle'],
      ['Association Vélo', 'informe'],
      ['Labo', 'noyau'],
      ['Mairie', 'a-associer'],
    ),
  })
  const third = outcome('w3', T0 + 120 * DAY, {
    actors: actors(['Région Bretagne', 'noyau'], ['Labo', 'noyau']),
  })

  it('follows each named actor across workshops in time order, whoever arrives first', () => {
    const evolution = circleEvolution([third, first, second])
    expect(evolution.workshops.map((w) => w.workshopId)).toEqual(['w1', 'w2', 'w3'])
    const region = evolution.actors.find((a) => a.name === 'Région Bretagne')!
    expect(region.circles).toEqual(['informe', 'premier-cercle', 'noyau'])
    expect(region).toMatchObject({ from: 'informe', to: 'noyau', change: 'closer' })
    expect(evolution.actors.find((a) => a.name === 'Association Vélo')).toMatchObject({
      circles: ['premier-cercle', 'informe', null],
      change: 'further',
    })
    expect(evolution.actors.find((a) => a.name === 'Labo')).toMatchObject({ change: 'same' })
    expect(evolution.actors.find((a) => a.name === 'Mairie')).toMatchObject({
      circles: [null, 'a-associer', null],
      change: 'new',
    })
  })

  it('lists who moved, from where to where, in time order (informé → noyau in two steps)', () => {
    expect(circleEvolution([first, second, third]).moves).toEqual([
      { name: 'Association Vélo', from: 'premier-cercle', to: 'informe', workshopId: 'w2' },
      { name: 'Région Bretagne', from: 'informe', to: 'premier-cercle', workshopId: 'w2' },
      { name: 'Région Bretagne', from: 'premier-cercle', to: 'noyau', workshopId: 'w3' },
    ])
  })

  it('orders actors from the core outwards, then by name, and leaves unnamed cards out', () => {
    const names = circleEvolution([first, second, third]).actors.map((a) => a.name)
    expect(names).toEqual(['Labo', 'Région Bretagne', 'Association Vélo', 'Mairie'])
  })

  it('counts an actor placed twice in one workshop with its closest circle', () => {
    const twice = outcome('w', T0, { actors: actors(['Ville', 'informe'], ['ville', 'noyau'], ['Ville', null]) })
    expect(circleEvolution([twice]).actors).toEqual([
      { name: 'Ville', circles: ['noyau'], from: 'noyau', to: 'noyau', change: 'new' },
    ])
  })

  it('matches names whatever the case, spacing or Unicode composition', () => {
    expect(actorKey('  Re\u0301gion   Bretagne ')).toBe(actorKey('région bretagne'))
  })
})
