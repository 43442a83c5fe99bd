import { describe, expect, it } from 'vitest'
import { deepFreeze } from './testkit'

describe('deepFreeze', () => {
  it('makes nested writes throw, so the "never mutates" tests can fail', () => {
    const s = deepFreeze({ rounds: [{ id: 'a', scores: { m1: 1 } }] })
    expect(() => {
      s.rounds[0].scores.m1 = 2
    }).toThrow(TypeError)
    expect(() => {
      s.rounds.push({ id: 'b', scores: { m1: 0 } })
    }).toThrow(TypeError)
  })
})
