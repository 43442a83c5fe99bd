/**
 * Pure statistics for the bench: percentiles of latency samples, medians of repeated
 * runs and how far apart those runs were (the noise a reader must discount).
 */

/** Latency summary in milliseconds; null fields when there was no sample. */
export interface LatencySummary {
  count: number
  p50: number | null
  p95: number | null
  p99: number | null
  max: number | null
}

/** The q-quantile (0..1) of already sorted values, nearest-rank (no interpolation). */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  if (sorted.length === 0) return null
  const rank = Math.ceil(q * sorted.length)
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]
}

/** p50, p95, p99 and max of raw samples (not modified). */
export function summarizeLatency(samples: ArrayLike<number>): LatencySummary {
  const sorted = Float64Array.from(samples).sort()
  return {
    count: sorted.length,
    p50: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : null,
  }
}

/** Median of the non-null values (mean of the middle two for an even count); null if none. */
export function median(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b)
  if (xs.length === 0) return null
  const mid = Math.floor(xs.length / 2)
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2
}

/**
 * Spread of repeated measurements relative to their median: (max − min) / median.
 * 0.1 means the runs were within ±5 % of each other, roughly. Null with fewer than two
 * values or a zero median.
 */
export function relativeSpread(values: readonly (number | null)[]): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v))
  if (xs.length < 2) return null
  const m = median(xs)
  if (!m) return null
  return (Math.max(...xs) - Math.min(...xs)) / Math.abs(m)
}

/** A measured value over repeated runs: every run, their median and spread. */
export interface Repeated {
  runs: (number | null)[]
  median: number | null
  spread: number | null
}

export function repeated(runs: (number | null)[]): Repeated {
  return { runs, median: median(runs), spread: relativeSpread(runs) }
}

/** ours / reference, or null when either is missing or the reference is 0. */
export function ratio(ours: number | null | undefined, reference: number | null | undefined): number | null {
  if (ours === null || ours === undefined || reference === null || reference === undefined || reference === 0)
    return null
  return ours / reference
}
