import { getHeapSpaceStatistics } from 'node:v8'
import { describe, expect, it } from 'vitest'
import { releaseUnusedHeap } from './heap'

const newSpace = (): number => getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0

describe('releaseUnusedHeap', () => {
  it('collects and shrinks the young generation V8 grew', () => {
    // Objects that survive a while make V8 grow its young generation.
    const kept: object[] = []
    for (let i = 0; i < 400_000; i++) kept.push({ i, text: `card ${i}` })
    const grown = newSpace()
    kept.length = 0
    releaseUnusedHeap()
    expect(newSpace()).toBeLessThanOrEqual(grown)
    expect(newSpace()).toBeLessThanOrEqual(2 * 1_048_576)
  })
})
