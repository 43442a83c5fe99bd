import { describe, expect, it } from 'vitest'
import { buildExport } from '../export/model'
import { META, T0, withBothRoundsRevealed, workshopControl, workshopInput } from '../export/testWorkshop'
import { hasContent, outcomeFromExport } from './outcome'

describe('outcomeFromExport', () => {
  const doc = buildExport(workshopInput())
  const outcome = outcomeFromExport(META.id, doc)

  it('keeps the workshop, its date and the phase it reached', () => {
    expect(outcome).toMatchObject({
      workshopId: META.id,
      title: 'Mobilités partagées',
      locale: 'fr',
      createdAt: META.createdAt,
    })
    expect(outcome.phase).toEqual({ id: 'feuille-de-route', name: expect.stringMatching(/feuille de route/i) })
  })

  it('keeps only revealed rounds about the coalition, with their means and opening time', () => {
    // The fixture's second round (« Visée 2030 ») is still hidden: none of its values may leak.
    expect(outcome.compass.map((r) => r.label)).toEqual(['Situation actuelle'])
    const [first] = outcome.compass
    expect(first.at).toBe(T0)
    expect(first.means.capacitant).toBeCloseTo(7 / 3)
    expect(first.means.frugal).toBe(3)
    const both = outcomeFromExport(
      META.id,
      buildExport(workshopInput({ control: withBothRoundsRevealed(workshopControl()) })),
    )
    expect(both.compass.map((r) => r.label)).toEqual(['Situation actuelle', 'Visée 2030'])
    expect(both.compass[1].means.frugal).toBe(3.5)
  })

  it('lists actors with their circles and the roadmap as next steps', () => {
    expect(outcome.actors).toEqual([
      { name: 'Mobi|Tech', circle: 'a-associer' },
      { name: 'Collectivité de Lyon', circle: 'noyau' },
      { name: 'Association Vélo pour tous', circle: 'premier-cercle' },
    ])
    expect(outcome.nextSteps).toEqual(['Achat groupé de vélos cargo', 'Atelier de suivi en juin — porteur : Métropole'])
  })

  it('reads an empty workshop as nothing to show', () => {
    const empty = outcomeFromExport(
      'x',
      buildExport(
        workshopInput({
          records: [],
          control: { ...workshopControl(), compass: { rounds: [], questions: {}, nextRoundSeq: 1 } },
        }),
      ),
    )
    expect(empty.compass).toEqual([])
    expect(empty.actors).toEqual([])
    expect(empty.nextSteps).toEqual([])
  })
})

describe('hasContent', () => {
  it('is false for a board holding only its template, true once people wrote or revealed something', () => {
    const full = buildExport(workshopInput())
    expect(hasContent(full)).toBe(true)
    const templateOnly = buildExport(
      workshopInput({
        records: workshopInput().records.filter(
          (r) =>
            !/^shape:(intention|diag-1|loose|impact|ind|actor|lever|next|a-)/.test(String((r as { id: string }).id)),
        ),
        control: { ...workshopControl(), compass: { rounds: [], questions: {}, nextRoundSeq: 1 } },
      }),
    )
    expect(templateOnly.notes.length).toBeGreaterThan(0)
    expect(hasContent(templateOnly)).toBe(false)
  })
})
