import { CloseCode, type Role } from '../../shared/protocol'
import type { WorkshopMeta } from '../../shared/workshop'
import { createManualClock, type ManualClock } from '../clock'
import { CONTROL_SECTIONS } from '../control/sections'
import { createMemoryStorage } from '../storage/memoryStorage'
import type { Storage } from '../storage/Storage'
import { Room, type RoomOptions } from './Room'
import {
  captureUpdate,
  commandFrame,
  silentLog,
  storePage,
  syncStep1Frame,
  TEST_LIMITS,
  TestPeer,
  updateFrame,
} from './testPeers'

/**
 * A Room in memory with the peers that join it, for the room's unit tests: opened on a
 * memory storage (or the one given) that holds the workshop, with the test limits and every
 * control section, like `server/sync/Rooms.ts` opens one. Every room and peer made here is
 * discarded by `discardTestRooms`, which each test file calls in its `afterEach`.
 */

const rooms: Room[] = []
const peers: TestPeer[] = []

/** Discards every room opened by `openTestRoom` and destroys every peer made here. */
export function discardTestRooms(): void {
  for (const room of rooms.splice(0)) room.discard(CloseCode.serverRestarting)
  for (const peer of peers.splice(0)) peer.destroy()
}

/** A peer that `discardTestRooms` destroys (for one that joins by hand, or never joins). */
export function testPeer(role: Role, memberId: string): TestPeer {
  const peer = new TestPeer(role, memberId)
  peers.push(peer)
  return peer
}

/** Lets due timers run and pending promises (memory storage) settle: `rounds` times, `ms` on the clock each. */
export async function settle(clock: ManualClock, ms = 0, rounds = 4): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    clock.advance(ms)
    await new Promise((resolve) => setImmediate(resolve))
  }
}

export interface TestRoomOptions extends Partial<RoomOptions> {
  /** A memory storage by default. */
  storage?: Storage
  /**
   * Whether a workshop the storage lacks is created with a board holding the default page,
   * as a client's first write would (true), or with no board at all (false).
   */
  withPage?: boolean
}

export interface TestRoom {
  room: Room
  clock: ManualClock
  storage: Storage
  /** A peer that joins the room and sends its sync step 1, as y-websocket does on open. */
  join(role: Role, memberId?: string): TestPeer
}

/**
 * Opens a room on `workshop`, creating the workshop in the storage unless it is there
 * already; the options override the room's (a `clock` given must be a manual one).
 */
export async function openTestRoom(
  workshop: WorkshopMeta,
  { storage = createMemoryStorage(), withPage = true, ...options }: TestRoomOptions = {},
): Promise<TestRoom> {
  const clock = options.clock ? (options.clock as ManualClock) : createManualClock()
  if (!(await storage.getWorkshop(workshop.id))) {
    await storage.createWorkshop(workshop, [])
    if (withPage) await storePage(storage, workshop.id)
  }
  const room = new Room({
    workshopId: workshop.id,
    storage,
    clock,
    log: silentLog,
    limits: TEST_LIMITS,
    sections: CONTROL_SECTIONS,
    ...options,
  })
  rooms.push(room)
  const join = (role: Role, memberId = `${role}-${peers.length}`): TestPeer => {
    const peer = testPeer(role, memberId)
    room.join(peer)
    room.receive(peer, syncStep1Frame(peer.doc))
    return peer
  }
  return { room, clock, storage, join }
}

/**
 * A client writes records locally and sends the update, like y-websocket would. Each is
 * stored under its id, or under the key given with it (`[key, record]`).
 */
export function writeRecords(
  room: Room,
  peer: TestPeer,
  records: (Record<string, unknown> | [string, unknown])[],
): void {
  const update = captureUpdate(peer.doc, () => {
    peer.doc.transact(() => {
      for (const r of records) {
        if (Array.isArray(r)) peer.kv.set(r[0], r[1])
        else peer.kv.set(r.id as string, r)
      }
    })
  })
  room.receive(peer, updateFrame(update))
}

/** `fac` writes `records`, then locks the first of them (its command 1), `settle` run after each step. */
export async function writeAndLock(
  room: Room,
  fac: TestPeer,
  records: Record<string, unknown>[],
  settle: () => Promise<void>,
): Promise<void> {
  writeRecords(room, fac, records)
  await settle()
  room.receive(fac, commandFrame(1, { type: 'lock.lockRecords', ids: [records[0].id] }))
  await settle()
}
