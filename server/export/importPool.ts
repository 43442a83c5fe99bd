import { Worker } from 'node:worker_threads'
import type { Logger } from 'pino'
import type { PreparedImport } from './importParsing'

/**
 * A small pool of import workers with a bounded queue: imports are parsed and validated
 * off the event loop (`importWorker.ts`), at most `size` at a time, at most `waiting` more
 * queued; beyond that `run` answers `busy` at once instead of letting work pile up. A job
 * that runs past `timeoutMs` has its worker terminated (a new one starts for the next job),
 * and so does one whose worker dies (a heap over `heapMb`, a crash).
 *
 * Workers start on first use and end after a minute without work (a parse of 16 MiB
 * leaves a large heap behind; an idle server should not keep it).
 */

export type PoolAnswer =
  { kind: 'done'; result: PreparedImport } | { kind: 'busy' } | { kind: 'failed'; reason: 'timeout' | 'crashed' }

export interface ImportPoolOptions {
  size: number
  waiting: number
  timeoutMs: number
  /** Old-generation heap of each worker, in MiB: a hostile body ends the worker, not the server. */
  heapMb?: number
  log: Logger
}

interface Job {
  id: number
  bytes: Uint8Array
  resolve: (answer: PoolAnswer) => void
}

interface Slot {
  worker: Worker
  job: Job | null
  timer: NodeJS.Timeout | null
  idleTimer: NodeJS.Timeout | null
}

const IDLE_MS = 60_000

/**
 * The worker's file beside this one: TypeScript through tsx when the server runs from its
 * sources (tests), `importWorker.mjs` beside the bundle when it runs `dist-server/main.mjs`
 * (scripts/build-server.mjs builds both).
 */
function workerEntry(): { url: URL; execArgv: string[] | undefined } {
  const fromSources = import.meta.url.endsWith('.ts')
  if (fromSources) return { url: new URL('./importWorker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
  return { url: new URL('./importWorker.mjs', import.meta.url), execArgv: undefined }
}

export class ImportPool {
  private readonly slots: Slot[] = []
  private readonly queue: Job[] = []
  private nextId = 1
  private closed = false

  constructor(private readonly opts: ImportPoolOptions) {}

  /** Parses and checks `bytes` in a worker. Never rejects. */
  run(bytes: Uint8Array): Promise<PoolAnswer> {
    if (this.closed) return Promise.resolve({ kind: 'busy' })
    const busySlots = this.slots.filter((s) => s.job !== null).length
    if (busySlots >= this.opts.size && this.queue.length >= this.opts.waiting) return Promise.resolve({ kind: 'busy' })
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, bytes, resolve })
      this.dispatch()
    })
  }

  /** Jobs running and waiting (tests, logs). */
  load(): { running: number; waiting: number } {
    return { running: this.slots.filter((s) => s.job !== null).length, waiting: this.queue.length }
  }

  async close(): Promise<void> {
    this.closed = true
    for (const job of this.queue.splice(0)) job.resolve({ kind: 'busy' })
    await Promise.all([...this.slots].map((slot) => this.retire(slot, { kind: 'busy' })))
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((s) => s.job === null)
      if (!slot && this.slots.length < this.opts.size) slot = this.spawn()
      if (!slot) return
      this.start(slot, this.queue.shift()!)
    }
  }

  private spawn(): Slot {
    const { url, execArgv } = workerEntry()
    const worker = new Worker(url, { execArgv, resourceLimits: { maxOldGenerationSizeMb: this.opts.heapMb ?? 512 } })
    // An idle worker does not keep the process alive (graceful stop).
    worker.unref()
    const slot: Slot = { worker, job: null, timer: null, idleTimer: null }
    this.slots.push(slot)
    worker.on('message', ({ id, result }: { id: number; result: PreparedImport }) => {
      const job = slot.job
      if (!job || job.id !== id) return
      this.finish(slot, { kind: 'done', result })
    })
    worker.on('error', (err) => {
      this.opts.log.warn({ err }, 'import worker failed')
    })
    worker.on('exit', () => {
      // Ended under a job (heap limit, crash): that job fails; the next one gets a new worker.
      this.remove(slot)
      if (slot.job) {
        const job = slot.job
        slot.job = null
        if (slot.timer) clearTimeout(slot.timer)
        job.resolve({ kind: 'failed', reason: 'crashed' })
      }
      if (!this.closed) this.dispatch()
    })
    return slot
  }

  private start(slot: Slot, job: Job): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    slot.idleTimer = null
    slot.job = job
    slot.worker.ref()
    slot.timer = setTimeout(() => {
      this.opts.log.warn({ ms: this.opts.timeoutMs }, 'import worker stopped: import took too long')
      void this.retire(slot, { kind: 'failed', reason: 'timeout' })
    }, this.opts.timeoutMs)
    // A Buffer's bytes may sit in a shared pool: only a buffer of its own is handed over.
    const own = job.bytes.byteOffset === 0 && job.bytes.byteLength === job.bytes.buffer.byteLength
    const bytes = own ? job.bytes : new Uint8Array(job.bytes)
    slot.worker.postMessage({ id: job.id, bytes }, [bytes.buffer as ArrayBuffer])
  }

  private finish(slot: Slot, answer: PoolAnswer): void {
    const job = slot.job
    if (slot.timer) clearTimeout(slot.timer)
    slot.timer = null
    slot.job = null
    slot.worker.unref()
    job?.resolve(answer)
    slot.idleTimer = setTimeout(() => void this.retire(slot, null), IDLE_MS)
    slot.idleTimer.unref()
    this.dispatch()
  }

  /** Ends a worker; its job, if any, gets `answer`. */
  private async retire(slot: Slot, answer: PoolAnswer | null): Promise<void> {
    this.remove(slot)
    const job = slot.job
    slot.job = null
    if (slot.timer) clearTimeout(slot.timer)
    if (slot.idleTimer) clearTimeout(slot.idleTimer)
    if (job && answer) job.resolve(answer)
    await slot.worker.terminate()
    if (!this.closed) this.dispatch()
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot)
    if (i !== -1) this.slots.splice(i, 1)
  }
}
