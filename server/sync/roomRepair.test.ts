import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import type { WorkshopMeta } from '../../shared/workshop'
import type { ManualClock } from '../clock'
import { createMemoryStorage } from '../storage/memoryStorage'
import type { Storage } from '../storage/Storage'
import { isKeyValueEntry } from './recordGuard'
import { orphanShapesUpdate, shape, updateFrame } from './testPeers'
import { discardTestRooms, openTestRoom, settle as settleRoom, type TestRoom } from './testRoom'

/**
 * What a room does with documents that a hostile client, or an older server, left broken:
 * malformed `tl_records` entries and updates Yjs keeps aside are repaired on load; an
 * update that Yjs integrates half-way before throwing leaves nothing malformed behind.
 * (The fuzz test's fixtures replay the real cases over sockets.)
 */

const META: WorkshopMeta = {
  id: 'RRRRRRRRRRRRRRRRRRRRRR',
  title: 'Réparation',
  coalition: '',
  template: 'blank',
  locale: 'fr',
  createdAt: 0,
}
afterEach(discardTestRooms)

const settle = (clock: ManualClock): Promise<void> => settleRoom(clock, 50, 6)

/** A room on what `storage` holds (the workshop already created), once loaded. */
async function open(storage: Storage): Promise<TestRoom> {
  const opened = await openTestRoom(META, { storage, withPage: false })
  await opened.room.loaded
  return opened
}

describe('room repairs', () => {
  it('removes malformed entries and held-aside updates stored by an older server, and stores the repair', async () => {
    const storage = createMemoryStorage()
    await storage.createWorkshop(META, [])
    const old = new Y.Doc()
    const records = old.getArray<unknown>(RECORDS_ARRAY)
    records.push([
      { key: 'shape:a', val: shape('shape:a') },
      null,
      'texte',
      { key: 'shape:b', val: shape('shape:b') },
      42,
    ])
    // An update whose dependencies never came (clock 5 of a client never seen).
    const orphan = new Y.Doc()
    orphan.clientID = 77
    orphan.getText('t').insert(0, 'abcdef')
    const tail = Y.diffUpdate(Y.encodeStateAsUpdate(orphan), Y.encodeStateVector(docWithClock(77, 3)))
    await storage.appendUpdate(META.id, Y.encodeStateAsUpdate(old))
    await storage.appendUpdate(META.id, tail)

    const { room, clock, join } = await open(storage)
    // (Besides tldraw's default page, which the room gives a board without one.)
    expect(shapesOf(room.doc)).toEqual([
      { key: 'shape:a', val: shape('shape:a') },
      { key: 'shape:b', val: shape('shape:b') },
    ])
    expect(room.doc.store.pendingStructs).toBeNull()
    const peer = join('viewer')
    await settle(clock)
    peer.catchUp()
    expect(peer.doc.getArray(RECORDS_ARRAY).toArray().every(isKeyValueEntry)).toBe(true)
    expect(peer.kv.get('shape:b')).toEqual(shape('shape:b'))
    expect(peer.doc.store.pendingStructs).toBeNull()
    await room.close()

    // The repair was stored as an update of its own: the stored document alone is clean.
    const stored = await storage.loadDoc(META.id)
    expect(stored.updates.length).toBe(3)
    const reread = new Y.Doc()
    for (const update of stored.updates) Y.applyUpdate(reread, update)
    expect(shapesOf(reread)).toEqual([
      { key: 'shape:a', val: shape('shape:a') },
      { key: 'shape:b', val: shape('shape:b') },
    ])
  })

  it('keeps nothing of an update with missing dependencies, and relays nothing of it', async () => {
    const storage = createMemoryStorage()
    await storage.createWorkshop(META, [])
    const { room, clock, join } = await open(storage)
    const writer = join('participant')
    const watcher = join('viewer')
    await settle(clock)
    room.receive(writer, updateFrame(orphanShapesUpdate()))
    await settle(clock)
    expect(writer.closed).toBeNull()
    expect(room.doc.store.pendingStructs).toBeNull()
    const late = join('viewer')
    await settle(clock)
    late.catchUp()
    watcher.catchUp()
    expect(late.doc.store.pendingStructs).toBeNull()
    expect(watcher.doc.store.pendingStructs).toBeNull()
    expect(room.hasUnsaved()).toBe(false)
  })
})

/** The `tl_records` entries of a document, but the page. */
function shapesOf(doc: Y.Doc): unknown[] {
  return doc
    .getArray<{ key: string }>(RECORDS_ARRAY)
    .toArray()
    .filter((e) => e.key !== 'page:page')
}

/** A document whose client `client` is at clock `clock` (to cut the first `clock` structs off an update). */
function docWithClock(client: number, clock: number): Y.Doc {
  const doc = new Y.Doc()
  doc.clientID = client
  doc.getText('t').insert(0, 'x'.repeat(clock))
  return doc
}
