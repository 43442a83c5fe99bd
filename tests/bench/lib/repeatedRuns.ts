import type { LoadResult } from './loadRun'
import { median, relativeSpread, type LatencySummary } from './stats'

/**
 * Several runs of one load (same level, same server) as one result: each number the median
 * of the runs' medians, the spread the runs' own (how far apart the same measurement landed
 * from one run to the next, the noise a reader must discount). Pure.
 */

/** The runs of one level on one server, and what they say together. */
export interface RepeatedLoad {
  runs: LoadResult[]
  /** Field by field, the median of the runs (one run: that run). */
  combined: LoadResult
  /** Each run's update p99, in run order. */
  p99Runs: (number | null)[]
  /** (max − min) / median of those p99s; null with one run. */
  p99RunSpread: number | null
}

export function combineRuns(runs: LoadResult[]): RepeatedLoad {
  if (runs.length === 0) throw new Error('combineRuns needs at least one run')
  const p99Runs = runs.map((r) => r.median.updateP99)
  if (runs.length === 1) return { runs, combined: runs[0], p99Runs, p99RunSpread: null }
  const mid = (f: (r: LoadResult) => number | null): number | null => median(runs.map(f))
  // Every field of a run's medians is a number or null; a field that is a number in every run stays one.
  const medians = Object.fromEntries(
    (Object.keys(runs[0].median) as (keyof LoadResult['median'])[]).map((key) => [key, mid((r) => r.median[key])]),
  ) as LoadResult['median']
  const latency = (f: (r: LoadResult) => LatencySummary): LatencySummary => ({
    count: runs.reduce((sum, r) => sum + f(r).count, 0),
    p50: mid((r) => f(r).p50),
    p95: mid((r) => f(r).p95),
    p99: mid((r) => f(r).p99),
    max: mid((r) => f(r).max),
  })
  return {
    runs,
    p99Runs,
    p99RunSpread: relativeSpread(p99Runs),
    combined: {
      clients: runs[0].clients,
      // The worst run speaks for syncing and converging: one failure is a failure.
      synced: Math.min(...runs.map((r) => r.synced)),
      failures: sumCounts(runs.map((r) => r.failures)),
      serverCloses: sumCounts(runs.map((r) => r.serverCloses)),
      joinMs: latency((r) => r.joinMs),
      windows: runs.flatMap((r) => r.windows),
      median: medians,
      p99Spread: relativeSpread(p99Runs),
      serverRss: {
        loaded: mid((r) => r.serverRss.loaded) ?? 0,
        end: mid((r) => r.serverRss.end) ?? 0,
        peak: Math.max(...runs.map((r) => r.serverRss.peak)),
      },
      converged: {
        probes: Math.min(...runs.map((r) => r.converged.probes)),
        senders: Math.max(...runs.map((r) => r.converged.senders)),
        stale: Math.max(...runs.map((r) => r.converged.stale)),
      },
    },
  }
}

function sumCounts(all: Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const counts of all) for (const [k, n] of Object.entries(counts)) out[k] = (out[k] ?? 0) + n
  return out
}
