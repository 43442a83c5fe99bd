import { describe, expect, it } from 'vitest'
import { WriteBatch, type Corkable } from './writeBatch'

class FakeSocket implements Corkable {
  writableCorked = 0
  destroyed = false
  corks = 0
  readonly writes: string[] = []
  readonly flushed: string[][] = []
  private pending: string[] = []
  cork(): void {
    this.writableCorked++
    this.corks++
  }
  uncork(): void {
    this.writableCorked--
    if (this.writableCorked === 0) this.flush()
  }
  write(s: string): void {
    this.writes.push(s)
    this.pending.push(s)
    if (this.writableCorked === 0) this.flush()
  }
  private flush(): void {
    if (this.pending.length > 0) this.flushed.push(this.pending)
    this.pending = []
  }
}

describe('WriteBatch', () => {
  it('sends everything one task writes to a socket in one flush, in order, once the task is done', async () => {
    const batch = new WriteBatch()
    const a = new FakeSocket()
    const b = new FakeSocket()
    for (const frame of ['update', 'awareness', 'control']) {
      for (const s of [a, b]) {
        batch.hold(s)
        s.write(frame)
      }
    }
    expect(a.flushed).toEqual([])
    await Promise.resolve()
    expect(a.flushed).toEqual([['update', 'awareness', 'control']])
    expect(b.flushed).toEqual([['update', 'awareness', 'control']])
    expect(a.corks).toBe(1)
    expect(a.writableCorked).toBe(0)
  })

  it('corks again in the next task', async () => {
    const batch = new WriteBatch()
    const a = new FakeSocket()
    batch.hold(a)
    a.write('one')
    await Promise.resolve()
    batch.hold(a)
    a.write('two')
    await Promise.resolve()
    expect(a.flushed).toEqual([['one'], ['two']])
  })

  it('leaves a socket destroyed meanwhile alone', async () => {
    const batch = new WriteBatch()
    const a = new FakeSocket()
    batch.hold(a)
    a.destroyed = true
    await Promise.resolve()
    expect(a.writableCorked).toBe(1)
  })
})
