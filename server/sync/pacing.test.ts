import { describe, expect, it } from 'vitest'
import { createManualClock } from '../clock'
import { awarenessIntervalMs, chooseTickMs, RateMeter, TokenBucket } from './pacing'

describe('chooseTickMs', () => {
  it('flushes at once in small rooms, whatever their rate', () => {
    expect(chooseTickMs(1, 10_000)).toBe(0)
    expect(chooseTickMs(20, 10_000)).toBe(0)
  })

  it('flushes at once up to 50 people at a workshop’s rate, and batches a flood there', () => {
    // Issue 19: a 2 ms tick at 50 was most of the 3 ms the room added over a bare relay,
    // and gathered ~1 message per tick (50 clients, cursors at 5 Hz, echoes: ~600/s).
    expect(chooseTickMs(50, 600)).toBe(0)
    expect(chooseTickMs(40, 1_000)).toBe(0)
    expect(chooseTickMs(50, 5_000)).toBeGreaterThanOrEqual(1)
    expect(chooseTickMs(51, 600)).toBeGreaterThanOrEqual(1)
  })

  it('flushes at once in big quiet rooms', () => {
    expect(chooseTickMs(1000, 5)).toBe(0)
    expect(chooseTickMs(200, 50)).toBe(0)
  })

  it('grows the tick with connections in busy rooms, up to a ceiling', () => {
    const t51 = chooseTickMs(51, 1000)
    const t200 = chooseTickMs(200, 1000)
    const t1000 = chooseTickMs(1000, 1000)
    const t2000 = chooseTickMs(2000, 1000)
    expect(t51).toBeGreaterThanOrEqual(1)
    expect(t200).toBeGreaterThan(t51)
    expect(t1000).toBeGreaterThan(t200)
    // A 1,000-person plenary waits at most 25 ms for its flush (issue 19: p99 ≤ 100 ms end to end).
    expect(t1000).toBeLessThanOrEqual(25)
    expect(t1000).toBeGreaterThanOrEqual(20)
    expect(t2000).toBeGreaterThan(t1000)
    expect(t2000).toBeLessThanOrEqual(50)
    expect(chooseTickMs(100_000, 1000)).toBe(t2000)
  })
})

describe('TokenBucket', () => {
  it('allows a burst, then refills at its rate', () => {
    const clock = createManualClock()
    const bucket = new TokenBucket(clock, 10, 3)
    expect([bucket.take(), bucket.take(), bucket.take(), bucket.take()]).toEqual([true, true, true, false])
    expect(bucket.msUntilNext()).toBe(100)
    clock.advance(100)
    expect(bucket.take()).toBe(true)
    expect(bucket.take()).toBe(false)
    clock.advance(10_000)
    expect(bucket.available()).toBe(3)
  })
})

describe('TokenBucket.msUntil', () => {
  it('says how long until n tokens are there (never longer than refilling the whole burst)', () => {
    const clock = createManualClock()
    const bucket = new TokenBucket(clock, 1000, 500)
    expect(bucket.take(500)).toBe(true)
    expect(bucket.msUntil(100)).toBe(100)
    expect(bucket.msUntil(10_000)).toBe(500)
    clock.advance(100)
    expect(bucket.msUntil(100)).toBe(0)
  })
})

describe('awarenessIntervalMs', () => {
  it('lets every tick carry cursors up to 50 recipients, then spaces the frames with the room', () => {
    expect(awarenessIntervalMs(10)).toBe(0)
    expect(awarenessIntervalMs(50)).toBe(0)
    expect(awarenessIntervalMs(200)).toBe(20)
    expect(awarenessIntervalMs(1000)).toBe(100)
    expect(awarenessIntervalMs(5000)).toBe(200)
  })
})

describe('RateMeter', () => {
  it('measures messages per second over a sliding second', () => {
    const clock = createManualClock()
    const meter = new RateMeter(clock)
    expect(meter.perSecond()).toBe(0)
    meter.mark(50)
    expect(meter.perSecond()).toBe(50)
    clock.advance(1000)
    // the previous window fully overlaps the last second
    expect(meter.perSecond()).toBe(50)
    clock.advance(500)
    expect(meter.perSecond()).toBe(25)
    clock.advance(5000)
    expect(meter.perSecond()).toBe(0)
  })
})
