import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import { CloseCode } from '../../shared/protocol'
import type { WorkshopMeta } from '../../shared/workshop'
import { createManualClock, type ManualClock } from '../clock'
import { CONTROL_SECTIONS } from '../control/sections'
import { createMemoryStorage } from '../storage/memoryStorage'
import type { Storage } from '../storage/Storage'
import type { TickPolicy } from './pacing'
import { Room } from './Room'
import {
  captureUpdate,
  commandFrame,
  shape,
  silentLog,
  syncStep1Frame,
  TEST_LIMITS,
  TestPeer,
  updateFrame,
  storePage,
} from './testPeers'

/**
 * A busy room applies a tick's worth of client updates in one Yjs transaction per role
 * (Room.applyIncoming, finding C). Here every room batches (a policy that always ticks),
 * and the rules that hold one update at a time must still hold: guards per role, bad
 * parts dropped, a broken update closes only its sender, nothing lost on close.
 */

const WORKSHOP: WorkshopMeta = {
  id: 'AAAAAAAAAAAAAAAAAAAAAg',
  title: 'Plénière',
  coalition: 'Climat',
  template: 'blank',
  locale: 'fr',
  createdAt: 1_700_000_000_000,
}

const ALWAYS_BATCH: TickPolicy = { immediateUpTo: 0, sendBudgetPerSecond: 0, msPerConnection: 10, maxTickMs: 40 }

const rooms: Room[] = []
const peers: TestPeer[] = []
afterEach(() => {
  for (const room of rooms.splice(0)) room.discard(CloseCode.serverRestarting)
  for (const peer of peers.splice(0)) peer.destroy()
})

async function settle(clock: ManualClock, ms = 50): Promise<void> {
  for (let i = 0; i < 5; i++) {
    clock.advance(ms)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

async function setup(storage: Storage = createMemoryStorage()) {
  if (!(await storage.getWorkshop(WORKSHOP.id))) {
    await storage.createWorkshop(WORKSHOP, [])
    await storePage(storage, WORKSHOP.id)
  }
  const clock = createManualClock()
  const room = new Room({
    workshopId: WORKSHOP.id,
    storage,
    clock,
    log: silentLog,
    limits: TEST_LIMITS,
    sections: CONTROL_SECTIONS,
    tickPolicy: ALWAYS_BATCH,
  })
  rooms.push(room)
  const join = (role: TestPeer['role'], memberId: string): TestPeer => {
    const peer = new TestPeer(role, memberId)
    peers.push(peer)
    room.join(peer)
    room.receive(peer, syncStep1Frame(peer.doc))
    return peer
  }
  await settle(clock)
  return { room, clock, join, storage }
}

function write(room: Room, peer: TestPeer, records: Record<string, unknown>[]): void {
  const update = captureUpdate(peer.doc, () =>
    peer.doc.transact(() => records.forEach((r) => peer.kv.set(r.id as string, r))),
  )
  room.receive(peer, updateFrame(update))
}

/** The shapes a peer holds (the page every board starts with left out). */
function keys(peer: TestPeer): string[] {
  peer.catchUp()
  return [...peer.kv.map.keys()].filter((k) => k !== 'page:page').sort()
}

describe('Room batching a busy tick', () => {
  it('applies several writers’ updates together; every peer converges, every update stored before it is sent', async () => {
    const storage = createMemoryStorage()
    const { room, clock, join } = await setup(storage)
    const writers = Array.from({ length: 5 }, (_, i) => join('participant', `w${i}`))
    const watcher = join('viewer', 'watcher')
    await settle(clock)
    writers.forEach((w, i) => write(room, w, [shape(`shape:s${i}`, i)]))
    // Accepted, not applied yet: the room holds them for its flush.
    expect(room.doc.getArray(RECORDS_ARRAY).length).toBe(1) // the page
    expect(room.hasUnsaved()).toBe(true)
    await settle(clock)
    expect(keys(watcher)).toEqual(['shape:s0', 'shape:s1', 'shape:s2', 'shape:s3', 'shape:s4'])
    const stored = await storage.loadDoc(WORKSHOP.id)
    const doc = new Y.Doc()
    for (const u of stored.updates) Y.applyUpdate(doc, u)
    expect(doc.getArray(RECORDS_ARRAY).length).toBe(6) // and the page
    expect(room.hasUnsaved()).toBe(false)
  })

  it('guards each role as before: a locked shape reverts the participant’s edit, not the facilitator’s, in the same tick', async () => {
    const { room, clock, join } = await setup()
    const fac = join('facilitator', 'fac')
    const part = join('participant', 'part')
    const watcher = join('viewer', 'watcher')
    await settle(clock)
    write(room, fac, [shape('shape:locked', 0), shape('shape:other', 0)])
    await settle(clock)
    room.receive(fac, commandFrame(1, { type: 'lock.lockRecords', ids: ['shape:locked'] }))
    await settle(clock)
    part.catchUp()
    write(room, part, [shape('shape:locked', 99), shape('shape:mine', 1), { id: 'camera:x', typeName: 'camera' }])
    write(room, fac, [shape('shape:other', 42)])
    await settle(clock)
    watcher.catchUp()
    expect((watcher.kv.get('shape:locked') as { x: number }).x).toBe(0)
    expect((watcher.kv.get('shape:other') as { x: number }).x).toBe(42)
    expect(keys(watcher)).toEqual(['shape:locked', 'shape:mine', 'shape:other'])
  })

  // Filter before apply: the malformed update is refused whole (4422), no longer applied
  // then cleaned up with its sender left open.
  it('a writer’s update with a malformed entry is refused whole and closes only its sender; the others’ kept', async () => {
    const { room, clock, join } = await setup()
    const good = join('participant', 'good')
    const bad = join('participant', 'bad')
    const watcher = join('viewer', 'watcher')
    await settle(clock)
    write(room, good, [shape('shape:good')])
    const malformed = captureUpdate(bad.doc, () => bad.doc.getArray(RECORDS_ARRAY).push([42]))
    room.receive(bad, updateFrame(malformed))
    await settle(clock)
    expect(keys(watcher)).toEqual(['shape:good'])
    expect(
      room.doc
        .getArray(RECORDS_ARRAY)
        .toArray()
        .every((e) => typeof e === 'object'),
    ).toBe(true)
    expect(bad.closed?.code).toBe(CloseCode.updateRefused)
    expect(good.closed).toBeNull()
  })

  it('keeps nothing of an update with missing dependencies in a batch; the others apply', async () => {
    const { room, clock, join } = await setup()
    const writer = join('participant', 'writer')
    const other = join('participant', 'other')
    const watcher = join('viewer', 'watcher')
    await settle(clock)
    const orphan = new Y.Doc()
    orphan.clientID = 78
    orphan.getArray(RECORDS_ARRAY).push([
      { key: 'shape:o', val: shape('shape:o') },
      { key: 'shape:p', val: shape('shape:p') },
    ])
    const skipFirst = new Y.Doc()
    skipFirst.clientID = 78
    skipFirst.getText('t').insert(0, 'x')
    const tail = Y.diffUpdate(Y.encodeStateAsUpdate(orphan), Y.encodeStateVector(skipFirst))
    expect(Y.decodeUpdate(tail).structs.length).toBeGreaterThan(0)
    room.receive(writer, updateFrame(tail))
    write(room, other, [shape('shape:kept')])
    await settle(clock)
    expect(room.doc.store.pendingStructs).toBeNull()
    expect(keys(watcher)).toEqual(['shape:kept'])
    expect(watcher.doc.store.pendingStructs).toBeNull()
    expect(writer.closed).toBeNull()
  })

  it('saves what it accepted when it closes before the tick', async () => {
    const storage = createMemoryStorage()
    const { room, clock, join } = await setup(storage)
    const w = join('participant', 'w')
    await settle(clock)
    write(room, w, [shape('shape:last')])
    expect(await room.close()).toBe(true)
    const stored = await storage.loadDoc(WORKSHOP.id)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(doc, u)
    expect(JSON.stringify(doc.getArray(RECORDS_ARRAY).toJSON())).toContain('shape:last')
  })
})
