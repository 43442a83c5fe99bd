import * as encoding from 'lib0/encoding'
import pino from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import type { StateMessage } from '../../shared/control/messages'
import { CloseCode, MessageType } from '../../shared/protocol'
import type { WorkshopMeta } from '../../shared/workshop'
import { createManualClock } from '../clock'
import { CONTROL_SECTIONS } from '../control/sections'
import { createMemoryStorage } from '../storage/memoryStorage'
import type { Storage } from '../storage/Storage'
import { Room, type RoomOptions } from './Room'
import {
  awarenessFrame,
  captureUpdate,
  commandFrame,
  decodeFrame,
  shape,
  silentLog,
  TEST_LIMITS,
  updateFrame,
  page,
} from './testPeers'
import { discardTestRooms, openTestRoom, settle, testPeer, type TestRoom, writeRecords } from './testRoom'

const WORKSHOP: WorkshopMeta = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  title: 'Pour des cantines durables',
  coalition: 'Alimentation',
  template: 'blank',
  locale: 'fr',
  createdAt: 1_700_000_000_000,
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

afterEach(discardTestRooms)

function setup(overrides: Partial<RoomOptions> = {}, storage?: Storage): Promise<TestRoom> {
  return openTestRoom(WORKSHOP, { ...overrides, storage })
}

describe('Room', () => {
  it('loads from storage before answering sync step 1', async () => {
    const storage = createMemoryStorage()
    await storage.createWorkshop(WORKSHOP, [])
    const seed = testPeer('participant', 'seed')
    await storage.appendUpdate(
      WORKSHOP.id,
      captureUpdate(seed.doc, () => seed.kv.set('shape:stored', shape('shape:stored'))),
    )

    const gate = deferred()
    const gated: Storage = { ...storage, loadDoc: async (id) => (await gate.promise, storage.loadDoc(id)) }
    const { room, join, clock } = await setup({}, gated)
    const peer = join('participant')
    await settle(clock)
    expect(peer.sent).toHaveLength(0)

    gate.resolve()
    await room.loaded
    await settle(clock)
    const types = peer.frames().map((f) => f.type)
    expect(types[0]).toBe('sync-step1')
    expect(types).toContain('sync-step2')
    expect(types.indexOf('sync-step2')).toBeGreaterThan(0)
    peer.catchUp()
    expect(peer.kv.get('shape:stored')).toEqual(shape('shape:stored'))
  })

  it('welcomes a connection with its identity and every section view', async () => {
    const { room, join, clock } = await setup()
    await room.loaded
    const peer = join('viewer', 'member-v')
    await settle(clock)
    const state = peer.controlMessages()[0] as StateMessage
    expect(state.kind).toBe('state')
    expect(state.self).toEqual({ role: 'viewer', memberId: 'member-v', roleNumber: 1 })
    expect(Object.keys(state.public ?? {}).sort()).toEqual(CONTROL_SECTIONS.map((s) => s.key).sort())
    expect(state.public?.meta).toEqual({ title: WORKSHOP.title, coalition: WORKSHOP.coalition })
    expect(state.serverNow).toBe(clock.now())
  })

  it('relays and persists participant updates', async () => {
    const { room, join, clock, storage } = await setup()
    const a = join('participant')
    const b = join('facilitator')
    await settle(clock)
    writeRecords(room, a, [shape('shape:1')])
    await settle(clock)
    b.catchUp()
    expect(b.kv.get('shape:1')).toEqual(shape('shape:1'))
    const stored = await storage.loadDoc(WORKSHOP.id)
    const doc = new Y.Doc()
    for (const u of stored.updates) Y.applyUpdate(doc, u)
    const entries = doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY).toArray()
    expect(Object.fromEntries(entries.map((e) => [e.key, e.val]))).toEqual({
      'page:page': page(),
      'shape:1': shape('shape:1'),
    })
  })

  it('drops a viewer update: not applied, not stored, not broadcast', async () => {
    const { room, join, clock, storage } = await setup()
    const viewer = join('viewer')
    const other = join('participant')
    await settle(clock)
    const before = other.sent.length
    const rowsBefore = (await storage.loadDoc(WORKSHOP.id)).updates.length
    writeRecords(room, viewer, [shape('shape:v')])
    await settle(clock)
    expect(room.droppedUpdates()).toBeGreaterThanOrEqual(1)
    expect(room.doc.getArray(RECORDS_ARRAY).length).toBe(1) // the page
    expect(
      other
        .frames()
        .slice(before)
        .filter((f) => f.type === 'sync-update'),
    ).toHaveLength(0)
    expect((await storage.loadDoc(WORKSHOP.id)).updates).toHaveLength(rowsBefore)
    expect(viewer.closed).toBeNull()
  })

  it('does not broadcast an update before it is persisted', async () => {
    const storage = createMemoryStorage()
    const gate = deferred()
    let gating = false
    const gated: Storage = {
      ...storage,
      appendUpdate: async (id, u) => (gating && (await gate.promise), storage.appendUpdate(id, u)),
    }
    const { room, join, clock } = await setup({}, gated)
    const a = join('participant')
    const b = join('participant')
    await settle(clock)
    // The schema the server writes on load went out; from here on storage waits.
    gating = true
    const before = b.sent.length
    writeRecords(room, a, [shape('shape:1')])
    await settle(clock)
    expect(
      b
        .frames()
        .slice(before)
        .some((f) => f.type === 'sync-update'),
    ).toBe(false)
    gate.resolve()
    await settle(clock)
    expect(
      b
        .frames()
        .slice(before)
        .filter((f) => f.type === 'sync-update'),
    ).toHaveLength(1)
  })

  it('coalesces a tick of updates into one frame per connection and one stored row', async () => {
    // Force batching with a 10 ms tick whatever the room size.
    const tickPolicy = { immediateUpTo: 0, sendBudgetPerSecond: 0, msPerConnection: 10, maxTickMs: 10 }
    const { room, join, clock, storage } = await setup({ tickPolicy })
    const clients = [join('participant'), join('participant'), join('facilitator')]
    await settle(clock, 10)
    // After a quiet spell the first update leaves at once (nothing to wait for); what
    // follows within the tick waits for it.
    writeRecords(room, join('participant'), [shape('shape:first')])
    await settle(clock, 0, 2)
    expect(clients[1].sent.map(decodeFrame).some((f) => f.type === 'sync-update')).toBe(true)
    const rowsBefore = (await storage.loadDoc(WORKSHOP.id)).updates.length
    const marks = clients.map((c) => c.sent.length)
    clients.forEach((c, i) => {
      for (let j = 0; j < 4; j++) writeRecords(room, c, [shape(`shape:${i}-${j}`)])
    })
    await settle(clock, 0, 1)
    clock.advance(9)
    await new Promise((resolve) => setImmediate(resolve))
    expect(clients.map((c, i) => c.sent.length - marks[i])).toEqual([0, 0, 0])
    await settle(clock, 1, 2)
    for (const [i, c] of clients.entries()) {
      const fresh = c.sent.slice(marks[i]).map(decodeFrame)
      expect(fresh.map((f) => f.type)).toEqual(['sync-update'])
      // Every connection gets the same bytes.
      expect(c.sent[marks[i]]).toBe(clients[0].sent[marks[0]])
    }
    const check = testPeer('viewer', 'check')
    const frame = decodeFrame(clients[0].sent[marks[0]])
    if (frame.type !== 'sync-update') throw new Error('expected an update')
    Y.applyUpdate(check.doc, frame.update)
    expect(check.kv.map.size).toBe(12) // the frame holds only this tick's updates
    expect((await storage.loadDoc(WORKSHOP.id)).updates.length - rowsBefore).toBe(1)
  })

  it('reverts records that are not document records stored under their own id', async () => {
    const { room, join, clock } = await setup()
    const a = join('participant')
    const b = join('participant')
    await settle(clock)
    writeRecords(room, a, [shape('shape:good'), shape('shape:x'), ['shape:mismatch', shape('shape:other')]])
    writeRecords(room, a, [
      { id: 'instance:1', typeName: 'instance' },
      ['shape:str', 'just a string'],
      ['shape:untyped', { id: 'shape:untyped' }],
    ])
    await settle(clock)
    // An update from a valid record to an invalid one is reverted to the old value.
    writeRecords(room, a, [{ ...shape('shape:x'), typeName: 'camera' }])
    await settle(clock)
    a.catchUp()
    b.catchUp()
    for (const doc of [room.doc, a.doc, b.doc]) {
      const entries = doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY).toArray()
      expect(entries.map((e) => e.key).sort()).toEqual(['page:page', 'shape:good', 'shape:x'])
      expect(entries.find((e) => e.key === 'shape:x')?.val).toEqual(shape('shape:x'))
    }
  })

  // Before filter-before-apply, such entries were deleted after being applied and the sender
  // stayed; now the update is refused whole (4422) before anything of it is applied.
  it('refuses whole an update with malformed entries in the records array: nothing applied, stored or relayed', async () => {
    const { room, join, clock, storage } = await setup()
    const a = join('participant')
    const b = join('participant')
    await settle(clock)
    const raw = new Y.Doc()
    Y.applyUpdate(raw, Y.encodeStateAsUpdate(a.doc))
    const update = captureUpdate(raw, () => {
      raw.getArray(RECORDS_ARRAY).push([null, 42, { nokey: true }])
      raw.getArray(RECORDS_ARRAY).push([{ key: 'shape:ok', val: shape('shape:ok') }])
    })
    const rowsBefore = (await storage.loadDoc(WORKSHOP.id)).updates.length
    const framesBefore = b.sent.length
    room.receive(a, updateFrame(update))
    await settle(clock)
    expect(a.closed?.code).toBe(CloseCode.updateRefused)
    expect(
      b
        .frames()
        .slice(framesBefore)
        .filter((f) => f.type === 'sync-update'),
    ).toHaveLength(0)
    expect(room.doc.getArray(RECORDS_ARRAY).length).toBe(1) // the page
    expect((await storage.loadDoc(WORKSHOP.id)).updates).toHaveLength(rowsBefore)
  })

  it('closes only the connection that sent a malformed frame', async () => {
    const { room, join, clock } = await setup()
    const bad = join('participant')
    const good = join('participant')
    const watcher = join('participant')
    await settle(clock)
    room.receive(bad, new Uint8Array([MessageType.sync, 2, 200, 1, 2, 3]))
    expect(bad.closed?.code).toBe(CloseCode.malformedMessage)
    room.receive(bad, new Uint8Array([]))
    const unknown = testPeer('participant', 'u')
    room.join(unknown)
    room.receive(unknown, new Uint8Array([77]))
    expect(unknown.closed?.code).toBe(CloseCode.malformedMessage)
    writeRecords(room, good, [shape('shape:after')])
    await settle(clock)
    watcher.catchUp()
    expect(watcher.kv.get('shape:after')).toBeDefined()
    expect(good.closed).toBeNull()
    expect(room.connectionCount()).toBe(2)
  })

  it('refuses updates that would grow the document past its limit', async () => {
    const { room, join, clock } = await setup({ limits: { ...TEST_LIMITS, maxDocumentBytes: 2_000 } })
    const a = join('participant')
    await settle(clock)
    writeRecords(room, a, [{ ...shape('shape:big'), props: { text: 'x'.repeat(5_000) } }])
    expect(a.closed?.code).toBe(CloseCode.documentTooLarge)
    expect(room.doc.getArray(RECORDS_ARRAY).length).toBe(1) // the page
  })

  it('forwards awareness and removes a leaving connection’s presence', async () => {
    const { room, join, clock } = await setup()
    const a = join('viewer')
    const b = join('participant')
    await settle(clock)
    a.awareness.setLocalState({ user: { name: 'Awa' }, cursor: { x: 1, y: 2 } })
    room.receive(a, awarenessFrame(a.awareness))
    await settle(clock)
    b.catchUp()
    expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({
      user: { name: 'Awa' },
      cursor: { x: 1, y: 2 },
    })
    room.leave(a)
    await settle(clock)
    b.catchUp()
    expect(b.awareness.getStates().has(a.awareness.clientID)).toBe(false)
  })

  it('logs a connection claiming another identity once, however many states it sends, and still corrects each', async () => {
    const lines: string[] = []
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) })
    const { room, join, clock } = await setup({ log })
    const a = join('participant', 'member-a')
    const b = join('participant', 'member-b')
    await settle(clock)
    for (let x = 0; x < 5; x++) {
      a.awareness.setLocalState({
        user: { name: 'Awa', role: 'facilitator', memberId: 'member-b' },
        cursor: { x, y: 0 },
      })
      room.receive(a, awarenessFrame(a.awareness))
      await settle(clock)
    }
    b.catchUp()
    expect(b.awareness.getStates().get(a.awareness.clientID)).toMatchObject({
      user: { role: 'participant', memberId: 'member-a' },
      cursor: { x: 4 },
    })
    expect(lines.filter((line) => line.includes('claimed another member or role'))).toHaveLength(1)
  })

  it('forwards at most the awareness budget per second, latest state wins', async () => {
    const { room, join, clock } = await setup({ limits: { ...TEST_LIMITS, awarenessStatesPerSecond: 2 } })
    const watcher = join('viewer')
    const movers = [join('participant'), join('participant'), join('participant')]
    await settle(clock)
    const mark = watcher.sent.length
    for (const m of movers) {
      m.awareness.setLocalState({ x: 1 })
      room.receive(m, awarenessFrame(m.awareness))
    }
    movers[2].awareness.setLocalState({ x: 2 })
    room.receive(movers[2], awarenessFrame(movers[2].awareness))
    await settle(clock)
    const states = (): number =>
      watcher
        .frames()
        .slice(mark)
        .filter((f) => f.type === 'awareness').length
    expect(states()).toBe(1)
    watcher.catchUp()
    const others = (): number =>
      [...watcher.awareness.getStates().keys()].filter((id) => id !== watcher.awareness.clientID).length
    expect(others()).toBe(2)
    await settle(clock, 500)
    watcher.catchUp()
    expect(others()).toBe(3)
    expect(watcher.awareness.getStates().get(movers[2].awareness.clientID)).toEqual({ x: 2 })
  })

  it('runs control commands: result to the sender, new views to everyone, persisted', async () => {
    const { room, join, clock, storage } = await setup()
    const f = join('facilitator')
    const p = join('participant')
    const v = join('viewer')
    await settle(clock)
    room.receive(p, commandFrame(1, { type: 'meta.rename', title: 'Pas moi' }))
    room.receive(v, commandFrame(2, { type: 'meta.rename', title: 'Pas moi' }))
    room.receive(f, commandFrame(3, { type: 'meta.rename', title: 'Pour une mobilité douce' }))
    room.receive(f, commandFrame(4, { type: 'nothing.here' }))
    await settle(clock)
    expect(p.controlMessages()).toContainEqual({ kind: 'result', id: 1, ok: false, code: 'forbidden' })
    expect(v.controlMessages()).toContainEqual({ kind: 'result', id: 2, ok: false, code: 'forbidden' })
    expect(f.controlMessages()).toContainEqual({ kind: 'result', id: 3, ok: true })
    expect(f.controlMessages()).toContainEqual({ kind: 'result', id: 4, ok: false, code: 'unknown-command' })
    for (const peer of [f, p, v]) {
      const last = peer
        .controlMessages()
        .filter((m) => m.kind === 'state')
        .at(-1) as StateMessage
      expect(last.public?.meta).toEqual({ title: 'Pour une mobilité douce', coalition: WORKSHOP.coalition })
    }
    expect((await storage.getWorkshop(WORKSHOP.id))?.title).toBe('Pour une mobilité douce')
    expect((await storage.loadControl(WORKSHOP.id)).meta).toEqual({
      title: 'Pour une mobilité douce',
      coalition: WORKSHOP.coalition,
    })
  })

  it('closes a connection whose control frame is not a command', async () => {
    const { room, join, clock } = await setup()
    const f = join('facilitator')
    await settle(clock)
    const e = encoding.createEncoder()
    encoding.writeVarUint(e, MessageType.control)
    encoding.writeVarString(e, '{"kind":"nope"}')
    room.receive(f, encoding.toUint8Array(e))
    expect(f.closed?.code).toBe(CloseCode.malformedMessage)
  })

  it('compacts the log into a snapshot and reloads the same document from it', async () => {
    const storage = createMemoryStorage()
    const { room, join, clock } = await setup({ compaction: { maxRows: 3, maxBytes: 1_000_000 } }, storage)
    const a = join('participant')
    await settle(clock)
    for (let i = 0; i < 8; i++) {
      writeRecords(room, a, [shape(`shape:${i}`, i)])
      await settle(clock)
    }
    const stored = await storage.loadDoc(WORKSHOP.id)
    expect(stored.snapshot).not.toBeNull()
    expect(stored.updates.length).toBeLessThanOrEqual(3)
    expect(await room.close()).toBe(true)
    const second = await setup({}, storage)
    await second.room.loaded
    const reader = second.join('viewer')
    await settle(second.clock)
    reader.catchUp()
    expect([...reader.kv.map.keys()].sort()).toEqual(
      ['page:page', ...Array.from({ length: 8 }, (_, i) => `shape:${i}`)].sort(),
    )
  })

  it('closes its connections if the workshop does not exist', async () => {
    const storage = createMemoryStorage()
    const clock = createManualClock()
    let closedRoom: Room | null = null
    const room = new Room({
      workshopId: 'BBBBBBBBBBBBBBBBBBBBBB',
      storage,
      clock,
      log: silentLog,
      limits: TEST_LIMITS,
      sections: CONTROL_SECTIONS,
      onClosed: (r) => (closedRoom = r),
    })
    const peer = testPeer('participant', 'p')
    room.join(peer)
    await room.loaded
    expect(peer.closed?.code).toBe(CloseCode.workshopNotFound)
    expect(closedRoom).toBe(room)
    expect(room.isClosed()).toBe(true)
  })
})

describe('what another server accepted (server/cluster)', () => {
  it('is applied and relayed, never stored again nor guarded (a locked board does not revert it)', async () => {
    const storage = createMemoryStorage()
    await storage.createWorkshop(WORKSHOP, [])
    await storage.saveControl(WORKSHOP.id, 'lock', { board: true, records: [] })
    const { clock, room, join } = await setup({}, storage)
    const alice = join('participant')
    await settle(clock)
    const before = (await storage.loadDoc(WORKSHOP.id)).updates.length

    const elsewhere = new Y.Doc()
    const kv = new YKeyValue(elsewhere.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
    const update = captureUpdate(elsewhere, () => kv.set('shape:elsewhere', shape('shape:elsewhere')))
    room.applyFromOtherServer([update])
    await settle(clock, 50)
    alice.catchUp()
    expect(alice.kv.get('shape:elsewhere')).toEqual(shape('shape:elsewhere'))
    expect((await storage.loadDoc(WORKSHOP.id)).updates.length).toBe(before)
    expect(new YKeyValue(room.doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY)).has('shape:elsewhere')).toBe(
      true,
    )
  })

  it('replaces a control section with a newer version and pushes it', async () => {
    const { clock, room, join } = await setup()
    const anna = join('facilitator')
    await settle(clock)
    room.replaceControl('lock', { board: true, records: [] }, 3)
    await settle(clock, 50)
    const pushed = anna
      .controlMessages()
      .filter((m): m is StateMessage => m.kind === 'state' && m.public?.lock !== undefined)
    expect(pushed.at(-1)?.public?.lock).toEqual({ board: true, records: [] })
    expect(room.controlVersion('lock')).toBe(3)
    room.replaceControl('lock', { board: false, records: [] }, 2)
    expect(room.controlVersion('lock')).toBe(3)
  })
})
