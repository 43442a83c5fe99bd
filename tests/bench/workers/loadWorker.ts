import { LightClient } from '../clients/lightClient'
import { ProbeClient } from '../clients/probeClient'
import type {
  ClientSpec,
  Convergence,
  OpenResult,
  WorkerCommand,
  WorkerReply,
  WorkerRequest,
  WorkerResponse,
} from '../clients/types'
import { addCounters, WindowRecorder, zeroCounters } from '../clients/windowRecorder'
import { nowMs } from '../lib/benchDoc'

/**
 * A load-generator process: it hosts light clients and/or probes, opens them with
 * bounded concurrency, drives their edits (card update at `updateHz`, cursor at
 * `awarenessHz`, each client at its own random phase so sends spread over time) and
 * reports counters and latencies per measurement window. Runs under tsx, forked by
 * `lib/workerPool.ts`; never in the server's process.
 */

type AnyClient = LightClient | ProbeClient

const clients: AnyClient[] = []
let recorder: WindowRecorder | null = null
let timers: NodeJS.Timeout[] = []

function snapshot() {
  const sum = zeroCounters()
  for (const c of clients) addCounters(sum, c.counters)
  return sum
}

async function openAll(specs: ClientSpec[], timeoutMs: number, concurrency: number): Promise<OpenResult[]> {
  const results: OpenResult[] = []
  let next = 0
  const base = clients.length
  const lane = async (): Promise<void> => {
    while (next < specs.length) {
      const i = next++
      const spec = specs[i]
      const client = spec.kind === 'probe' ? new ProbeClient(spec, base + i) : new LightClient(spec, base + i)
      clients.push(client)
      results.push(await client.open(timeoutMs))
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane))
  return results
}

function start(updateHz: number, awarenessHz: number, windows: { from: number; to: number }[]): void {
  stop()
  recorder = new WindowRecorder(windows, snapshot, nowMs())
  for (const c of clients) c.recorder = recorder
  const every = (hz: number, fn: () => void): void => {
    if (hz <= 0) return
    const period = 1000 / hz
    // A random phase per client: a thousand clients must not all send on the same tick.
    timers.push(
      setTimeout(() => {
        fn()
        const interval = setInterval(fn, period)
        timers.push(interval)
      }, Math.random() * period),
    )
  }
  for (const c of clients) {
    if (c.spec.writes !== false) every(updateHz, () => c.edit())
    every(awarenessHz, () => c.moveCursor())
  }
}

function stop(): void {
  for (const t of timers) {
    clearTimeout(t)
    clearInterval(t)
  }
  timers = []
}

function report(): WorkerReply {
  const connected = clients.filter((c) => c.isSynced()).length
  const probesCount = clients.filter((c) => c instanceof ProbeClient).length
  const closes: Record<string, number> = {}
  for (const c of clients) for (const code of c.closedBy) closes[code] = (closes[code] ?? 0) + 1
  return { windows: recorder?.result() ?? [], probesCount, lightCount: clients.length - probesCount, connected, closes }
}

function convergence(): Convergence {
  const lastSent: Record<string, number> = {}
  const lastSeen: Record<string, Record<string, number>> = {}
  for (const c of clients) {
    lastSent[c.spec.id] = c.lastSeq()
    if (c instanceof ProbeClient) lastSeen[c.spec.id] = Object.fromEntries(c.lastSeen)
  }
  return { lastSent, lastSeen }
}

async function closeAll(): Promise<void> {
  stop()
  recorder?.dispose()
  recorder = null
  const all = clients.splice(0)
  await Promise.all(all.map((c) => c.close()))
}

async function handle(command: WorkerCommand): Promise<WorkerReply> {
  switch (command.cmd) {
    case 'open':
      return { opened: await openAll(command.clients, command.timeoutMs, command.concurrency) }
    case 'start':
      start(command.updateHz, command.awarenessHz, command.windows)
      return { ok: true }
    case 'stop':
      stop()
      return { ok: true }
    case 'report':
      return report()
    case 'convergence':
      return { convergence: convergence() }
    case 'close':
      await closeAll()
      return { ok: true }
  }
}

process.on('message', (message: WorkerRequest) => {
  handle(message.command).then(
    (reply) => process.send?.({ id: message.id, ok: true, reply } satisfies WorkerResponse),
    (err: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: err instanceof Error ? (err.stack ?? err.message) : String(err),
      } satisfies WorkerResponse),
  )
})
process.on('disconnect', () => process.exit(0))
process.send?.({ id: 0, ok: true, reply: { ok: true } } satisfies WorkerResponse)
