import { fork, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type {
  ClientCounters,
  ClientSpec,
  Convergence,
  OpenResult,
  Window,
  WindowReport,
  WorkerCommand,
  WorkerReply,
  WorkerResponse,
} from '../clients/types'
import { addCounters, zeroCounters } from '../clients/windowRecorder'
import { summarizeLatency, type LatencySummary } from './stats'

const WORKER_FILE = fileURLToPath(new URL('../workers/loadWorker.ts', import.meta.url))

/** One forked load worker and a request/response channel to it. */
export class LoadWorker {
  private nextId = 1
  private readonly pending = new Map<number, { resolve: (r: WorkerReply) => void; reject: (e: Error) => void }>()
  private exited = false

  private constructor(private readonly child: ChildProcess) {
    child.on('message', (message: WorkerResponse) => {
      const waiter = this.pending.get(message.id)
      if (!waiter) return
      this.pending.delete(message.id)
      if (message.ok && message.reply) waiter.resolve(message.reply)
      else waiter.reject(new Error(`load worker: ${message.error ?? 'no reply'}`))
    })
    child.on('exit', (code, signal) => {
      this.exited = true
      for (const w of this.pending.values()) w.reject(new Error(`load worker exited (${code ?? signal})`))
      this.pending.clear()
    })
  }

  static start(): Promise<LoadWorker> {
    // BENCH_WORKER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof-gen": profile the load generator's workers.
    const extraArgs = process.env.BENCH_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? []
    const child = fork(WORKER_FILE, [], {
      execArgv: ['--import', 'tsx', ...extraArgs],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    })
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null): void => reject(new Error(`load worker failed to start (exit ${code})`))
      child.once('exit', onExit)
      child.once('message', () => {
        child.off('exit', onExit)
        resolve(new LoadWorker(child))
      })
    })
  }

  get pid(): number {
    return this.child.pid ?? -1
  }

  call(command: WorkerCommand): Promise<WorkerReply> {
    if (this.exited) return Promise.reject(new Error('load worker has exited'))
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject })
      this.child.send({ id, command })
    })
  }

  async stop(): Promise<void> {
    if (this.exited) return
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()))
    this.child.disconnect()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
}

/** A window's measurements merged over every worker. */
export interface MergedWindow {
  window: Window
  counters: ClientCounters
  update: LatencySummary
  awareness: LatencySummary
  updatesObserved: number
  awarenessObserved: number
  superseded: number
  updatesSentInWindow: number
  updatesSentByProbes: number
}

/**
 * The load generator: one worker for the probes and a few for light clients, so the
 * probes' latency is not measured inside a process busy draining a thousand sockets.
 */
export class LoadGenerator {
  private constructor(
    readonly probeWorker: LoadWorker,
    readonly lightWorkers: LoadWorker[],
  ) {}

  static async start(lightWorkers: number): Promise<LoadGenerator> {
    const [probe, ...light] = await Promise.all(Array.from({ length: lightWorkers + 1 }, () => LoadWorker.start()))
    return new LoadGenerator(probe, light)
  }

  get workers(): LoadWorker[] {
    return [this.probeWorker, ...this.lightWorkers]
  }

  pids(): number[] {
    return this.workers.map((w) => w.pid)
  }

  /** Opens probes, then light clients spread evenly over the light workers. */
  async open(probes: ClientSpec[], light: ClientSpec[], timeoutMs: number, concurrency = 16): Promise<OpenResult[]> {
    const opened: OpenResult[] = []
    if (probes.length) opened.push(...(await openOn(this.probeWorker, probes, timeoutMs, concurrency)))
    const shares = this.lightWorkers.map((_, i) => light.filter((_, j) => j % this.lightWorkers.length === i))
    const results = await Promise.all(
      this.lightWorkers.map((w, i) => (shares[i].length ? openOn(w, shares[i], timeoutMs, concurrency) : [])),
    )
    for (const r of results) opened.push(...r)
    return opened
  }

  async start(updateHz: number, awarenessHz: number, windows: Window[]): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call({ cmd: 'start', updateHz, awarenessHz, windows })))
  }

  async stopSending(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call({ cmd: 'stop' })))
  }

  /** Per window: counters summed, latencies pooled over every probe. */
  async report(
    windows: Window[],
  ): Promise<{ merged: MergedWindow[]; connected: number; closes: Record<string, number> }> {
    const replies = await Promise.all(this.workers.map((w) => reportOn(w)))
    let connected = 0
    const perWindow = windows.map(() => ({
      counters: zeroCounters(),
      update: [] as number[],
      awareness: [] as number[],
      updatesObserved: 0,
      awarenessObserved: 0,
      superseded: 0,
      updatesSentInWindow: 0,
      updatesSentByProbes: 0,
    }))
    const closes: Record<string, number> = {}
    for (const reply of replies) {
      connected += reply.connected
      for (const [code, n] of Object.entries(reply.closes)) closes[code] = (closes[code] ?? 0) + n
    }
    for (const reply of replies) {
      reply.windows.forEach((w: WindowReport, i: number) => {
        const into = perWindow[i]
        if (!into) return
        addCounters(into.counters, w.counters)
        for (const x of w.updateLatencies) into.update.push(x)
        for (const x of w.awarenessLatencies) into.awareness.push(x)
        into.updatesObserved += w.updatesObserved
        into.awarenessObserved += w.awarenessObserved
        into.superseded += w.superseded
        into.updatesSentInWindow += w.updatesSentInWindow
        into.updatesSentByProbes += w.updatesSentByProbes
      })
    }
    return {
      connected,
      closes,
      merged: perWindow.map((w, i) => ({
        window: windows[i],
        counters: w.counters,
        update: summarizeLatency(w.update),
        awareness: summarizeLatency(w.awareness),
        updatesObserved: w.updatesObserved,
        awarenessObserved: w.awarenessObserved,
        superseded: w.superseded,
        updatesSentInWindow: w.updatesSentInWindow,
        updatesSentByProbes: w.updatesSentByProbes,
      })),
    }
  }

  async convergence(): Promise<Convergence> {
    const parts = await Promise.all(this.workers.map((w) => convergenceOn(w)))
    const all: Convergence = { lastSent: {}, lastSeen: {} }
    for (const p of parts) {
      Object.assign(all.lastSent, p.lastSent)
      Object.assign(all.lastSeen, p.lastSeen)
    }
    return all
  }

  async closeClients(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.call({ cmd: 'close' })))
  }

  async stop(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.stop()))
  }
}

async function openOn(
  worker: LoadWorker,
  clients: ClientSpec[],
  timeoutMs: number,
  concurrency: number,
): Promise<OpenResult[]> {
  const reply = await worker.call({ cmd: 'open', clients, timeoutMs, concurrency })
  if (!('opened' in reply)) throw new Error('load worker: no open results')
  return reply.opened
}

async function reportOn(
  worker: LoadWorker,
): Promise<{ windows: WindowReport[]; connected: number; closes: Record<string, number> }> {
  const reply = await worker.call({ cmd: 'report' })
  if (!('windows' in reply)) throw new Error('load worker: no report')
  return reply
}

async function convergenceOn(worker: LoadWorker): Promise<Convergence> {
  const reply = await worker.call({ cmd: 'convergence' })
  if (!('convergence' in reply)) throw new Error('load worker: no convergence')
  return reply.convergence
}
