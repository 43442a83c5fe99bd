import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import type { WorkshopMeta } from '../../shared/workshop'
import { createManualClock, type ManualClock } from '../clock'
import { CONTROL_SECTIONS } from '../control/sections'
import { createMemoryStorage } from '../storage/memoryStorage'
import type { Storage } from '../storage/Storage'
import { isKeyValueEntry } from './recordGuard'
import { Room } from './Room'
import { shape, silentLog, syncStep1Frame, TEST_LIMITS, TestPeer, updateFrame } from './testPeers'

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
const rooms: Room[] = []
afterEach(async () => {
  for (const room of rooms.splice(0)) await room.close()
})

/** Lets due timers run and pending promises (memory storage) settle, a few rounds. */
async function settle(clock: ManualClock): Promise<void> {
  for (let i = 0; i < 6; i++) {
    clock.advance(50)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

async function open(storage: Storage): Promise<{ room: Room; clock: ManualClock }> {
  const clock = createManualClock()
  const room = new Room({
    workshopId: META.id,
    storage,
    clock,
    log: silentLog,
    limits: TEST_LIMITS,
    sections: CONTROL_SECTIONS,
  })
  rooms.push(room)
  await room.loaded
  return { room, clock }
}

function join(room: Room, role: TestPeer['role'] = 'viewer'): TestPeer {
  const peer = new TestPeer(role, `${role}-${Math.random()}`)
  room.join(peer)
  room.receive(peer, syncStep1Frame(peer.doc))
  return peer
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

    const { room, clock } = await open(storage)
    // (Besides tldraw's default page, which the room gives a board without one.)
    expect(shapesOf(room.doc)).toEqual([
      { key: 'shape:a', val: shape('shape:a') },
      { key: 'shape:b', val: shape('shape:b') },
    ])
    expect(room.doc.store.pendingStructs).toBeNull()
    const peer = join(room)
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
    const { room, clock } = await open(storage)
    const writer = join(room, 'participant')
    const watcher = join(room)
    await settle(clock)
    const orphan = new Y.Doc()
    orphan.clientID = 78
    orphan.getArray(RECORDS_ARRAY).push([
      { key: 'shape:o', val: shape('shape:o') },
      { key: 'shape:p', val: shape('shape:p') },
    ])
    room.receive(
      writer,
      updateFrame(Y.diffUpdate(Y.encodeStateAsUpdate(orphan), Y.encodeStateVector(docWithClock(78, 1)))),
    )
    await settle(clock)
    expect(writer.closed).toBeNull()
    expect(room.doc.store.pendingStructs).toBeNull()
    const late = join(room)
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
