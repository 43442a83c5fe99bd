import type { WorkshopRoomConfig } from '../config'
import { measureLoad, type LoadResult } from '../lib/loadRun'
import { ms, progress } from '../lib/progress'
import { startTarget, removeDir, type BenchTarget, type TargetKind } from '../lib/servers'
import { ratio } from '../lib/stats'
import type { LoadGenerator } from '../lib/workerPool'

/**
 * Scenario 1, the workshop room: N clients in one room, each editing its card at 1 Hz and
 * moving its cursor at 5 Hz, for N in the configured levels. Levels alternate between our
 * server and the reference so that a burst of noise on the shared machine hits both. The
 * reference, once it could not sync its clients (or lost most updates) at one level, is not
 * run at the higher ones: that level is where it stops working. Ours runs every level,
 * since the 1,000-client level is a target.
 */

export interface WorkshopLevel {
  target: TargetKind
  clients: number
  /** Light clients echoed the awareness they received (stock y-websocket behaviour). */
  echo: boolean
  /** Why the level was not run (the target broke at a lower one). */
  skipped?: string
  result?: LoadResult
}

export interface WorkshopRoomResult {
  levels: WorkshopLevel[]
  /** Per level: our p99 / reference p99 (update latency), and the same for CPU per delivered change. */
  ratios: { clients: number; updateP99: number | null; cpuPerDelivered: number | null }[]
  /** First level at which each target's update p99 exceeded 100 ms (null: never, in the levels run). */
  firstOver100ms: Record<TargetKind, number | null>
}

const TARGETS: TargetKind[] = ['ours', 'reference']
/** The self-check runs on the smallest level only if it is small (`--levels=1000` alone reports, not fails). */
const SELF_CHECK_UP_TO = 50

/** A level is broken when clients could not sync or most updates never arrived. */
export function isBroken(r: LoadResult): boolean {
  return r.synced < 0.95 * r.clients || (r.median.updateDelivery ?? 0) < 0.5
}

/** `generatorReady` may still be starting: the servers start meanwhile. */
export async function runWorkshopRoom(
  config: WorkshopRoomConfig,
  generatorReady: LoadGenerator | Promise<LoadGenerator>,
): Promise<WorkshopRoomResult> {
  const levels: WorkshopLevel[] = []
  const brokenAt: Partial<Record<TargetKind, number>> = {}
  const shared: Partial<Record<TargetKind, BenchTarget>> = {}
  const targets = config.targets ?? TARGETS
  try {
    if (!config.freshServerPerLevel) {
      // One server per target for the whole scenario: start both at once.
      const started = await Promise.all(targets.map((kind) => startTarget(kind)))
      targets.forEach((kind, i) => (shared[kind] = started[i]))
    }
    const generator = await generatorReady
    for (const clients of config.levels) {
      for (const kind of targets) {
        const broken = brokenAt[kind]
        if (broken !== undefined) {
          levels.push({ target: kind, clients, echo: false, skipped: `stopped working at ${broken} clients` })
          continue
        }
        let target = shared[kind]
        if (!target) {
          target = await startTarget(kind)
          if (!config.freshServerPerLevel) shared[kind] = target
        }
        try {
          const result = await runLevel(config, generator, target, clients, false)
          levels.push({ target: kind, clients, echo: false, result })
          report(kind, clients, false, result)
          if (clients === config.levels[0] && clients <= SELF_CHECK_UP_TO) assertSane(kind, result)
          if (kind === 'reference' && isBroken(result)) brokenAt[kind] = clients
          else if (config.echoLevels.includes(clients)) {
            if (config.freshServerPerLevel) {
              await stopTarget(target)
              target = await startTarget(kind)
            }
            const echoed = await runLevel(config, generator, target, clients, true)
            levels.push({ target: kind, clients, echo: true, result: echoed })
            report(kind, clients, true, echoed)
          }
        } finally {
          if (config.freshServerPerLevel) await stopTarget(target)
        }
      }
    }
  } finally {
    for (const t of Object.values(shared)) if (t) await stopTarget(t)
  }
  return { levels, ratios: ratiosOf(levels), firstOver100ms: firstOver(levels) }
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

function report(kind: TargetKind, clients: number, echo: boolean, result: LoadResult): void {
  const m = result.median
  const closes = Object.entries(result.serverCloses)
  progress(
    `workshop room ${kind} ${clients}${echo ? ' (awareness echo)' : ''}: synced ${result.synced}/${clients}, update p50 ${ms(m.updateP50)} p99 ${ms(m.updateP99)}, ` +
      `delivered ${Math.round(100 * (m.updateDelivery ?? 0))} %, awareness p99 ${ms(m.awarenessP99)}, server CPU ${Math.round(m.serverCpuPercent)} %, ` +
      `generator CPU ${Math.round(m.generatorCpuPercent)} %` +
      (closes.length ? `, closed by the server: ${closes.map(([code, n]) => `${n} × ${code}`).join(', ')}` : ''),
  )
}

async function runLevel(
  config: WorkshopRoomConfig,
  generator: LoadGenerator,
  target: BenchTarget,
  clients: number,
  echo: boolean,
): Promise<LoadResult> {
  const room = await target.createRoom()
  const probeCount = Math.min(config.probes, clients)
  const tag = `${clients}${echo ? 'e' : ''}`
  const probes = Array.from({ length: probeCount }, (_, i) => room.client(`p${tag}-${i}`, 'probe'))
  const lightWriters = config.writers === undefined ? Infinity : Math.max(0, config.writers - probeCount)
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

function ratiosOf(levels: WorkshopLevel[]): WorkshopRoomResult['ratios'] {
  const byClients = new Map<number, Partial<Record<TargetKind, LoadResult>>>()
  for (const l of levels) {
    if (!l.result || l.echo) continue
    const entry = byClients.get(l.clients) ?? {}
    entry[l.target] = l.result
    byClients.set(l.clients, entry)
  }
  return [...byClients].map(([clients, r]) => ({
    clients,
    updateP99: ratio(r.ours?.median.updateP99, r.reference?.median.updateP99),
    cpuPerDelivered: ratio(r.ours?.median.serverCpuUsPerDelivered, r.reference?.median.serverCpuUsPerDelivered),
  }))
}

function firstOver(levels: WorkshopLevel[]): Record<TargetKind, number | null> {
  const out: Record<TargetKind, number | null> = { ours: null, reference: null }
  for (const kind of TARGETS) {
    for (const l of levels) {
      if (l.target !== kind || l.echo) continue
      // A level the target could not run at counts as over: it did not deliver at all.
      const p99 = l.result?.median.updateP99 ?? null
      if (l.skipped || p99 === null || p99 > 100) {
        out[kind] = l.clients
        break
      }
    }
  }
  return out
}
