import { describe, expect, it } from 'vitest'
import { buildExport } from '../../shared/export'
import { withBothRoundsRevealed, workshopControl, workshopInput } from '../../shared/export/testWorkshop'
import { MAX_SERIES, reportRadars } from './reportRadars'

describe('report radars', () => {
  it('draws each revealed round of a subject as a series, and leaves hidden rounds out', () => {
    const oneRevealed = reportRadars(buildExport(workshopInput()))
    expect(oneRevealed).toHaveLength(1)
    expect(oneRevealed[0]).toMatchObject({ key: 'coalition', cardTitle: null })
    expect(oneRevealed[0].series.map((s) => s.label)).toEqual(['Situation actuelle'])

    const both = reportRadars(buildExport(workshopInput({ control: withBothRoundsRevealed(workshopControl()) })))
    expect(both[0].series.map((s) => [s.label, s.scoredCount])).toEqual([
      ['Situation actuelle', 3],
      ['Visée 2030', 2],
    ])
    // Means in axis order; « Frugal » had a « non concerné » that the mean leaves out.
    expect(both[0].series[0].values).toHaveLength(7)
    expect(both[0].series[0].values[2]).toBe(3)
  })

  it('makes one figure per card subject, named after the card, with the latest rounds', () => {
    const doc = buildExport(workshopInput({ control: withBothRoundsRevealed(workshopControl()) }))
    const round = doc.compass.rounds[0]
    const cardRounds = Array.from({ length: 4 }, (_, i) => ({
      ...round,
      id: `c-${i}`,
      label: `Tour ${i + 1}`,
      subject: { kind: 'card' as const, cardId: 'shape:lever-data' },
    }))
    const radars = reportRadars({ ...doc, compass: { ...doc.compass, rounds: [...doc.compass.rounds, ...cardRounds] } })
    expect(radars.map((r) => r.cardTitle)).toEqual([null, 'Ouvrir les données de trafic'])
    expect(radars[1].series.map((s) => s.label)).toEqual(['Tour 2', 'Tour 3', 'Tour 4'])
    expect(radars[1].series).toHaveLength(MAX_SERIES)
  })
})
