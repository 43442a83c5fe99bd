import { parseArgs } from 'node:util'
import * as encoding from 'lib0/encoding'
import pino from 'pino'
import * as syncProtocol from 'y-protocols/sync'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { Origin, RECORDS_ARRAY } from '../../shared/board'
import { CloseCode, DEFAULT_LIMITS, MessageType, type Role } from '../../shared/protocol'
import { createManualClock } from '../../server/clock'
import { CONTROL_SECTIONS } from '../../server/control/sections'
import { createMemoryStorage } from '../../server/storage/memoryStorage'
import type { Connection } from '../../server/sync/Connection'
import { Room } from '../../server/sync/Room'
import { DEFAULT_PAGE_ID } from '../../shared/templates/records'
import { defaultPageRecord } from '../../shared/templates/templates'
import { benchCard, benchPresence, type BenchRecord } from './lib/benchDoc'

/**
 * `npx tsx tests/bench/roomCost.ts [--clients=1000] [--seconds=4]`
 *
 * The server's own work for one busy room, without sockets or a load generator: a Room
 * with N in-memory connections, each writing its card at 1 Hz and moving its cursor at
 * 5 Hz, on a manual clock (40 ms steps). Prints the CPU time the room spends per second
 * of that traffic and what it would send. On a shared machine this is steadier than the
 * socket bench (CPU time, not wall time, and no other process in the loop), and it isolates
 * the room's logic (apply, guards, merge, awareness) from `writev`.
 */

const { values } = parseArgs({
  options: { clients: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '4' } },
})
const CLIENTS = Number(values.clients)
const SECONDS = Number(values.seconds)
const STEP_MS = 40

class CountingConnection implements Connection {
  frames = 0
  bytes = 0
  constructor(
    readonly role: Role,
    readonly memberId: string,
  ) {}
  send(data: Uint8Array): void {
    this.frames += 1
    this.bytes += data.byteLength
  }
  close(): void {}
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

interface Writer {
  conn: CountingConnection
  updates: Uint8Array[]
  clientId: number
}

/** Every card update a writer will send, encoded up front (the generator's cost is not measured). */
function prepareWriter(i: number, count: number): Writer {
  const doc = new Y.Doc()
  const kv = new YKeyValue(doc.getArray<{ key: string; val: BenchRecord }>(RECORDS_ARRAY))
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) =>
    updates.push(frame((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeUpdate(e, u)))),
  )
  for (let seq = 1; seq <= count; seq++) {
    const card = benchCard(`c${i}`, i, seq, 0)
    doc.transact(() => kv.set(card.id, card), Origin.localUser)
  }
  return { conn: new CountingConnection('participant', `m${i}`), updates, clientId: doc.clientID }
}

function awarenessFrame(clientId: number, clock: number, i: number): Uint8Array {
  const state = benchPresence(`Bench ${i}`, `c${i}`, (clock * 37) % 2000, (clock * 53) % 1200, 0)
  const inner = frame((e) => {
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, clientId)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, JSON.stringify(state))
  })
  return frame((e) => (encoding.writeVarUint(e, MessageType.awareness), encoding.writeVarUint8Array(e, inner)))
}

async function main(): Promise<void> {
  const storage = createMemoryStorage()
  const workshopId = 'AAAAAAAAAAAAAAAAAAAAAA'
  await storage.createWorkshop(
    { id: workshopId, title: 'bench', coalition: '', template: 'blank', locale: 'fr', createdAt: 0 },
    [],
  )
  const clock = createManualClock()
  const room = new Room({
    workshopId,
    storage,
    clock,
    log: pino({ level: 'silent' }),
    limits: {
      maxDocumentBytes: DEFAULT_LIMITS.maxDocumentBytes,
      commandsPerSecond: DEFAULT_LIMITS.commandsPerSecond,
      commandBurst: DEFAULT_LIMITS.commandBurst,
      awarenessStatesPerSecond: DEFAULT_LIMITS.awarenessStatesPerSecond,
    },
    sections: CONTROL_SECTIONS,
  })
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r))
  }
  const writers = Array.from({ length: CLIENTS }, (_, i) => prepareWriter(i, SECONDS + 2))
  const step1 = frame((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeSyncStep1(e, new Y.Doc())))
  for (const w of writers) {
    room.join(w.conn)
    room.receive(w.conn, step1)
  }
  await room.loaded
  await settle()
  // The page every card sits on (the server refuses a shape whose parent is not on the board).
  const host = new CountingConnection('facilitator', 'host')
  room.join(host)
  room.receive(host, step1)
  const pageDoc = new Y.Doc()
  pageDoc.on('update', (u: Uint8Array) =>
    room.receive(
      host,
      frame((e) => (encoding.writeVarUint(e, MessageType.sync), syncProtocol.writeUpdate(e, u))),
    ),
  )
  new YKeyValue(pageDoc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY)).set(
    DEFAULT_PAGE_ID,
    defaultPageRecord(),
  )
  await settle()

  const awarenessClock = new Map<number, number>()
  /** One simulated second, in 40 ms steps: each writer's card once, its cursor 5 times. */
  const second = async (s: number): Promise<void> => {
    const steps = 1000 / STEP_MS
    for (let step = 0; step < steps; step++) {
      for (let i = step; i < writers.length; i += steps) {
        const w = writers[i]
        room.receive(w.conn, w.updates[s])
      }
      for (let i = step % 5; i < writers.length; i += 5) {
        const w = writers[i]
        const c = (awarenessClock.get(i) ?? 0) + 1
        awarenessClock.set(i, c)
        room.receive(w.conn, awarenessFrame(w.clientId, c, i))
      }
      clock.advance(STEP_MS)
      await settle()
    }
  }
  // Warm up (JIT, everybody's first card and cursor), then measure.
  await second(0)
  await second(1)
  const frames0 = writers.reduce((n, w) => n + w.conn.frames, 0)
  const bytes0 = writers.reduce((n, w) => n + w.conn.bytes, 0)
  const cpu0 = process.cpuUsage()
  const thread0 = process.threadCpuUsage()
  const wall0 = performance.now()
  for (let s = 2; s < SECONDS + 2; s++) await second(s)
  const cpu = process.cpuUsage(cpu0)
  const thread = process.threadCpuUsage(thread0)
  const wall = performance.now() - wall0
  const frames = writers.reduce((n, w) => n + w.conn.frames, 0) - frames0
  const bytes = writers.reduce((n, w) => n + w.conn.bytes, 0) - bytes0
  const cpuMsPerSecond = (cpu.user + cpu.system) / 1000 / SECONDS
  process.stdout.write(
    `${JSON.stringify({
      clients: CLIENTS,
      seconds: SECONDS,
      cpuMsPerSecondOfTraffic: Math.round(cpuMsPerSecond),
      // The room's own thread, without the garbage collector's helper threads (steadier).
      mainThreadCpuMsPerSecond: Math.round((thread.user + thread.system) / 1000 / SECONDS),
      wallMsPerSecondOfTraffic: Math.round(wall / SECONDS),
      framesOutPerSecond: Math.round(frames / SECONDS),
      mbOutPerSecond: Number((bytes / SECONDS / 1_048_576).toFixed(1)),
      awarenessStatesInRoom: room.awareness.getStates().size,
      // Every card accepted (a refused one would be compensated, not measured as traffic).
      cardsOnBoard: writers.filter((_, i) => room.board.hasRecord(`shape:bench-c${i}`)).length,
    })}\n`,
  )
  room.discard(CloseCode.serverRestarting)
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  },
)
