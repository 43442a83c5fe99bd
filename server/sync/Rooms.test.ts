import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol'
import { createManualClock, type ManualClock } from '../clock'
import { CONTROL_SECTIONS } from '../control/sections'
import { createMemoryStorage } from '../storage/memoryStorage'
import type { Storage } from '../storage/Storage'
import { Rooms } from './Rooms'
import { captureUpdate, shape, silentLog, syncStep1Frame, TEST_LIMITS, TestPeer, updateFrame } from './testPeers'

const ID = 'AAAAAAAAAAAAAAAAAAAAAA'
const GRACE = 30_000

/** Moves time by `ms` once, then lets immediate timers and promises settle. */
async function settle(clock: ManualClock, ms = 0): Promise<void> {
  clock.advance(ms)
  for (let i = 0; i < 4; i++) {
    await new Promise((resolve) => setImmediate(resolve))
    clock.advance(0)
  }
}

const peers: TestPeer[] = []
afterEach(() => {
  for (const p of peers.splice(0)) p.destroy()
})

async function setup(storage: Storage = createMemoryStorage(), onAllUnloaded?: () => void) {
  await storage.createWorkshop({ id: ID, title: 'T', coalition: '', template: 'blank', locale: 'fr', createdAt: 0 }, [])
  const clock = createManualClock()
  const rooms = new Rooms({
    storage,
    clock,
    log: silentLog,
    sections: CONTROL_SECTIONS,
    limits: TEST_LIMITS,
    roomGraceMs: GRACE,
    onAllUnloaded,
  })
  const peer = (role: TestPeer['role'] = 'participant'): TestPeer => {
    const p = new TestPeer(role, `m${peers.length}`)
    peers.push(p)
    return p
  }
  return { clock, rooms, peer, storage }
}

describe('Rooms', () => {
  it('says when an unload leaves no room loaded (the server gives back memory then), not when stopping', async () => {
    let emptied = 0
    const { clock, rooms, peer } = await setup(undefined, () => emptied++)
    const a = peer()
    const room = rooms.join(ID, a)
    await room.loaded
    rooms.leave(room, a)
    await settle(clock, GRACE - 1)
    expect(emptied).toBe(0)
    await settle(clock, 1)
    expect(rooms.size()).toBe(0)
    expect(emptied).toBe(1)
    const again = rooms.join(ID, peer())
    await again.loaded
    await rooms.closeAll()
    expect(emptied).toBe(1)
  })

  it('shares one room per workshop and keeps it for the grace period after the last leave', async () => {
    const { clock, rooms, peer } = await setup()
    const a = peer()
    const b = peer()
    const room = rooms.join(ID, a)
    expect(rooms.join(ID, b)).toBe(room)
    await room.loaded
    rooms.leave(room, a)
    rooms.leave(room, b)
    await settle(clock, GRACE - 1)
    expect(rooms.get(ID)).toBe(room)
    // A reconnect within the grace period finds the same room.
    const c = peer()
    expect(rooms.join(ID, c)).toBe(room)
    rooms.leave(room, c)
    await settle(clock, GRACE)
    expect(rooms.get(ID)).toBeUndefined()
    expect(room.isClosed()).toBe(true)
  })

  it('never unloads a room whose updates are not saved yet', async () => {
    const memory = createMemoryStorage()
    let failing = true
    const flaky: Storage = {
      ...memory,
      appendUpdate: async (id, update) => {
        if (failing) throw new Error('disk unavailable')
        return memory.appendUpdate(id, update)
      },
    }
    const { clock, rooms, peer, storage } = await setup(flaky)
    const a = peer()
    const room = rooms.join(ID, a)
    await room.loaded
    room.receive(a, syncStep1Frame(a.doc))
    room.receive(a, updateFrame(captureUpdate(a.doc, () => a.kv.set('shape:1', shape('shape:1')))))
    await settle(clock)
    rooms.leave(room, a)
    for (let i = 0; i < 3; i++) await settle(clock, GRACE)
    expect(rooms.get(ID)).toBe(room)
    expect(room.hasUnsaved()).toBe(true)

    failing = false
    // The outbox retries with a backoff (at most 30 s); the next unload attempt then succeeds.
    for (let i = 0; i < 4; i++) await settle(clock, GRACE)
    expect(rooms.get(ID)).toBeUndefined()
    expect((await storage.loadDoc(ID)).updates).toHaveLength(1)
  })

  it('evicts a deleted workshop: its sockets closed as deleted, its room gone', async () => {
    const { rooms, peer } = await setup()
    const a = peer()
    const room = rooms.join(ID, a)
    await room.loaded
    rooms.evict(ID)
    expect(a.closed?.code).toBe(CloseCode.workshopDeleted)
    expect(rooms.get(ID)).toBeUndefined()
  })

  it('closes everything with serverRestarting and saves on closeAll', async () => {
    const { clock, rooms, peer, storage } = await setup()
    const a = peer()
    const room = rooms.join(ID, a)
    await room.loaded
    room.receive(a, updateFrame(captureUpdate(a.doc, () => a.kv.set('shape:1', shape('shape:1')))))
    const { unsaved } = await rooms.closeAll()
    expect(unsaved).toEqual([])
    expect(a.closed?.code).toBe(CloseCode.serverRestarting)
    expect((await storage.loadDoc(ID)).updates).toHaveLength(1)
    expect(clock.pending()).toBe(0)
  })
})
