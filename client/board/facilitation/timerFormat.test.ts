import { describe, expect, it } from 'vitest'
import type { TimerState } from '../../../shared/control/timer'
import { formatSeconds, minutesToDurationMs, readTimer } from './timerFormat'

const NOW = 1_700_000_000_000

describe('timer reading', () => {
  it('formats minutes and hours', () => {
    expect(formatSeconds(0)).toBe('0:00')
    expect(formatSeconds(65)).toBe('1:05')
    expect(formatSeconds(59.2)).toBe('1:00')
    expect(formatSeconds(3723)).toBe('1:02:03')
  })

  it('reads a running countdown from the server clock, rounding seconds up', () => {
    const running: TimerState = { status: 'running', durationMs: 300_000, endsAt: NOW + 125_400, remainingMs: null }
    expect(readTimer(running, NOW)).toEqual({ text: '2:06', seconds: 126, finished: false, paused: false })
    // Two screens whose local clocks differ read the same text from the same server time.
    expect(readTimer(running, NOW + 125_000).text).toBe('0:01')
    expect(readTimer(running, NOW + 125_400)).toEqual({ text: '0:00', seconds: 0, finished: true, paused: false })
    expect(readTimer(running, NOW + 999_999).finished).toBe(true)
  })

  it('reads a paused timer whatever the time, and nothing when idle or stopped', () => {
    const paused: TimerState = { status: 'paused', durationMs: 300_000, endsAt: null, remainingMs: 61_000 }
    expect(readTimer(paused, NOW)).toEqual({ text: '1:01', seconds: 61, finished: false, paused: true })
    expect(readTimer(paused, NOW + 3_600_000).text).toBe('1:01')
    expect(readTimer({ status: 'idle', durationMs: 0, endsAt: null, remainingMs: null }, NOW).text).toBeNull()
    expect(readTimer({ status: 'stopped', durationMs: 1, endsAt: null, remainingMs: null }, NOW).text).toBeNull()
    expect(readTimer(undefined, NOW).text).toBeNull()
  })

  it('turns typed minutes into a duration within the timer’s range', () => {
    expect(minutesToDurationMs('5')).toBe(300_000)
    expect(minutesToDurationMs('1,5')).toBe(90_000)
    expect(minutesToDurationMs('0')).toBeNull()
    expect(minutesToDurationMs('abc')).toBeNull()
    expect(minutesToDurationMs('241')).toBeNull()
  })
})
