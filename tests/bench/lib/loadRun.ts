import type { ClientSpec, Convergence, OpenResult, Window } from '../clients/types'
import { nowMs } from './benchDoc'
import { CpuMeter, RssSampler, cpuSeconds, rssBytes } from './procStats'
import type { BenchTarget } from './servers'
import { median, relativeSpread, summarizeLatency, type LatencySummary } from './stats'
import type { LoadGenerator, MergedWindow } from './workerPool'

/**
 * One load measurement: open the clients, let them edit and move cursors at the given
 * rates, cut the steady part into windows, and for each window read the latencies the
 * probes saw, the frames in and out, and the CPU of the server and of the generator. The
 * clients are closed at the end; the server keeps running (the caller owns it).
 */

export interface LoadTiming {
  openTimeoutMs: number
  warmupMs: number
  windowMs: number
  windows: number
  /** Time after the last window for late deliveries to arrive. */
  drainMs: number
}

export interface LoadPlan {
  target: BenchTarget
  generator: LoadGenerator
  probes: ClientSpec[]
  light: ClientSpec[]
  updateHz: number
  awarenessHz: number
  timing: LoadTiming
  /** Processes whose CPU counts as the server's (several servers sharing a room); `target.pid` when absent. */
  serverPids?: number[]
  /** Processes of the database the servers share (PostgreSQL), read at each window mark; none when absent. */
  databasePids?: () => number[]
}

/** One window's numbers, every rate per second. */
export interface WindowNumbers {
  update: LatencySummary
  awareness: LatencySummary
  /** Card updates delivered to probes (seen, or superseded by a newer one in the same frame) / sent by the others. */
  updateDelivery: number | null
  /** Card updates per second that reached a probe (seen or superseded), all probes together. */
  probeUpdatesPerSec: number
  /** Card updates per second the clients actually wrote (below the nominal rate when the generator lags). */
  sentUpdatesPerSec: number
  messagesInPerSec: number
  messagesOutPerSec: number
  bytesOutPerSec: number
  /** Card changes + awareness states applied per second, all clients (extrapolated from the probes). */
  deliveredPerSec: number
  serverCpuPercent: number
  /** The shared database's CPU (PostgreSQL and its backends), null when the servers have none of their own. */
  databaseCpuPercent: number | null
  generatorCpuPercent: number
  /** Server CPU microseconds per delivered change (card or awareness state). */
  serverCpuUsPerDelivered: number | null
}

export interface LoadResult {
  clients: number
  synced: number
  /** Why clients failed to sync, with counts ("sync timeout", "closed 4430"…). */
  failures: Record<string, number>
  /** Close codes of connections the server ended during the run (code → count). */
  serverCloses: Record<string, number>
  joinMs: LatencySummary
  windows: WindowNumbers[]
  /** Median over windows of each number, and the spread (max − min) / median of the p99. */
  median: Omit<WindowNumbers, 'update' | 'awareness'> & {
    updateP50: number | null
    updateP95: number | null
    updateP99: number | null
    updateMax: number | null
    awarenessP50: number | null
    awarenessP99: number | null
  }
  p99Spread: number | null
  /** Server RSS in bytes: at the end of the last window (all clients on), after they left, peak. */
  serverRss: { loaded: number; end: number; peak: number }
  /** After the senders stopped: did every probe end with every sender's last card? */
  converged: { probes: number; senders: number; stale: number }
}

/** How long to wait, after the senders stopped, for every probe to hold every writer's last card. */
const CONVERGE_TIMEOUT_MS = 10_000

/** (probe, writer) pairs where the probe does not hold the writer's last card. */
function staleCount(convergence: Convergence): number {
  const senders = Object.entries(convergence.lastSent).filter(([, last]) => last > 0)
  let stale = 0
  for (const [probe, seen] of Object.entries(convergence.lastSeen)) {
    for (const [sender, last] of senders) if (sender !== probe && (seen[sender] ?? 0) < last) stale += 1
  }
  return stale
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)))

export async function measureLoad(plan: LoadPlan): Promise<LoadResult> {
  const { target, generator, timing } = plan
  const rss = new RssSampler(target.pid)
  const opened = await generator.open(plan.probes, plan.light, timing.openTimeoutMs)
  const failures: Record<string, number> = {}
  for (const r of opened) if (!r.ok) failures[r.error ?? 'failed'] = (failures[r.error ?? 'failed'] ?? 0) + 1
  const syncedProbes = opened.filter((r, i) => r.ok && i < plan.probes.length).length

  const start = nowMs() + timing.warmupMs
  const windows: Window[] = Array.from({ length: timing.windows }, (_, i) => ({
    from: start + i * timing.windowMs,
    to: start + (i + 1) * timing.windowMs,
  }))
  const serverCpu: number[] = []
  const generatorCpu: number[] = []
  const databaseCpu: number[] = []
  const serverPids = plan.serverPids ?? [target.pid]
  const databaseMeter = plan.databasePids ? new CpuMeter(plan.databasePids) : null
  let rssLoaded = 0
  const generatorMeter = new CpuMeter(() => [process.pid, ...generator.pids()])
  const marks = windows.map((w) => w.from).concat(windows[windows.length - 1].to)
  const markTimers = marks.map((t, i) =>
    setTimeout(() => {
      try {
        serverCpu[i] = serverPids.reduce((sum, pid) => sum + cpuSeconds(pid), 0)
      } catch {
        serverCpu[i] = NaN
      }
      databaseCpu[i] = databaseMeter ? databaseMeter.read().cpuSeconds : NaN
      generatorCpu[i] = generatorMeter.read().cpuSeconds
      if (i === marks.length - 1) rssLoaded = safeRss(target.pid)
    }, t - nowMs()),
  )

  await generator.start(plan.updateHz, plan.awarenessHz, windows)
  await sleep(windows[windows.length - 1].to - nowMs())
  await generator.stopSending()
  await sleep(timing.drainMs)
  const { merged, closes } = await generator.report(windows)
  // Late deliveries may still be on their way: give convergence a bounded while.
  const convergeStarted = performance.now()
  let convergence = await generator.convergence()
  while (staleCount(convergence) > 0 && performance.now() - convergeStarted < CONVERGE_TIMEOUT_MS) {
    await sleep(250)
    convergence = await generator.convergence()
  }
  for (const t of markTimers) clearTimeout(t)
  await generator.closeClients()
  const { rss: rssEnd, peak: rssPeak } = rss.stop()

  const clients = plan.probes.length + plan.light.length
  const numbers = merged.map((w, i) =>
    windowNumbers(w, i, clients, syncedProbes, timing.windowMs, serverCpu, generatorCpu, databaseCpu),
  )
  const pick = (f: (w: WindowNumbers) => number | null): number | null => median(numbers.map(f))
  const senders = Object.values(convergence.lastSent).filter((last) => last > 0).length
  const stale = staleCount(convergence)
  return {
    clients,
    synced: opened.filter((r) => r.ok).length,
    failures,
    serverCloses: closes,
    joinMs: summarizeLatency(opened.filter((r) => r.ok).map((r: OpenResult) => r.ms)),
    windows: numbers,
    median: {
      updateP50: pick((w) => w.update.p50),
      updateP95: pick((w) => w.update.p95),
      updateP99: pick((w) => w.update.p99),
      updateMax: pick((w) => w.update.max),
      awarenessP50: pick((w) => w.awareness.p50),
      awarenessP99: pick((w) => w.awareness.p99),
      updateDelivery: pick((w) => w.updateDelivery),
      probeUpdatesPerSec: pick((w) => w.probeUpdatesPerSec) ?? 0,
      sentUpdatesPerSec: pick((w) => w.sentUpdatesPerSec) ?? 0,
      messagesInPerSec: pick((w) => w.messagesInPerSec) ?? 0,
      messagesOutPerSec: pick((w) => w.messagesOutPerSec) ?? 0,
      bytesOutPerSec: pick((w) => w.bytesOutPerSec) ?? 0,
      deliveredPerSec: pick((w) => w.deliveredPerSec) ?? 0,
      serverCpuPercent: pick((w) => w.serverCpuPercent) ?? 0,
      databaseCpuPercent: pick((w) => w.databaseCpuPercent),
      generatorCpuPercent: pick((w) => w.generatorCpuPercent) ?? 0,
      serverCpuUsPerDelivered: pick((w) => w.serverCpuUsPerDelivered),
    },
    p99Spread: relativeSpread(numbers.map((w) => w.update.p99)),
    serverRss: { loaded: rssLoaded, end: rssEnd, peak: rssPeak },
    converged: { probes: Object.keys(convergence.lastSeen).length, senders, stale },
  }
}

function windowNumbers(
  w: MergedWindow,
  i: number,
  clients: number,
  probes: number,
  windowMs: number,
  serverCpu: number[],
  generatorCpu: number[],
  databaseCpu: number[],
): WindowNumbers {
  const seconds = windowMs / 1000
  const serverCpuSec = serverCpu[i + 1] - serverCpu[i]
  const generatorCpuSec = generatorCpu[i + 1] - generatorCpu[i]
  // Each probe should see every update the others wrote with a send time in the window
  // (counted by the writers, so timer drift on a busy machine is not mistaken for loss).
  const expected = probes * w.updatesSentInWindow - w.updatesSentByProbes
  const deliveredPerProbe = probes > 0 ? (w.updatesObserved + w.awarenessObserved) / probes : 0
  const deliveredPerSec = (deliveredPerProbe * clients) / seconds
  return {
    update: w.update,
    awareness: w.awareness,
    updateDelivery: expected > 0 ? Math.min(1, (w.update.count + w.superseded) / expected) : null,
    probeUpdatesPerSec: (w.update.count + w.superseded) / seconds,
    sentUpdatesPerSec: w.updatesSentInWindow / seconds,
    messagesInPerSec: w.counters.framesSent / seconds,
    messagesOutPerSec: w.counters.framesReceived / seconds,
    bytesOutPerSec: w.counters.bytesReceived / seconds,
    deliveredPerSec,
    serverCpuPercent: (100 * serverCpuSec) / seconds,
    databaseCpuPercent: Number.isFinite(databaseCpu[i])
      ? (100 * (databaseCpu[i + 1] - databaseCpu[i])) / seconds
      : null,
    generatorCpuPercent: (100 * generatorCpuSec) / seconds,
    serverCpuUsPerDelivered:
      deliveredPerSec > 0 && Number.isFinite(serverCpuSec) ? (serverCpuSec * 1e6) / (deliveredPerSec * seconds) : null,
  }
}

function safeRss(pid: number): number {
  try {
    return rssBytes(pid)
  } catch {
    return 0
  }
}
