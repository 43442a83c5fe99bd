import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { META_MAP, META_SCHEMA_KEY, RECORDS_ARRAY } from '../../shared/board'
import { CloseCode } from '../../shared/protocol'
import { serializedBoardSchema } from '../../shared/tldrawSchema'
import type { WorkshopMeta } from '../../shared/workshop'
import type { ManualClock } from '../clock'
import { createMemoryStorage } from '../storage/memoryStorage'
import type { Storage } from '../storage/Storage'
import type { TickPolicy } from './pacing'
import { captureUpdate, shape, TEST_LIMITS, updateFrame, storePage } from './testPeers'
import { discardTestRooms, openTestRoom, settle as settleRoom, writeAndLock, writeRecords } from './testRoom'

/**
 * The room as the one authority over its board document (issue 14): an update is judged
 * before it is applied, a refused part never reaches storage or another client, the
 * document holds only the root types `shared/board.ts` declares, and `tl_meta.schema` is
 * the server's. Run in a quiet room (one update at a time) and in a busy one (a tick's
 * updates in one batch): one apply path, the same answers.
 */

const WORKSHOP: WorkshopMeta = {
  id: 'QQQQQQQQQQQQQQQQQQQQQQ',
  title: 'Autorité',
  coalition: '',
  template: 'blank',
  locale: 'fr',
  createdAt: 0,
}
const ALWAYS_BATCH: TickPolicy = { immediateUpTo: 0, sendBudgetPerSecond: 0, msPerConnection: 10, maxTickMs: 40 }

afterEach(discardTestRooms)

/** Six rounds of 50 ms: enough for a busy room's tick and the memory storage's writes. */
const settle = (clock: ManualClock): Promise<void> => settleRoom(clock, 50, 6)

async function setup(busy: boolean, storage: Storage = createMemoryStorage(), limits = TEST_LIMITS) {
  const opened = await openTestRoom(WORKSHOP, { storage, limits, tickPolicy: busy ? ALWAYS_BATCH : undefined })
  await settle(opened.clock)
  return opened
}

/** Every byte the room stored for the workshop (snapshot and log). */
async function storedBytes(storage: Storage): Promise<Uint8Array[]> {
  const stored = await storage.loadDoc(WORKSHOP.id)
  return [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]
}

function contains(chunks: readonly Uint8Array[], marker: string): boolean {
  return chunks.some((bytes) => Buffer.from(bytes).includes(marker))
}

for (const busy of [false, true]) {
  describe(`the room decides before it applies (${busy ? 'busy room, one batch per tick' : 'quiet room'})`, () => {
    it('a refused change never reaches storage or another client, and its author converges', async () => {
      const { room, clock, join, storage } = await setup(busy)
      const fac = join('facilitator', 'fac')
      const part = join('participant', 'part')
      const watcher = join('viewer', 'watcher')
      await settle(clock)
      await writeAndLock(room, fac, [shape('shape:locked', 0)], () => settle(clock))
      part.catchUp()
      const relayedFrom = watcher.sent.length
      // One update: a refused edit of the locked shape (with a marker) and an accepted new shape.
      writeRecords(room, part, [
        { ...shape('shape:locked', 5), meta: { note: 'REFUSED-CONTENT' } },
        shape('shape:mine', 1),
      ])
      await settle(clock)
      expect(contains(await storedBytes(storage), 'REFUSED-CONTENT')).toBe(false)
      expect(contains(watcher.sent.slice(relayedFrom), 'REFUSED-CONTENT')).toBe(false)
      expect(contains([Y.encodeStateAsUpdate(room.doc)], 'REFUSED-CONTENT')).toBe(false)
      watcher.catchUp()
      part.catchUp()
      for (const peer of [watcher, part]) {
        expect(peer.kv.get('shape:locked')).toEqual(shape('shape:locked', 0))
        expect(peer.kv.get('shape:mine')).toEqual(shape('shape:mine', 1))
      }
      expect(part.closed).toBeNull()
    })

    it('a refused removal is written back in the same update, and the author gets its record again', async () => {
      const { room, clock, join, storage } = await setup(busy)
      const fac = join('facilitator', 'fac')
      const part = join('participant', 'part')
      await settle(clock)
      await writeAndLock(room, fac, [shape('shape:keep', 3)], () => settle(clock))
      part.catchUp()
      const rows = (await storage.loadDoc(WORKSHOP.id)).updates.length
      const update = captureUpdate(part.doc, () => part.kv.delete('shape:keep'))
      room.receive(part, updateFrame(update))
      await settle(clock)
      part.catchUp()
      expect(part.kv.get('shape:keep')).toEqual(shape('shape:keep', 3))
      // The client's deletion and the server's write-back: one transaction, one stored row.
      expect((await storage.loadDoc(WORKSHOP.id)).updates.length - rows).toBe(1)
    })

    it('a change to a record it validated before is still checked field by field: the second write with a bad field is refused', async () => {
      const { room, clock, join } = await setup(busy)
      const part = join('participant', 'part')
      await settle(clock)
      writeRecords(room, part, [shape('shape:twice', 1)])
      await settle(clock)
      expect(room.board.record('shape:twice')).toEqual(shape('shape:twice', 1))
      // Twice over the accepted value (known good once YKeyValue caught up): a move, then a bad opacity.
      writeRecords(room, part, [shape('shape:twice', 2)])
      await settle(clock)
      expect(room.board.record('shape:twice')).toEqual(shape('shape:twice', 2))
      writeRecords(room, part, [{ ...shape('shape:twice', 3), opacity: 7 }])
      await settle(clock)
      expect(room.board.record('shape:twice')).toEqual(shape('shape:twice', 2))
    })

    it('refuses whole an update touching a root type the board does not declare: not applied, stored, relayed or counted', async () => {
      const { room, clock, join, storage } = await setup(busy)
      const part = join('participant', 'part')
      const watcher = join('viewer', 'watcher')
      await settle(clock)
      const rows = (await storage.loadDoc(WORKSHOP.id)).updates.length
      const relayedFrom = watcher.sent.length
      const junk = captureUpdate(part.doc, () => {
        part.doc.getMap('anything').set('x', 'JUNK-CONTENT'.repeat(100))
        part.kv.set('shape:with-junk', shape('shape:with-junk'))
      })
      room.receive(part, updateFrame(junk))
      await settle(clock)
      expect(part.closed?.code).toBe(CloseCode.updateRefused)
      expect((await storage.loadDoc(WORKSHOP.id)).updates.length).toBe(rows)
      expect(contains(watcher.sent.slice(relayedFrom), 'JUNK-CONTENT')).toBe(false)
      expect(room.doc.share.has('anything')).toBe(false)
      expect(room.board.hasRecord('shape:with-junk')).toBe(false)
      expect(room.hasUnsaved()).toBe(false)
    })

    it('refuses whole a client’s write to tl_meta.schema; the server’s schema stays', async () => {
      const { room, clock, join, storage } = await setup(busy)
      const part = join('participant', 'part')
      await settle(clock)
      part.catchUp()
      expect(part.doc.getMap(META_MAP).get(META_SCHEMA_KEY)).toEqual(serializedBoardSchema())
      const rows = (await storage.loadDoc(WORKSHOP.id)).updates.length
      const poison = captureUpdate(part.doc, () =>
        part.doc.getMap(META_MAP).set(META_SCHEMA_KEY, { schemaVersion: 2, sequences: { 'com.tldraw.shape': 999 } }),
      )
      room.receive(part, updateFrame(poison))
      await settle(clock)
      expect(part.closed?.code).toBe(CloseCode.updateRefused)
      expect(room.doc.getMap(META_MAP).get(META_SCHEMA_KEY)).toEqual(serializedBoardSchema())
      expect((await storage.loadDoc(WORKSHOP.id)).updates.length).toBe(rows)
    })
  })
}

describe('the stored board on load', () => {
  it('a record stored before with a field out of the rules is checked whole: a move keeping it is refused', async () => {
    const storage = createMemoryStorage()
    await storage.createWorkshop(WORKSHOP, [])
    await storePage(storage, WORKSHOP.id)
    const old = new Y.Doc()
    const bad = { ...shape('shape:old'), opacity: 7 }
    old.getArray(RECORDS_ARRAY).push([{ key: 'shape:old', val: bad }])
    await storage.appendUpdate(WORKSHOP.id, Y.encodeStateAsUpdate(old))
    const { room, clock, join } = await setup(false, storage)
    const part = join('participant', 'part')
    await settle(clock)
    part.catchUp()
    expect(room.board.record('shape:old')).toEqual(bad)
    writeRecords(room, part, [{ ...bad, x: 50 }])
    await settle(clock)
    expect(room.board.record('shape:old')).toEqual(bad)
  })

  it('is rid of foreign root types and gets the server’s schema back (a poisoned board is repaired)', async () => {
    const storage = createMemoryStorage()
    await storage.createWorkshop(WORKSHOP, [])
    const old = new Y.Doc()
    old.getArray(RECORDS_ARRAY).push([{ key: 'shape:a', val: shape('shape:a') }])
    old.getMap(META_MAP).set(META_SCHEMA_KEY, { schemaVersion: 2, sequences: { 'com.tldraw.shape': 999 } })
    old.getMap(META_MAP).set('other', 'x')
    old.getMap('anything').set('x', 'JUNK-CONTENT'.repeat(1000))
    await storage.appendUpdate(WORKSHOP.id, Y.encodeStateAsUpdate(old))
    const { room, clock, join } = await setup(false, storage)
    expect(room.doc.getMap(META_MAP).toJSON()).toEqual({ [META_SCHEMA_KEY]: serializedBoardSchema() })
    expect(contains([Y.encodeStateAsUpdate(room.doc)], 'JUNK-CONTENT')).toBe(false)
    const peer = join('viewer', 'v')
    await settle(clock)
    peer.catchUp()
    expect(peer.kv.get('shape:a')).toEqual(shape('shape:a'))
    expect(peer.doc.getMap(META_MAP).get(META_SCHEMA_KEY)).toEqual(serializedBoardSchema())
  })
})

describe('a member’s share of the document', () => {
  it('closes a participant past its share (4507), not a facilitator', async () => {
    const limits = { ...TEST_LIMITS, maxDocumentBytes: 400_000, memberShareBytes: 50_000 }
    const { room, clock, join } = await setup(false, createMemoryStorage(), limits)
    const part = join('participant', 'part')
    const fac = join('facilitator', 'fac')
    await settle(clock)
    const big = (i: number) => ({ ...shape(`shape:big-${i}`), meta: { text: 'x'.repeat(20_000) } })
    for (let i = 0; i < 4 && !part.closed; i++) {
      writeRecords(room, part, [big(i)])
      await settle(clock)
    }
    expect(part.closed?.code).toBe(CloseCode.memberShareFull)
    for (let i = 10; i < 14; i++) writeRecords(room, fac, [big(i)])
    await settle(clock)
    expect(fac.closed).toBeNull()
    expect(room.board.hasRecord('shape:big-13')).toBe(true)
  })

  it('keeps the last quarter of the cap for facilitators, whatever member ids participants come with', async () => {
    const limits = { ...TEST_LIMITS, maxDocumentBytes: 200_000, memberShareBytes: 50_000 }
    const { room, clock, join } = await setup(false, createMemoryStorage(), limits)
    const fac = join('facilitator', 'fac')
    const big = (i: number) => ({ ...shape(`shape:big-${i}`), meta: { text: 'x'.repeat(20_000) } })
    let refusedAt = -1
    for (let i = 0; i < 12; i++) {
      const part = join('participant', `fresh-id-${i}`)
      await settle(clock)
      writeRecords(room, part, [big(i)])
      await settle(clock)
      if (part.closed?.code === CloseCode.memberShareFull) {
        refusedAt = i
        break
      }
    }
    // 20 KB each: refused before 150 KB (three quarters of 200 KB), the facilitator still writes.
    expect(refusedAt).toBeGreaterThan(4)
    expect(refusedAt).toBeLessThan(8)
    writeRecords(room, fac, [big(100)])
    await settle(clock)
    expect(fac.closed).toBeNull()
    expect(room.board.hasRecord('shape:big-100')).toBe(true)
  })
})

describe('the room’s own writes', () => {
  it('keep one Yjs client id however many compensations it writes', async () => {
    const { room, clock, join } = await setup(false)
    const fac = join('facilitator', 'fac')
    const part = join('participant', 'part')
    await settle(clock)
    await writeAndLock(room, fac, [shape('shape:keep', 3)], () => settle(clock))
    const id = room.doc.clientID
    for (let i = 0; i < 3; i++) {
      part.catchUp()
      room.receive(part, updateFrame(captureUpdate(part.doc, () => part.kv.delete('shape:keep'))))
      await settle(clock)
    }
    part.catchUp()
    expect(part.kv.get('shape:keep')).toEqual(shape('shape:keep', 3))
    expect(room.doc.clientID).toBe(id)
  })
})
