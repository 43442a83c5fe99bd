import * as prng from 'lib0/prng'
import { describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { applyDecodedUpdate, decodeUpdateOnce } from './decodedUpdate'

/** Random edits of a `{ key, val }` array, a map and a text by one client; its updates. */
function randomUpdates(seed: number, count: number): Uint8Array[] {
  const gen = prng.create(seed)
  const doc = new Y.Doc()
  const kv = new YKeyValue(doc.getArray<{ key: string; val: unknown }>('tl_records'))
  const map = doc.getMap<unknown>('other')
  const text = doc.getText('text')
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  for (let i = 0; i < count; i++) {
    const key = `shape:${prng.uint32(gen, 0, 5)}`
    switch (prng.uint32(gen, 0, 3)) {
      case 0:
        kv.set(key, { id: key, x: prng.real53(gen), props: { name: prng.word(gen), tags: [1, 'a', null] } })
        break
      case 1:
        kv.delete(key)
        break
      case 2:
        map.set(key, { nested: { n: i } })
        break
      default:
        text.insert(0, prng.word(gen))
    }
  }
  return updates
}

describe('decodedUpdate', () => {
  it('integrates exactly what Y.applyUpdate does, from the values read once', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const updates = randomUpdates(seed, 40)
      const plain = new Y.Doc()
      const replayed = new Y.Doc()
      for (const update of updates) {
        Y.applyUpdate(plain, update)
        applyDecodedUpdate(replayed, update, decodeUpdateOnce(update))
      }
      expect(Y.encodeStateAsUpdate(replayed)).toEqual(Y.encodeStateAsUpdate(plain))
      expect(replayed.getArray('tl_records').toJSON()).toEqual(plain.getArray('tl_records').toJSON())
    }
  })

  it('hands the board the very objects the planner and the guards read', () => {
    const source = new Y.Doc()
    const update = (() => {
      let last: Uint8Array = new Uint8Array()
      source.on('update', (u: Uint8Array) => (last = u))
      new YKeyValue(source.getArray<{ key: string; val: unknown }>('tl_records')).set('shape:a', { id: 'shape:a' })
      return last
    })()
    const decoded = decodeUpdateOnce(update)
    const read = decoded.structs.flatMap((s) =>
      s instanceof Y.Item && s.content instanceof Y.ContentAny ? s.content.arr : [],
    )
    expect(read).toHaveLength(1)
    const board = new Y.Doc()
    applyDecodedUpdate(board, update, decoded)
    expect(board.getArray('tl_records').get(0)).toBe(read[0])
  })

  it('reads from the bytes what the first read did not reach, and throws on malformed bytes as Yjs does', () => {
    const [update] = randomUpdates(7, 1)
    const doc = new Y.Doc()
    applyDecodedUpdate(doc, update, { structs: [], ds: decodeUpdateOnce(update).ds, values: new Map() })
    const plain = new Y.Doc()
    Y.applyUpdate(plain, update)
    expect(Y.encodeStateAsUpdate(doc)).toEqual(Y.encodeStateAsUpdate(plain))
    expect(() => decodeUpdateOnce(new Uint8Array([1, 200, 200, 200]))).toThrow()
  })
})
