import { remainingAt, type TimerState } from '../../../shared/control/timer'

/**
 * What the timer shows, from the server's state and the server's clock now: a pure
 * function, so every screen computes the same text from the same two inputs.
 */
export interface TimerReading {
  /** `12:05`, `1:02:03`; null when no countdown is set (idle, stopped). */
  text: string | null
  /** Whole seconds left (rounded up, so 0 only once it is really over). */
  seconds: number | null
  /** A running countdown reached zero: time for the gentle signal. */
  finished: boolean
  paused: boolean
}

/** `m:ss` under an hour, `h:mm:ss` above; seconds rounded up (a countdown shows 0:00 only at the end). */
export function formatSeconds(totalSeconds: number): string {
  const s = Math.max(0, Math.ceil(totalSeconds))
  const hours = Math.floor(s / 3600)
  const minutes = Math.floor((s % 3600) / 60)
  const seconds = s % 60
  const ss = String(seconds).padStart(2, '0')
  if (hours > 0) return `${hours}:${String(minutes).padStart(2, '0')}:${ss}`
  return `${minutes}:${ss}`
}

/** The timer as it reads at `serverNow`. */
export function readTimer(state: TimerState | undefined, serverNow: number): TimerReading {
  if (!state) return { text: null, seconds: null, finished: false, paused: false }
  const remaining = remainingAt(state, serverNow)
  if (remaining === null) return { text: null, seconds: null, finished: false, paused: false }
  const seconds = Math.ceil(remaining / 1000)
  return {
    text: formatSeconds(seconds),
    seconds,
    finished: state.status === 'running' && remaining === 0,
    paused: state.status === 'paused',
  }
}

/** Minutes typed by a facilitator as a timer length in ms, or null if out of the timer's range. */
export function minutesToDurationMs(input: string): number | null {
  const minutes = Number(input.replace(',', '.'))
  if (!Number.isFinite(minutes) || minutes <= 0) return null
  const ms = Math.round(minutes * 60) * 1000
  return ms >= 1000 && ms <= 4 * 60 * 60 * 1000 ? ms : null
}
