import { describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import { clientsOf, dropMalformedEntries, isKeyValueEntry } from './recordGuard'

/** A writer's document: it syncs from the room, writes, and its update goes back. */
function writerUpdate(
  room: Y.Doc | null,
  write: (records: Y.Array<unknown>, kv: YKeyValue<unknown>) => void,
): Uint8Array {
  const doc = new Y.Doc()
  if (room) Y.applyUpdate(doc, Y.encodeStateAsUpdate(room))
  const records = doc.getArray<unknown>(RECORDS_ARRAY)
  const kv = new YKeyValue(records as Y.Array<{ key: string; val: unknown }>)
  const before = Y.encodeStateVector(doc)
  write(records, kv)
  const update = Y.encodeStateAsUpdate(doc, before)
  doc.destroy()
  return update
}

/** Applies `update` as the room does: decode, apply, clean up in the same transaction. */
function applyAsRoom(room: Y.Doc, update: Uint8Array, clients?: Set<number>): ReturnType<typeof dropMalformedEntries> {
  const records = room.getArray<unknown>(RECORDS_ARRAY)
  let result!: ReturnType<typeof dropMalformedEntries>
  room.transact((tr) => {
    Y.applyUpdate(room, update)
    result = dropMalformedEntries(room, records, tr, clients)
  })
  return result
}

describe('dropMalformedEntries (finding C: work proportional to the update)', () => {
  it('walks only the clients the update carries, and still drops what it brought', () => {
    const room = new Y.Doc()
    // 300 writers have each written a card (from empty documents: fast, same shape).
    for (let i = 0; i < 300; i++) {
      applyAsRoom(
        room,
        writerUpdate(null, (_r, kv) => kv.set(`shape:w${i}`, { id: `shape:w${i}` })),
      )
    }
    expect(room.store.clients.size).toBeGreaterThanOrEqual(300)

    const good = writerUpdate(room, (_r, kv) => kv.set('shape:w1', { id: 'shape:w1', x: 1 }))
    const visitedAll = applyAsRoom(new Y.Doc(), Y.encodeStateAsUpdate(room)).clientsVisited
    expect(visitedAll).toBeGreaterThanOrEqual(300)
    const r = applyAsRoom(room, good, clientsOf(Y.decodeUpdate(good)))
    expect(r).toEqual({ dropped: 0, misplaced: 0, clientsVisited: 1 })

    const bad = writerUpdate(room, (records) => records.push([42, { key: 'shape:ok', val: {} }]))
    const dropped = applyAsRoom(room, bad, clientsOf(Y.decodeUpdate(bad)))
    expect(dropped.clientsVisited).toBe(1)
    expect(dropped.dropped).toBe(1)
    expect(room.getArray(RECORDS_ARRAY).toArray().every(isKeyValueEntry)).toBe(true)
  })
})
