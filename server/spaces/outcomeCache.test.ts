import { describe, expect, it } from 'vitest'
import { workshopInput } from '../../shared/export/testWorkshop'
import { inputFingerprint, OutcomeCache, type CachedOutcome } from './outcomeCache'

const entry = (fingerprint: string): CachedOutcome => ({
  fingerprint,
  hasContent: true,
  outcome: {
    workshopId: 'w',
    title: 't',
    locale: 'fr',
    createdAt: 0,
    phase: null,
    compass: [],
    actors: [],
    nextSteps: [],
  },
})

describe('OutcomeCache', () => {
  it('fingerprints what the export reads, not when it is made', () => {
    const input = workshopInput()
    expect(inputFingerprint({ ...input, exportedAt: 1 })).toBe(inputFingerprint({ ...input, exportedAt: 2 }))
    expect(inputFingerprint({ ...input, participantCount: 5 })).not.toBe(inputFingerprint(input))
    expect(inputFingerprint({ ...input, records: input.records.slice(1) })).not.toBe(inputFingerprint(input))
  })

  it('answers only for the same fingerprint, and forgets the oldest beyond its bound', () => {
    const cache = new OutcomeCache()
    cache.set('w1', entry('a'))
    expect(cache.get('w1', 'a')?.fingerprint).toBe('a')
    expect(cache.get('w1', 'b')).toBeUndefined()
    for (let i = 0; i < 2_000; i++) cache.set(`x${i}`, entry('a'))
    expect(cache.size()).toBe(2_000)
    expect(cache.get('w1', 'a')).toBeUndefined()
    expect(cache.get('x1999', 'a')).toBeDefined()
  })
})
