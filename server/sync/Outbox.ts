import * as Y from 'yjs'
import type { Clock, TimerHandle } from '../clock'
import { AWARENESS_FULL_RATE_RECIPIENTS, awarenessIntervalMs, TokenBucket } from './pacing'
import { encodeAwarenessFrame, encodeBundleFrame, encodeSyncUpdate } from './wire'

/**
 * What a room has to say, gathered over one tick and said once.
 *
 * Per flush: the accepted document updates are merged (`Y.mergeUpdates`), persisted, and
 * only then broadcast as ONE frame — the same bytes to every connection, the sender too
 * (Yjs ignores what it already has, which is what lets one buffer serve all). Replies that
 * must not get ahead of storage (a joining client's sync step 2) wait for the same
 * persistence. Awareness states that changed are encoded once, at most a budget per second
 * that shrinks as the room grows (pacing.ts; the latest state of each client wins; nothing
 * queues up), then the room's own extras
 * (control views, compaction) run.
 *
 * Flushes never overlap: one that starts while another persists waits for its turn.
 *
 * A flush must not depend on its timer alone. Node runs timers (and immediates) between
 * event-loop iterations, and one iteration reads everything the kernel holds for every
 * socket: once a big room's input outgrows the CPU, an iteration lasts longer than the
 * last, the timer fires ever later, the next batch is bigger and slower to send — at
 * 1,000 clients the room stopped sending for 10–18 s at a time (PERFORMANCE.md). So when
 * something arrives after the flush was due (plus a grace), the flush starts from there,
 * right after the current message (a microtask): the room keeps talking at its tick
 * however starved the loop is.
 */

export interface OutboxRecipient {
  send(data: Uint8Array): void
  /** Announced it can read a bundle (`shared/bundle.ts`): gets the flush's frames deflated, in one. */
  readonly acceptsBundles?: boolean
}

export interface OutboxDeps {
  clock: Clock
  /** Makes an update durable; a rejection keeps it queued and retries later. */
  persist(update: Uint8Array): Promise<void>
  recipients(): Iterable<OutboxRecipient>
  /** Encodes the current awareness states of these clients (absent = removed). */
  encodeAwareness(clientIds: number[]): Uint8Array
  /** Milliseconds to wait before the next flush, given the room's current load. */
  tickMs(): number
  awarenessStatesPerSecond: number
  /** From this many recipients up, recipients that accept bundles get one (absent: never). */
  bundleFromRecipients?: number
  /** Runs first in each flush, synchronously: the room applies the updates it batched. */
  beforeFlush?(): void
  /** Runs at the end of each flush, after the broadcasts (control views, compaction). */
  afterFlush(): Promise<void> | void
  onPersistError(err: unknown): void
}

const RETRY_FIRST_MS = 500
const RETRY_MAX_MS = 30_000
/** At most this many updates, or bytes, are merged into one frame. */
export const MAX_MERGE_UPDATES = 64
export const MAX_MERGE_BYTES = 256 * 1024
/**
 * Smallest flush worth a bundle: one card update (≈ 400 B) deflates by a fifth only, and
 * the client inflates asynchronously; 20 cards (7.7 KB) by ×7 in ≈ 70 µs (PERFORMANCE.md).
 */
export const BUNDLE_MIN_BYTES = 1024
/** How late a due flush may be before incoming traffic starts it instead of its timer. */
export const OVERDUE_GRACE_MS = 10

export class Outbox {
  private updates: Uint8Array[] = []
  private updateBytes = 0
  private awareness = new Set<number>()
  private waiters: (() => void)[] = []
  private extra = false
  private timer: TimerHandle | null = null
  /** When the pending timer should fire. */
  private dueAt = 0
  private overdueQueued = false
  private collecting = false
  private flushing: Promise<void> | null = null
  private retryMs = 0
  private stopped = false
  private idle: (() => void)[] = []
  /** States forwarded per second, and their deliveries (states × recipients): see pacing.ts. */
  private readonly awarenessBudget: TokenBucket
  private readonly deliveryBudget: TokenBucket
  private lastRecipients = 1
  private lastAwarenessAt = -Infinity
  /** When the last flush started: the next tick counts from there. */
  private lastFlushAt = -Infinity

  constructor(private readonly deps: OutboxDeps) {
    const perSecond = deps.awarenessStatesPerSecond
    this.awarenessBudget = new TokenBucket(deps.clock, perSecond, perSecond)
    const deliveries = perSecond * AWARENESS_FULL_RATE_RECIPIENTS
    this.deliveryBudget = new TokenBucket(deps.clock, deliveries, deliveries)
  }

  addUpdate(update: Uint8Array): void {
    this.updates.push(update)
    this.updateBytes += update.byteLength
    this.schedule()
  }

  addAwareness(clientIds: Iterable<number>): void {
    for (const id of clientIds) this.awareness.add(id)
    this.schedule(undefined, 'awareness')
  }

  /** Asks for a flush even without updates (the room has control views to push). */
  requestFlush(): void {
    this.extra = true
    this.schedule()
  }

  /** Runs `fn` once every update queued so far is durable (at once if none is pending). */
  afterPersisted(fn: () => void): void {
    if (this.updates.length === 0 && !this.flushing) {
      fn()
      return
    }
    this.waiters.push(fn)
    this.schedule()
  }

  /** Bytes accepted but not yet persisted. */
  pendingBytes(): number {
    return this.updateBytes
  }

  /** Whether some accepted update is not durable yet. */
  hasUnsaved(): boolean {
    return this.updates.length > 0 || this.flushing !== null
  }

  /** Resolves once nothing is pending: every update persisted and broadcast. */
  whenIdle(): Promise<void> {
    if (!this.hasWork() && !this.flushing) return Promise.resolve()
    this.schedule()
    return new Promise((resolve) => this.idle.push(resolve))
  }

  /**
   * Flushes what is pending right away (shutdown), then stops. Resolves false if some
   * update could not be persisted (storage down): it is then lost with the process.
   */
  async drain(): Promise<boolean> {
    while (this.flushing) await this.flushing
    if (this.timer) {
      this.deps.clock.clearTimeout(this.timer)
      this.timer = null
    }
    if (this.hasWork()) await this.flush()
    const saved = this.updates.length === 0
    this.stop()
    return saved
  }

  /** Stops for good, dropping anything pending (a deleted workshop). */
  stop(): void {
    this.stopped = true
    if (this.timer) this.deps.clock.clearTimeout(this.timer)
    this.timer = null
    this.updates = []
    this.updateBytes = 0
    this.waiters = []
    this.awareness.clear()
    for (const resolve of this.idle.splice(0)) resolve()
  }

  private hasWork(): boolean {
    return this.updates.length > 0 || this.waiters.length > 0 || this.awareness.size > 0 || this.extra
  }

  /** Awareness held back by the budget, nothing else: wait for the budget, not just a tick. */
  private onlyAwarenessLeft(): boolean {
    return this.awareness.size > 0 && this.updates.length === 0 && this.waiters.length === 0 && !this.extra
  }

  /**
   * Sets the flush timer. Without `delayMs`, the next tick: one tick after the last flush
   * *started*, so a busy room flushes every tick rather than every tick plus a flush. A
   * timer already set for later (the awareness pace of a big room, up to 200 ms) is
   * brought forward to that tick when something other than awareness arrives: a card
   * update must not wait for the cursors' turn.
   */
  private schedule(delayMs?: number, what: 'awareness' | 'any' = 'any'): void {
    if (this.stopped || this.flushing || this.collecting) return
    const now = this.deps.clock.now()
    const delay = Math.max(0, delayMs ?? this.lastFlushAt + this.deps.tickMs() - now)
    if (this.timer) {
      // A retry after a storage failure keeps its back-off.
      if (delayMs !== undefined || what === 'awareness' || this.retryMs > 0 || now + delay >= this.dueAt) {
        this.startIfOverdue()
        return
      }
      this.deps.clock.clearTimeout(this.timer)
    }
    this.dueAt = now + delay
    this.timer = this.deps.clock.setTimeout(() => {
      this.timer = null
      void this.flush()
    }, delay)
  }

  /** The timer is late (a starved event loop): flush right after the current message. */
  private startIfOverdue(): void {
    if (this.overdueQueued || this.deps.clock.now() < this.dueAt + OVERDUE_GRACE_MS) return
    this.overdueQueued = true
    queueMicrotask(() => {
      this.overdueQueued = false
      if (!this.timer || this.flushing || this.stopped) return
      this.deps.clock.clearTimeout(this.timer)
      this.timer = null
      void this.flush()
    })
  }

  private flush(): Promise<void> {
    const run = this.flushOnce().finally(() => {
      this.flushing = null
      if (this.stopped) return
      if (this.retryMs > 0 && this.updates.length > 0) this.schedule(this.retryMs)
      else if (this.onlyAwarenessLeft()) this.schedule(this.awarenessDelay())
      else if (this.hasWork()) this.schedule()
      else for (const resolve of this.idle.splice(0)) resolve()
    })
    this.flushing = run
    return run
  }

  private async flushOnce(): Promise<void> {
    this.lastFlushAt = this.deps.clock.now()
    // Updates applied now join this flush: no flush of their own is scheduled meanwhile.
    this.collecting = true
    try {
      this.deps.beforeFlush?.()
    } finally {
      this.collecting = false
    }
    const updates = this.updates
    const waiters = this.waiters
    this.updates = []
    this.updateBytes = 0
    this.waiters = []
    this.extra = false
    // Merged in slices: Y.mergeUpdates grows faster than linearly with the number of
    // updates from distinct writers (5 ms for 100, 140 ms for 400, 220 ms for 1,000 on the
    // bench machine), so a late, large batch becomes several frames of bounded cost, each
    // persisted before it is broadcast.
    // Everything this flush broadcasts leaves together at the end, so each recipient gets
    // it in one system call (writeBatch.ts) or one bundle.
    const frames: Uint8Array[] = []
    for (let start = 0; start < updates.length;) {
      const end = sliceEnd(updates, start)
      const slice = updates.slice(start, end)
      const merged = slice.length === 1 ? slice[0] : Y.mergeUpdates(slice)
      try {
        await this.deps.persist(merged)
        this.retryMs = 0
      } catch (err) {
        // Nothing is broadcast that is not durable: keep this slice (merged) and what
        // follows it, ahead of what arrived meanwhile, with every waiter, and retry later.
        const rest = [merged, ...updates.slice(end)]
        this.updates = rest.concat(this.updates)
        this.updateBytes += rest.reduce((sum, u) => sum + u.byteLength, 0)
        this.waiters = waiters.concat(this.waiters)
        this.retryMs = Math.min(RETRY_MAX_MS, this.retryMs === 0 ? RETRY_FIRST_MS : this.retryMs * 2)
        this.deps.onPersistError(err)
        // What was persisted before the failure still goes out.
        this.broadcast(frames)
        return
      }
      if (this.stopped) return
      frames.push(encodeSyncUpdate(merged))
      start = end
    }
    const awareness = this.takeAwareness()
    if (awareness) frames.push(awareness)
    this.broadcast(frames)
    for (const w of waiters) w()
    await this.deps.afterFlush()
  }

  /** Sends the flush's frames to every recipient: plain, or as one bundle to those that accept it in a big room. */
  private broadcast(frames: readonly Uint8Array[]): void {
    if (frames.length === 0) return
    const recipients = [...this.deps.recipients()]
    let bundle: Uint8Array | null = null
    if (recipients.length >= (this.deps.bundleFromRecipients ?? Infinity) && recipients.some((r) => r.acceptsBundles)) {
      let bytes = 0
      for (const frame of frames) bytes += frame.byteLength
      if (bytes >= BUNDLE_MIN_BYTES) bundle = encodeBundleFrame(frames)
    }
    for (const r of recipients) {
      if (bundle && r.acceptsBundles) r.send(bundle)
      else for (const frame of frames) r.send(frame)
    }
  }

  /** The awareness frame this flush may send, within the room's budget, or null. */
  private takeAwareness(): Uint8Array | null {
    if (this.awareness.size === 0) return null
    let recipients = 0
    for (const _ of this.deps.recipients()) recipients++
    this.lastRecipients = Math.max(1, recipients)
    const now = this.deps.clock.now()
    if (now - this.lastAwarenessAt < awarenessIntervalMs(recipients)) return null
    const byDeliveries = Math.floor(this.deliveryBudget.available() / this.lastRecipients)
    const allowed = Math.min(this.awareness.size, this.awarenessBudget.available(), byDeliveries)
    if (allowed === 0) return null
    const ids: number[] = []
    for (const id of this.awareness) {
      if (ids.length === allowed) break
      ids.push(id)
    }
    for (const id of ids) this.awareness.delete(id)
    this.awarenessBudget.take(ids.length)
    this.deliveryBudget.take(ids.length * this.lastRecipients)
    this.lastAwarenessAt = now
    return encodeAwarenessFrame(this.deps.encodeAwareness(ids))
  }

  private awarenessDelay(): number {
    const interval = this.lastAwarenessAt + awarenessIntervalMs(this.lastRecipients) - this.deps.clock.now()
    return Math.max(
      this.deps.tickMs(),
      interval,
      this.awarenessBudget.msUntilNext(),
      this.deliveryBudget.msUntil(this.lastRecipients),
    )
  }
}

/** End (exclusive) of the slice of `updates` starting at `start` that one frame carries. */
export function sliceEnd(updates: readonly Uint8Array[], start: number): number {
  let bytes = 0
  let end = start
  while (end < updates.length && end - start < MAX_MERGE_UPDATES) {
    bytes += updates[end].byteLength
    if (bytes > MAX_MERGE_BYTES && end > start) break
    end += 1
  }
  return end
}
