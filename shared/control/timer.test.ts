import { describe, expect, it } from 'vitest'
import { ctxFor, run, runError, runInvalid, runOk } from './testkit'
import { isFinishedAt, remainingAt, timerSection, TIMER_MAX_MS, type TimerState } from './timer'

const T0 = 1_700_000_000_000
const fac = (now: number) => ctxFor('facilitator', 'f1', now)

function started(durationMs: number, now = T0): TimerState {
  return runOk(timerSection, timerSection.initial(), { type: 'timer.start', durationMs }, fac(now))
}

describe('timer state machine', () => {
  it('starts idle with no countdown', () => {
    const s = timerSection.initial()
    expect(s.status).toBe('idle')
    expect(remainingAt(s, T0)).toBeNull()
    expect(isFinishedAt(s, T0)).toBe(false)
  })

  it('runs on the server clock: endsAt = now + duration, remaining derived from now', () => {
    const s = started(5 * 60_000)
    expect(s).toEqual({ status: 'running', durationMs: 300_000, endsAt: T0 + 300_000, remainingMs: null })
    expect(remainingAt(s, T0 + 100_000)).toBe(200_000)
    expect(isFinishedAt(s, T0 + 299_999)).toBe(false)
    expect(isFinishedAt(s, T0 + 300_000)).toBe(true)
    expect(remainingAt(s, T0 + 400_000)).toBe(0)
  })

  it('pauses with the time left and resumes from it at a later server time', () => {
    const s = started(60_000)
    const paused = runOk(timerSection, s, { type: 'timer.pause' }, fac(T0 + 20_000))
    expect(paused).toMatchObject({ status: 'paused', remainingMs: 40_000, endsAt: null })
    // Time passing while paused changes nothing.
    expect(remainingAt(paused, T0 + 10 * 60_000)).toBe(40_000)
    const resumed = runOk(timerSection, paused, { type: 'timer.resume' }, fac(T0 + 100_000))
    expect(resumed).toMatchObject({ status: 'running', endsAt: T0 + 140_000, remainingMs: null })
  })

  it('adds a minute to a running, a paused and a finished timer', () => {
    const s = started(60_000)
    const running = runOk(timerSection, s, { type: 'timer.addMinute' }, fac(T0 + 10_000))
    expect(running.endsAt).toBe(T0 + 120_000)
    expect(running.durationMs).toBe(120_000)

    const paused = runOk(timerSection, s, { type: 'timer.pause' }, fac(T0 + 30_000))
    expect(runOk(timerSection, paused, { type: 'timer.addMinute' }, fac(T0 + 50_000)).remainingMs).toBe(90_000)

    // Finished long ago: the extra minute counts from now, not from the past end.
    const late = runOk(timerSection, s, { type: 'timer.addMinute' }, fac(T0 + 10 * 60_000))
    expect(late.endsAt).toBe(T0 + 11 * 60_000)
    expect(isFinishedAt(late, T0 + 10 * 60_000)).toBe(false)
  })

  it('adds five minutes at once (« +5 min »), within 1–60 minutes and the 4-hour limit', () => {
    const s = started(60_000)
    const more = runOk(timerSection, s, { type: 'timer.addMinutes', minutes: 5 }, fac(T0 + 10_000))
    expect(more).toMatchObject({ endsAt: T0 + 360_000, durationMs: 360_000 })
    const late = runOk(timerSection, s, { type: 'timer.addMinutes', minutes: 5 }, fac(T0 + 10 * 60_000))
    expect(late.endsAt).toBe(T0 + 15 * 60_000)
    expect(runInvalid(timerSection, s, { type: 'timer.addMinutes', minutes: 0 }, fac(T0))).toMatch(/between 1 and 60/)
    expect(runInvalid(timerSection, s, { type: 'timer.addMinutes', minutes: 2.5 }, fac(T0))).toMatch(/whole number/)
    expect(runError(timerSection, started(TIMER_MAX_MS), { type: 'timer.addMinutes', minutes: 5 }, fac(T0))).toEqual({
      code: 'timer-too-long',
      params: { hours: 4 },
    })
    expect(runError(timerSection, timerSection.initial(), { type: 'timer.addMinutes', minutes: 5 }, fac(T0))).toEqual({
      code: 'no-timer',
    })
  })

  it('stops from running or paused, and restarts from stopped', () => {
    const stopped = runOk(timerSection, started(60_000), { type: 'timer.stop' }, fac(T0 + 1_000))
    expect(stopped).toMatchObject({ status: 'stopped', endsAt: null, remainingMs: null })
    expect(remainingAt(stopped, T0)).toBeNull()
    const again = runOk(timerSection, stopped, { type: 'timer.start', durationMs: 1_000 }, fac(T0 + 5_000))
    expect(again.endsAt).toBe(T0 + 6_000)
  })

  it('refuses transitions that make no sense, with a reason', () => {
    const idle = timerSection.initial()
    expect(runError(timerSection, idle, { type: 'timer.pause' }, fac(T0))).toEqual({ code: 'timer-not-running' })
    expect(runError(timerSection, idle, { type: 'timer.resume' }, fac(T0))).toEqual({ code: 'timer-not-paused' })
    expect(runError(timerSection, idle, { type: 'timer.addMinute' }, fac(T0))).toEqual({ code: 'no-timer' })
    expect(runError(timerSection, idle, { type: 'timer.stop' }, fac(T0))).toEqual({ code: 'no-timer' })
    expect(runError(timerSection, started(1_000), { type: 'timer.pause' }, fac(T0 + 2_000))).toEqual({
      code: 'timer-finished',
    })
    expect(runError(timerSection, started(1_000), { type: 'timer.resume' }, fac(T0))).toEqual({
      code: 'timer-not-paused',
    })
  })

  it('bounds the duration to 1 s – 4 h, including added minutes', () => {
    expect(runInvalid(timerSection, timerSection.initial(), { type: 'timer.start', durationMs: 999 }, fac(T0))).toMatch(
      /at least 1 second/,
    )
    expect(
      runInvalid(timerSection, timerSection.initial(), { type: 'timer.start', durationMs: TIMER_MAX_MS + 1 }, fac(T0)),
    ).toMatch(/4 hours/)
    expect(
      runInvalid(timerSection, timerSection.initial(), { type: 'timer.start', durationMs: 1.5e3 + 0.5 }, fac(T0)),
    ).toMatch(/whole number/)
    expect(runError(timerSection, started(TIMER_MAX_MS), { type: 'timer.addMinute' }, fac(T0))).toEqual({
      code: 'timer-too-long',
      params: { hours: 4 },
    })
  })

  it('is for facilitators only', () => {
    for (const role of ['participant', 'viewer'] as const) {
      expect(
        run(timerSection, timerSection.initial(), { type: 'timer.start', durationMs: 60_000 }, ctxFor(role, 'm1')),
      ).toEqual({
        ok: false,
        code: 'forbidden',
      })
    }
  })

  it('never mutates its input (every command on a deep-frozen state)', () => {
    // `run` deep-freezes the state it applies to; a mutation would throw in strict mode.
    let s = timerSection.initial()
    const commands = [
      { type: 'timer.start', durationMs: 60_000 },
      { type: 'timer.addMinute' },
      { type: 'timer.pause' },
      { type: 'timer.addMinute' },
      { type: 'timer.resume' },
      { type: 'timer.stop' },
    ]
    commands.forEach((c, i) => {
      s = runOk(timerSection, s, c, fac(T0 + i * 1_000))
    })
    expect(s.status).toBe('stopped')
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
  })
})
