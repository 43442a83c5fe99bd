import type { WorkshopRoomConfig } from '../config'
import { measureLoad, type LoadResult } from '../lib/loadRun'
import { ms, progress } from '../lib/progress'
import { combineRuns } from '../lib/repeatedRuns'
import { startTarget, removeDir, type BenchTarget, type TargetKind } from '../lib/servers'
import { ratio } from '../lib/stats'
import type { LoadGenerator } from '../lib/workerPool'

/**
 * Scenario 1, the workshop room: N clients in one room, each editing its card at 1 Hz and
 * moving its cursor at 5 Hz, for N in the configured levels, each level `rounds` times;
 * then the plenary (1,000 connected, 100 of them editing, everyone's cursor). Within a
 * level the runs alternate between our server and the reference (the order flips every
 * round) so that a burst of noise on the shared machine hits both. The reference, once it
 * could not sync its clients (or lost most updates) at one level, is not run again at that
 * level or the higher ones: that level is where it stops working. Ours runs every level,
 * since the 1,000-client level is a target.
 */

export interface WorkshopLevel {
  target: TargetKind
  clients: number
  /** Clients editing their card (the others only move their cursor). */
  writers: number
  /** The plenary: a few writers among many watchers. */
  plenary: boolean
  /** Light clients echoed the awareness they received (stock y-websocket behaviour). */
  echo: boolean
  /** 0-based run of this level on this target. */
  round: number
  /** Why the level was not run (the target broke at a lower one). */
  skipped?: string
  result?: LoadResult
}

/** Every run of one level on one target, together: medians of the runs and their spread. */
export interface WorkshopSummary {
  target: TargetKind
  clients: number
  writers: number
  plenary: boolean
  echo: boolean
  runs: number
  skipped?: string
  /** Field by field the median of the runs (`combineRuns`). */
  result?: LoadResult
  /** Each run's update p99, and (max − min) / median of them. */
  p99Runs: (number | null)[]
  p99RunSpread: number | null
}

export interface WorkshopRoomResult {
  /** Every run, in the order run. */
  levels: WorkshopLevel[]
  /** One line per level, target, echo and plenary: what the report shows. */
  summaries: WorkshopSummary[]
  /** Per level (all writing, no echo): our p99 / reference p99 (medians of the runs), and the same for CPU per delivered change. */
  ratios: { clients: number; updateP99: number | null; cpuPerDelivered: number | null }[]
  /** First level at which each target's update p99 (median of the runs) exceeded 100 ms (null: never, in the levels run). */
  firstOver100ms: Record<TargetKind, number | null>
}

const TARGETS: TargetKind[] = ['ours', 'reference']
/** The self-check runs on the smallest level only if it is small (`--levels=1000` alone reports, not fails). */
const SELF_CHECK_UP_TO = 50

/** A level is broken when clients could not sync or most updates never arrived. */
export function isBroken(r: LoadResult): boolean {
  return r.synced < 0.95 * r.clients || (r.median.updateDelivery ?? 0) < 0.5
}

/** One load to run: a level of the grid, or the plenary. */
interface Load {
  clients: number
  writers: number
  plenary: boolean
}

/** `generatorReady` may still be starting: the servers start meanwhile. */
export async function runWorkshopRoom(
  config: WorkshopRoomConfig,
  generatorReady: LoadGenerator | Promise<LoadGenerator>,
): Promise<WorkshopRoomResult> {
  const levels: WorkshopLevel[] = []
  const brokenAt: Partial<Record<TargetKind, number>> = {}
  const brokenInPlenary: Partial<Record<TargetKind, number>> = {}
  const shared: Partial<Record<TargetKind, BenchTarget>> = {}
  const targets = config.targets ?? TARGETS
  const loads: Load[] = config.levels.map((clients) => ({
    clients,
    writers: Math.min(clients, config.writers ?? clients),
    plenary: false,
  }))
  if (config.plenary) loads.push({ ...config.plenary, plenary: true })
  try {
    if (!config.freshServerPerLevel) {
      // One server per target for the whole scenario: start both at once.
      const started = await Promise.all(targets.map((kind) => startTarget(kind)))
      targets.forEach((kind, i) => (shared[kind] = started[i]))
    }
    const generator = await generatorReady
    for (const load of loads) {
      const { clients } = load
      for (let round = 0; round < config.rounds; round++) {
        const order = round % 2 === 0 ? targets : [...targets].reverse()
        for (const kind of order) {
          const base = { target: kind, clients, writers: load.writers, plenary: load.plenary, round }
          // The plenary is a lighter load than the grid's level of the same size: a target that broke
          // in the grid still gets its chance there, once.
          const broken = load.plenary ? brokenInPlenary[kind] : brokenAt[kind]
          if (broken !== undefined && broken <= clients) {
            levels.push({ ...base, echo: false, skipped: `stopped working at ${broken} clients` })
            continue
          }
          let target = shared[kind]
          if (!target) {
            target = await startTarget(kind)
            if (!config.freshServerPerLevel) shared[kind] = target
          }
          try {
            const result = await runLevel(config, generator, target, load, false)
            levels.push({ ...base, echo: false, result })
            report(kind, load, round, false, result)
            if (clients === config.levels[0] && round === 0 && clients <= SELF_CHECK_UP_TO) assertSane(kind, result)
            if (kind === 'reference' && isBroken(result)) (load.plenary ? brokenInPlenary : brokenAt)[kind] = clients
            else if (round === 0 && !load.plenary && config.echoLevels.includes(clients)) {
              // The echo variant once per level: it asks whether stock providers change the picture, not by how much.
              if (config.freshServerPerLevel) {
                await stopTarget(target)
                target = await startTarget(kind)
              }
              const echoed = await runLevel(config, generator, target, load, true)
              levels.push({ ...base, echo: true, result: echoed })
              report(kind, load, round, true, echoed)
            }
          } finally {
            if (config.freshServerPerLevel) await stopTarget(target)
          }
        }
      }
    }
  } finally {
    for (const t of Object.values(shared)) if (t) await stopTarget(t)
  }
  const summaries = summarize(levels)
  return { levels, summaries, ratios: ratiosOf(summaries), firstOver100ms: firstOver(summaries) }
}

/**
 * The smallest level is the harness's self-check: every client syncs and every probe ends
 * with every writer's last card, on both servers. If not, the numbers above it mean
 * nothing and the run fails (exit 1) instead of reporting them.
 */
function assertSane(kind: TargetKind, r: LoadResult): void {
  const problems: string[] = []
  if (r.synced !== r.clients) problems.push(`${r.clients - r.synced} of ${r.clients} clients never synced`)
  if (r.converged.stale > 0) problems.push(`${r.converged.stale} (probe, writer) pairs never converged`)
  if (r.converged.probes === 0 || r.median.updateP50 === null) problems.push('no latency sample at all')
  if (problems.length)
    throw new Error(`harness self-check failed against ${kind} at ${r.clients} clients: ${problems.join('; ')}`)
}

function report(kind: TargetKind, load: Load, round: number, echo: boolean, result: LoadResult): void {
  const m = result.median
  const closes = Object.entries(result.serverCloses)
  const what = load.plenary ? `plenary ${load.clients} (${load.writers} writing)` : String(load.clients)
  progress(
    `workshop room ${kind} ${what}${echo ? ' (awareness echo)' : ''}, run ${round + 1}: synced ${result.synced}/${load.clients}, update p50 ${ms(m.updateP50)} p99 ${ms(m.updateP99)}, ` +
      `delivered ${Math.round(100 * (m.updateDelivery ?? 0))} %, awareness p99 ${ms(m.awarenessP99)}, server CPU ${Math.round(m.serverCpuPercent)} %, ` +
      `generator CPU ${Math.round(m.generatorCpuPercent)} %` +
      (closes.length ? `, closed by the server: ${closes.map(([code, n]) => `${n} × ${code}`).join(', ')}` : ''),
  )
}

async function runLevel(
  config: WorkshopRoomConfig,
  generator: LoadGenerator,
  target: BenchTarget,
  load: Load,
  echo: boolean,
): Promise<LoadResult> {
  const { clients } = load
  const room = await target.createRoom()
  const probeCount = Math.min(config.probes, clients)
  const tag = `${clients}${load.plenary ? 'w' : ''}${echo ? 'e' : ''}`
  const probes = Array.from({ length: probeCount }, (_, i) => room.client(`p${tag}-${i}`, 'probe'))
  // Probes always write (they measure); the light clients make up the rest of the writers.
  const lightWriters = Math.max(0, load.writers - probeCount)
  const light = Array.from({ length: clients - probeCount }, (_, i) => ({
    ...room.client(`l${tag}-${i}`, 'light'),
    echoAwareness: echo,
    writes: i < lightWriters,
  }))
  return measureLoad({
    target,
    generator,
    probes,
    light,
    updateHz: config.updateHz,
    awarenessHz: config.awarenessHz,
    timing: config.timing,
  })
}

async function stopTarget(target: BenchTarget): Promise<void> {
  await target.stop()
  removeDir(target.dataDir)
}

/** The runs of each (target, level, plenary, echo), in the order first run. */
function summarize(levels: WorkshopLevel[]): WorkshopSummary[] {
  const groups = new Map<string, WorkshopLevel[]>()
  for (const l of levels) {
    const key = `${l.target}/${l.clients}/${l.writers}/${l.plenary}/${l.echo}`
    groups.set(key, [...(groups.get(key) ?? []), l])
  }
  return [...groups.values()].map((group) => {
    const [first] = group
    const results = group.flatMap((l) => (l.result ? [l.result] : []))
    const repeated = results.length ? combineRuns(results) : null
    return {
      target: first.target,
      clients: first.clients,
      writers: first.writers,
      plenary: first.plenary,
      echo: first.echo,
      runs: results.length,
      skipped: results.length ? undefined : first.skipped,
      result: repeated?.combined,
      p99Runs: repeated?.p99Runs ?? [],
      p99RunSpread: repeated?.p99RunSpread ?? null,
    }
  })
}

/** The grid's lines: every client writing, no echo. */
const gridOf = (summaries: WorkshopSummary[]): WorkshopSummary[] => summaries.filter((s) => !s.plenary && !s.echo)

function ratiosOf(summaries: WorkshopSummary[]): WorkshopRoomResult['ratios'] {
  const byClients = new Map<number, Partial<Record<TargetKind, LoadResult>>>()
  for (const s of gridOf(summaries)) {
    if (!s.result) continue
    const entry = byClients.get(s.clients) ?? {}
    entry[s.target] = s.result
    byClients.set(s.clients, entry)
  }
  return [...byClients].map(([clients, r]) => ({
    clients,
    updateP99: ratio(r.ours?.median.updateP99, r.reference?.median.updateP99),
    cpuPerDelivered: ratio(r.ours?.median.serverCpuUsPerDelivered, r.reference?.median.serverCpuUsPerDelivered),
  }))
}

function firstOver(summaries: WorkshopSummary[]): Record<TargetKind, number | null> {
  const out: Record<TargetKind, number | null> = { ours: null, reference: null }
  for (const kind of TARGETS) {
    for (const s of gridOf(summaries)) {
      if (s.target !== kind) continue
      // A level the target could not run at counts as over: it did not deliver at all.
      const p99 = s.result?.median.updateP99 ?? null
      if (s.skipped || p99 === null || p99 > 100) {
        out[kind] = s.clients
        break
      }
    }
  }
  return out
}
