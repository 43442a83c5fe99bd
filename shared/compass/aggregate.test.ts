import { describe, expect, it } from 'vitest'
import { aggregateAxis, aggregateRound, compareRounds, flaggedAxes, type ScoreSheet } from './aggregate'
import { AXIS_CODES } from './axes'

describe('aggregateAxis', () => {
  it('takes the middle value of an odd count', () => {
    expect(aggregateAxis([4, 1, 3])).toMatchObject({ count: 3, median: 3, min: 1, max: 4, spread: 3 })
  })

  it('takes the mean of the two middle values of an even count', () => {
    expect(aggregateAxis([0, 4, 1, 2]).median).toBe(1.5)
    expect(aggregateAxis([3, 3]).median).toBe(3)
    expect(aggregateAxis([1, 4]).median).toBe(2.5)
  })

  it('counts "not concerned" answers but leaves them out of every statistic', () => {
    const a = aggregateAxis(['nc', 2, 'nc', 4])
    expect(a).toEqual({ count: 4, ncCount: 2, mean: 3, median: 3, min: 2, max: 4, spread: 2, flagged: true })
  })

  it('has no statistics when everyone is "not concerned" or nobody answered', () => {
    expect(aggregateAxis(['nc', 'nc'])).toEqual({
      count: 2,
      ncCount: 2,
      mean: null,
      median: null,
      min: null,
      max: null,
      spread: null,
      flagged: false,
    })
    expect(aggregateAxis([]).count).toBe(0)
  })

  it('flags a spread of 2 or more, not less', () => {
    expect(aggregateAxis([1, 2, 2]).flagged).toBe(false)
    expect(aggregateAxis([1, 2, 3]).flagged).toBe(true)
    expect(aggregateAxis([0, 4]).flagged).toBe(true)
    expect(aggregateAxis([3]).flagged).toBe(false)
  })

  it('computes the mean of the numeric scores', () => {
    expect(aggregateAxis([0, 1, 2, 'nc']).mean).toBe(1)
    expect(aggregateAxis([1, 2]).mean).toBe(1.5)
  })
})

describe('aggregateRound and compareRounds', () => {
  const today: ScoreSheet[] = [
    { capacitant: 1, frugal: 'nc', equitable: 0 },
    { capacitant: 2, frugal: 'nc', equitable: 3 },
  ]
  const aimed: ScoreSheet[] = [
    { capacitant: 3, frugal: 2, equitable: 3 },
    { capacitant: 4, frugal: 3, equitable: 3 },
  ]

  it('aggregates every axis, with empty axes present', () => {
    const agg = aggregateRound(today)
    expect(Object.keys(agg)).toEqual([...AXIS_CODES])
    expect(agg.capacitant).toMatchObject({ count: 2, mean: 1.5, median: 1.5 })
    expect(agg.inclusif.count).toBe(0)
    expect(flaggedAxes(agg)).toEqual(['equitable'])
  })

  it('gives per-axis deltas of means (b − a), null where a side has no mean', () => {
    const delta = compareRounds(aggregateRound(today), aggregateRound(aimed))
    expect(delta.capacitant).toBe(2)
    expect(delta.equitable).toBe(1.5)
    expect(delta.frugal).toBeNull() // only "nc" today
    expect(delta.inclusif).toBeNull()
    expect(compareRounds(aggregateRound(aimed), aggregateRound(today)).capacitant).toBe(-2)
  })
})
