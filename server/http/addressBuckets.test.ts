import { describe, expect, it } from 'vitest'
import { createManualClock } from '../clock'
import { AddressBuckets } from './addressBuckets'

describe('AddressBuckets', () => {
  it('gives each address its own full bucket, refilled per minute', () => {
    const clock = createManualClock()
    const buckets = new AddressBuckets(clock, 6, 2)
    expect(buckets.find('10.0.0.1')).toBeUndefined()
    expect(buckets.of('10.0.0.1').take()).toBe(true)
    expect(buckets.of('10.0.0.1').take()).toBe(true)
    expect(buckets.of('10.0.0.1').take()).toBe(false)
    expect(buckets.of('10.0.0.2').take()).toBe(true)
    // 6 a minute: one every 10 s.
    expect(buckets.retryAfterSeconds('10.0.0.1')).toBe(10)
    expect(buckets.retryAfterSeconds('10.0.0.9')).toBe(1)
    clock.advance(10_000)
    expect(buckets.of('10.0.0.1').take()).toBe(true)
  })

  it('forgets the addresses whose bucket is full again once it tracks 10,000', () => {
    const clock = createManualClock()
    const buckets = new AddressBuckets(clock, 60, 1)
    for (let i = 0; i < 10_000; i++) buckets.of(`a${i}`).take()
    clock.advance(1_000)
    buckets.of('spent').take()
    expect(buckets.of('fresh').available()).toBe(1)
    expect(buckets.size()).toBe(2)
    expect(buckets.find('spent')?.available()).toBe(0)
    expect(buckets.find('a0')).toBeUndefined()
  })
})
