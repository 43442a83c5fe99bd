import { z } from 'zod'
import type { Role } from '../protocol'
import { accept, type CommandResult, type CommandContext, type ControlSection } from './section'
import { refuserOf } from './refusals'

/**
 * The workshop timer, a state machine on the server clock:
 * idle → running (endsAt) ⇄ paused (remainingMs) → stopped, and `start` from any state.
 *
 * A running timer stores only when it ends, so nobody needs a server tick: "finished" is
 * derived from `now ≥ endsAt`, on the server with its clock and on each client with the
 * server time it receives (`serverNow`).
 */

export const TIMER_MIN_MS = 1_000
export const TIMER_MAX_MS = 4 * 60 * 60 * 1_000
const MINUTE_MS = 60_000
/** The most one « + n min » adds at once. */
export const MAX_ADDED_MINUTES = 60

export type TimerStatus = 'idle' | 'running' | 'paused' | 'stopped'

export interface TimerState {
  status: TimerStatus
  /** Total length of the countdown, including added minutes (for a progress ring). */
  durationMs: number
  /** Server time the countdown reaches zero; set only while running. */
  endsAt: number | null
  /** Time left when paused; set only while paused. */
  remainingMs: number | null
}

export const timerCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('timer.start'),
    durationMs: z
      .number()
      .int('durationMs must be a whole number of milliseconds')
      .min(TIMER_MIN_MS, 'the timer lasts at least 1 second')
      .max(TIMER_MAX_MS, 'the timer lasts at most 4 hours'),
  }),
  z.object({ type: z.literal('timer.pause') }),
  z.object({ type: z.literal('timer.resume') }),
  z.object({ type: z.literal('timer.addMinute') }),
  /** « +5 min »: more time for the running (or paused, or just finished) countdown. */
  z.object({
    type: z.literal('timer.addMinutes'),
    minutes: z
      .number()
      .int('minutes must be a whole number')
      .min(1, `minutes must be between 1 and ${MAX_ADDED_MINUTES}`)
      .max(MAX_ADDED_MINUTES, `minutes must be between 1 and ${MAX_ADDED_MINUTES}`),
  }),
  z.object({ type: z.literal('timer.stop') }),
])
export type TimerCommand = z.infer<typeof timerCommandSchema>

/** The timer has nothing hidden: everyone sees the same state. */
export type TimerPublicView = TimerState

/** Milliseconds left at `now`, or null when no countdown is set (idle or stopped). */
export function remainingAt(state: TimerState, now: number): number | null {
  if (state.status === 'running' && state.endsAt !== null) return Math.max(0, state.endsAt - now)
  if (state.status === 'paused' && state.remainingMs !== null) return state.remainingMs
  return null
}

/** Whether a running countdown has reached zero at `now`. */
export function isFinishedAt(state: TimerState, now: number): boolean {
  return state.status === 'running' && state.endsAt !== null && now >= state.endsAt
}

function initialTimer(): TimerState {
  return { status: 'idle', durationMs: 0, endsAt: null, remainingMs: null }
}

/** Why a timer command may be refused (codes and the values their texts show). */
export const TIMER_REFUSALS = {
  'timer-not-running': [],
  'timer-finished': [],
  'timer-not-paused': [],
  'no-timer': [],
  'timer-too-long': ['hours'],
} as const
const refuse = refuserOf(TIMER_REFUSALS)

function addTime(state: TimerState, ms: number, now: number): CommandResult<TimerState, typeof TIMER_REFUSALS> {
  const remaining = remainingAt(state, now)
  if (remaining === null) return refuse('no-timer')
  // A finished timer gets its added time from now, not from its past end.
  const left = remaining + ms
  if (left > TIMER_MAX_MS) return refuse('timer-too-long', { hours: TIMER_MAX_MS / 3_600_000 })
  const durationMs = Math.min(TIMER_MAX_MS, state.durationMs + ms)
  return accept(
    state.status === 'running'
      ? { ...state, durationMs, endsAt: now + left }
      : { ...state, durationMs, remainingMs: left },
  )
}

function applyTimer(
  state: TimerState,
  command: TimerCommand,
  ctx: CommandContext,
): CommandResult<TimerState, typeof TIMER_REFUSALS> {
  const { now } = ctx
  switch (command.type) {
    case 'timer.start':
      return accept({
        status: 'running',
        durationMs: command.durationMs,
        endsAt: now + command.durationMs,
        remainingMs: null,
      })
    case 'timer.pause': {
      if (state.status !== 'running') return refuse('timer-not-running')
      const remaining = remainingAt(state, now) ?? 0
      if (remaining === 0) return refuse('timer-finished')
      return accept({ ...state, status: 'paused', endsAt: null, remainingMs: remaining })
    }
    case 'timer.resume': {
      if (state.status !== 'paused' || state.remainingMs === null) return refuse('timer-not-paused')
      return accept({ ...state, status: 'running', endsAt: now + state.remainingMs, remainingMs: null })
    }
    case 'timer.addMinute':
      return addTime(state, MINUTE_MS, now)
    case 'timer.addMinutes':
      return addTime(state, command.minutes * MINUTE_MS, now)
    case 'timer.stop':
      if (state.status !== 'running' && state.status !== 'paused') return refuse('no-timer')
      return accept({ ...state, status: 'stopped', endsAt: null, remainingMs: null })
  }
}

/** The `timer` control section: facilitators only. */
export const timerSection = {
  key: 'timer',
  initial: initialTimer,
  commandSchema: timerCommandSchema,
  allowedRoles: (): readonly Role[] => ['facilitator'],
  refusals: TIMER_REFUSALS,
  apply: applyTimer,
  publicView: (state: TimerState): TimerPublicView => state,
  memberView: (): null => null,
} satisfies ControlSection<TimerState, TimerCommand, typeof TIMER_REFUSALS>
