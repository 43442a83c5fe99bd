/**
 * Time, injected. Room and connection logic never calls `Date.now` or `setTimeout` itself,
 * so a test can drive a room tick by tick with `createManualClock`.
 */

/** Opaque handle of a scheduled callback. */
export interface TimerHandle {
  readonly timer: true
}

export interface Clock {
  /** Milliseconds since epoch. */
  now(): number
  /** Runs `fn` once after `ms`; `ms <= 0` means "as soon as the current I/O is handled". */
  setTimeout(fn: () => void, ms: number): TimerHandle
  clearTimeout(handle: TimerHandle): void
}

interface SystemTimer extends TimerHandle {
  immediate?: NodeJS.Immediate
  timeout?: NodeJS.Timeout
}

/**
 * The real clock. A zero delay uses `setImmediate`, not `setTimeout(0)`: Node rounds the
 * latter up to 1 ms, which would be pure added latency for small rooms that flush at once.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const handle: SystemTimer = { timer: true }
    if (ms <= 0) handle.immediate = setImmediate(fn)
    else handle.timeout = setTimeout(fn, ms)
    return handle
  },
  clearTimeout(handle) {
    const h = handle as SystemTimer
    if (h.immediate) clearImmediate(h.immediate)
    if (h.timeout) clearTimeout(h.timeout)
  },
}

/** A clock that only moves when told to: for unit tests of time-driven logic. */
export interface ManualClock extends Clock {
  /** Moves time forward, running every callback that falls due, in order. */
  advance(ms: number): void
  /** Number of callbacks still scheduled. */
  pending(): number
}

interface ManualTimer extends TimerHandle {
  at: number
  seq: number
  fn: () => void
}

export function createManualClock(start = 1_700_000_000_000): ManualClock {
  let now = start
  let seq = 0
  const timers = new Set<ManualTimer>()
  const nextDue = (limit: number): ManualTimer | undefined => {
    let best: ManualTimer | undefined
    for (const t of timers) {
      if (t.at > limit) continue
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t
    }
    return best
  }
  return {
    now: () => now,
    setTimeout(fn, ms) {
      const timer: ManualTimer = { timer: true, at: now + Math.max(0, ms), seq: seq++, fn }
      timers.add(timer)
      return timer
    },
    clearTimeout(handle) {
      timers.delete(handle as ManualTimer)
    },
    advance(ms) {
      const target = now + ms
      for (let t = nextDue(target); t; t = nextDue(target)) {
        timers.delete(t)
        now = Math.max(now, t.at)
        t.fn()
      }
      now = target
    },
    pending: () => timers.size,
  }
}
