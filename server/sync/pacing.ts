import type { Clock } from '../clock'

/**
 * How fast a room talks: the adaptive flush tick, token buckets and a message-rate meter.
 * Pure arithmetic over an injected clock, so the policy is unit tested on its own.
 *
 * Why a tick at all: relaying every message to every connection costs N sends per message,
 * N² per second when everybody moves a cursor. Coalescing a tick's worth of messages into
 * one broadcast turns that into N sends per tick. Small or quiet rooms flush at once (no
 * added latency); big busy rooms wait a few milliseconds to batch.
 */

export interface TickPolicy {
  /** Rooms with at most this many connections always flush at once. */
  immediateUpTo: number
  /** Rooms with at most this many connections flush at once while within `smallRoomSendBudgetPerSecond` (absent: none). */
  smallRoomUpTo?: number
  /** Sends per second a small room may cost before batching (far above a workshop's: a flood is still batched). */
  smallRoomSendBudgetPerSecond?: number
  /** Sends per second (connections × incoming messages per second) a room may cost before batching. */
  sendBudgetPerSecond: number
  /** Tick growth per connection once batching, in ms. */
  msPerConnection: number
  /** Longest tick, in ms. */
  maxTickMs: number
}

/**
 * Up to 50 people (issue 19's small room: as fast as a bare relay) a room flushes at once at
 * a workshop's rate: 50 clients of the bench send 460–600 messages/s (cards, cursors, the
 * probes' echoes), 23,000–30,000 sends/s, just over the big-room budget. The 2 ms tick that
 * gave them was most of the 3 ms p50 the room added over the reference, for ~1 message per
 * tick (PERFORMANCE.md § 0g). A flood (the per-socket limit allows 100 messages/s, 250,000
 * sends/s at 50) is still batched.
 *
 * Above that, the tick grows 0.025 ms per connection up to 40 ms (1,600 people): at 1,000,
 * 25 ms. Measured at rest (PERFORMANCE.md § 0h, 3 runs each, server and load generator
 * pinned to a core each): 40 ms at 1,000 gave p99 86–111 ms with the server half idle,
 * 25 ms gave 72 ms for +10 % of a core (one `writev` per socket per flush, 40 flushes/s).
 */
export const DEFAULT_TICK_POLICY: TickPolicy = {
  immediateUpTo: 20,
  smallRoomUpTo: 50,
  smallRoomSendBudgetPerSecond: 50_000,
  sendBudgetPerSecond: 20_000,
  msPerConnection: 0.025,
  maxTickMs: 40,
}

/** Delay before the next flush, in ms (0 = as soon as the current I/O is handled). */
export function chooseTickMs(
  connections: number,
  messagesPerSecond: number,
  policy: TickPolicy = DEFAULT_TICK_POLICY,
): number {
  if (connections <= policy.immediateUpTo) return 0
  const sends = connections * messagesPerSecond
  if (sends <= policy.sendBudgetPerSecond) return 0
  if (connections <= (policy.smallRoomUpTo ?? 0) && sends <= (policy.smallRoomSendBudgetPerSecond ?? 0)) return 0
  return Math.min(policy.maxTickMs, Math.max(1, Math.round(connections * policy.msPerConnection)))
}

/**
 * Cursor budget of a room. `statesPerSecond` (AWARENESS_STATES_PER_SECOND) caps the states
 * a room forwards, and their deliveries (states × recipients) are capped at what that
 * rate costs in a room of `AWARENESS_FULL_RATE_RECIPIENTS`: up to 50 people nothing
 * changes, above it each person's cursor is refreshed less often as the room grows and the
 * outgoing bytes stay flat (at 1,000 people: 150 states/s, each cursor every ~7 s when
 * everybody moves, instead of 3,000 × 1,000 states — 600 MB/s — that no server sends).
 */
export const AWARENESS_FULL_RATE_RECIPIENTS = 50

/**
 * Shortest gap between two awareness frames, in ms. Up to the full-rate size every tick
 * may carry one; above it each frame costs a write per recipient whatever it holds (at
 * 1,000 clients the awareness frames took as much CPU as the card updates while carrying a
 * handful of states), so bigger rooms batch cursors longer: 1,000 recipients → 100 ms.
 */
export function awarenessIntervalMs(recipients: number): number {
  if (recipients <= AWARENESS_FULL_RATE_RECIPIENTS) return 0
  return Math.min(200, Math.round(recipients / 10))
}

/** A token bucket refilled continuously at `perSecond`, holding at most `burst`. */
export class TokenBucket {
  private tokens: number
  private last: number

  constructor(
    private readonly clock: Clock,
    private readonly perSecond: number,
    private readonly burst: number,
  ) {
    this.tokens = burst
    this.last = clock.now()
  }

  private refill(): void {
    const now = this.clock.now()
    if (now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000)
      this.last = now
    }
  }

  /** Takes `n` tokens if available. */
  take(n = 1): boolean {
    this.refill()
    if (this.tokens < n) return false
    this.tokens -= n
    return true
  }

  /** Whole tokens available now. */
  available(): number {
    this.refill()
    return Math.floor(this.tokens)
  }

  /** Milliseconds until one whole token is available (0 if one is). */
  msUntilNext(): number {
    return this.msUntil(1)
  }

  /** Milliseconds until `n` tokens are available (0 if they are; never, past the burst, is capped at it). */
  msUntil(n: number): number {
    this.refill()
    const wanted = Math.min(n, this.burst)
    return this.tokens >= wanted ? 0 : Math.ceil(((wanted - this.tokens) * 1000) / this.perSecond)
  }
}

/**
 * Messages per second over the last second, from two fixed windows: the previous
 * window's count weighted by how much of it still overlaps the last second.
 */
export class RateMeter {
  private windowStart: number
  private current = 0
  private previous = 0

  constructor(
    private readonly clock: Clock,
    private readonly windowMs = 1000,
  ) {
    this.windowStart = clock.now()
  }

  private roll(): number {
    const now = this.clock.now()
    const elapsed = now - this.windowStart
    if (elapsed >= this.windowMs) {
      const windows = Math.floor(elapsed / this.windowMs)
      this.previous = windows === 1 ? this.current : 0
      this.current = 0
      this.windowStart += windows * this.windowMs
    }
    return now
  }

  mark(n = 1): void {
    this.roll()
    this.current += n
  }

  perSecond(): number {
    const now = this.roll()
    const overlap = 1 - (now - this.windowStart) / this.windowMs
    return ((this.previous * overlap + this.current) * 1000) / this.windowMs
  }
}
