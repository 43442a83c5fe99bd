import { AXIS_CODES, type AxisCode } from './axes'

/**
 * Compass maths: what a round of scores says per axis, and how two rounds differ
 * (*situation actuelle* → *visée*: the gap points at levers).
 */

/** A score on one axis: 0 goes against it … 4 exemplary, or `'nc'` (non concerné). */
export const SCORE_VALUES = [0, 1, 2, 3, 4, 'nc'] as const
export type ScoreValue = (typeof SCORE_VALUES)[number]
export type NumericScore = Exclude<ScoreValue, 'nc'>

/** An axis whose spread (max − min) reaches this is flagged for discussion. */
export const FLAG_SPREAD = 2

export interface AxisAggregate {
  /** Everyone who answered this axis, "not concerned" included. */
  count: number
  /** Those who answered "not concerned": counted, but left out of every statistic below. */
  ncCount: number
  /** Statistics over the numeric scores; null when there are none. */
  mean: number | null
  median: number | null
  min: number | null
  max: number | null
  spread: number | null
  /** Spread ≥ FLAG_SPREAD: people disagree, talk about it. */
  flagged: boolean
}

/** One person's answers in a round: a value per axis they scored. */
export type ScoreSheet = Partial<Record<AxisCode, ScoreValue>>

/** Aggregate of one axis's answers. */
export function aggregateAxis(values: readonly ScoreValue[]): AxisAggregate {
  const numbers = values.filter((v): v is NumericScore => v !== 'nc').sort((a, b) => a - b)
  const ncCount = values.length - numbers.length
  if (numbers.length === 0) {
    return {
      count: values.length,
      ncCount,
      mean: null,
      median: null,
      min: null,
      max: null,
      spread: null,
      flagged: false,
    }
  }
  const sum = numbers.reduce<number>((total, v) => total + v, 0)
  const middle = numbers.length >> 1
  const median = numbers.length % 2 === 1 ? numbers[middle] : (numbers[middle - 1] + numbers[middle]) / 2
  const min = numbers[0]
  const max = numbers[numbers.length - 1]
  const spread = max - min
  return {
    count: values.length,
    ncCount,
    mean: sum / numbers.length,
    median,
    min,
    max,
    spread,
    flagged: spread >= FLAG_SPREAD,
  }
}

/** Aggregate of a round, per axis (every axis present, even with no answer). */
export type RoundAggregate = Record<AxisCode, AxisAggregate>

/** Aggregates everyone's sheets of one round, axis by axis. */
export function aggregateRound(sheets: Iterable<ScoreSheet>): RoundAggregate {
  const values = Object.fromEntries(AXIS_CODES.map((axis) => [axis, [] as ScoreValue[]])) as Record<
    AxisCode,
    ScoreValue[]
  >
  for (const sheet of sheets) {
    for (const axis of AXIS_CODES) {
      const value = sheet[axis]
      if (value !== undefined) values[axis].push(value)
    }
  }
  return Object.fromEntries(AXIS_CODES.map((axis) => [axis, aggregateAxis(values[axis])])) as RoundAggregate
}

/** Per axis, the change of mean from round `a` to round `b` (b − a); null if either has no mean. */
export function compareRounds(a: RoundAggregate, b: RoundAggregate): Record<AxisCode, number | null> {
  return Object.fromEntries(
    AXIS_CODES.map((axis) => {
      const from = a[axis].mean
      const to = b[axis].mean
      return [axis, from === null || to === null ? null : to - from]
    }),
  ) as Record<AxisCode, number | null>
}

/** The flagged axes of a round, in the compass's order. */
export function flaggedAxes(aggregate: RoundAggregate): AxisCode[] {
  return AXIS_CODES.filter((axis) => aggregate[axis].flagged)
}
