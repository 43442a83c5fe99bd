import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import { CloseCode } from '../../shared/protocol'
import type { WorkshopMeta } from '../../shared/workshop'
import type { ManualClock } from '../clock'
import { createMemoryStorage } from '../storage/memoryStorage'
import type { Storage } from '../storage/Storage'
import type { TickPolicy } from './pacing'
import { captureUpdate, orphanShapesUpdate, shape, type TestPeer, updateFrame } from './testPeers'
import { discardTestRooms, openTestRoom, settle as settleRoom, writeAndLock, writeRecords } from './testRoom'

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

afterEach(discardTestRooms)

const settle = (clock: ManualClock, ms = 50): Promise<void> => settleRoom(clock, ms, 5)

async function setup(storage: Storage = createMemoryStorage()) {
  const opened = await openTestRoom(WORKSHOP, { storage, tickPolicy: ALWAYS_BATCH })
  await settle(opened.clock)
  return opened
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
    writers.forEach((w, i) => writeRecords(room, w, [shape(`shape:s${i}`, i)]))
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
    await writeAndLock(room, fac, [shape('shape:locked', 0), shape('shape:other', 0)], () => settle(clock))
    part.catchUp()
    writeRecords(room, part, [
      shape('shape:locked', 99),
      shape('shape:mine', 1),
      { id: 'camera:x', typeName: 'camera' },
    ])
    writeRecords(room, fac, [shape('shape:other', 42)])
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
    writeRecords(room, good, [shape('shape:good')])
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
    const tail = orphanShapesUpdate()
    expect(Y.decodeUpdate(tail).structs.length).toBeGreaterThan(0)
    room.receive(writer, updateFrame(tail))
    writeRecords(room, other, [shape('shape:kept')])
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
    writeRecords(room, w, [shape('shape:last')])
    expect(await room.close()).toBe(true)
    const stored = await storage.loadDoc(WORKSHOP.id)
    const doc = new Y.Doc()
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
    for (const u of stored.updates) Y.applyUpdate(doc, u)
    expect(JSON.stringify(doc.getArray(RECORDS_ARRAY).toJSON())).toContain('shape:last')
  })
})
