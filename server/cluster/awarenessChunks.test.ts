import { describe, expect, it } from 'vitest'
import { decodeAwarenessEntries, encodeAwarenessEntries } from '../sync/awarenessOwners'
import { chunkAwareness } from './awarenessChunks'

const entry = (clientId: number, size: number) => ({
  clientId,
  clock: 3,
  json: JSON.stringify({ user: { name: 'x'.repeat(size) } }),
})
const entriesOf = (chunks: string[]) =>
  chunks.flatMap((c) => decodeAwarenessEntries(new Uint8Array(Buffer.from(c, 'base64'))))

describe('chunkAwareness', () => {
  it('keeps a small update whole', () => {
    const update = encodeAwarenessEntries([entry(1, 10), entry(2, 10)])
    expect(chunkAwareness(update, 7_000)).toEqual([Buffer.from(update).toString('base64')])
  })

  it('cuts a large one into pieces that each fit, every entry once and in order, and drops one too big alone', () => {
    const entries = Array.from({ length: 200 }, (_, i) => entry(i + 1, 150))
    const huge = entry(999, 20_000)
    const chunks = chunkAwareness(
      encodeAwarenessEntries([...entries.slice(0, 100), huge, ...entries.slice(100)]),
      7_000,
    )
    expect(chunks.length).toBeGreaterThan(1)
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(7_000)
    expect(entriesOf(chunks)).toEqual(entries)
  })
})
