import { parseArgs } from 'node:util'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { Origin, RECORDS_ARRAY } from '../../shared/board'
import { CloseCode, type Role } from '../../shared/protocol'
import { createManualClock } from '../../server/clock'
import { createMemoryStorage } from '../../server/storage/memoryStorage'
import type { Connection } from '../../server/sync/Connection'
import { benchCard, benchCursorFrame, syncStep1Frame, updateFrame, type BenchRecord } from './lib/benchDoc'
import { openBenchRoom, placeDefaultPage } from './lib/benchRoom'

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
  doc.on('update', (u: Uint8Array) => updates.push(updateFrame(u)))
  for (let seq = 1; seq <= count; seq++) {
    const card = benchCard(`c${i}`, i, seq, 0)
    doc.transact(() => kv.set(card.id, card), Origin.localUser)
  }
  return { conn: new CountingConnection('participant', `m${i}`), updates, clientId: doc.clientID }
}

async function main(): Promise<void> {
  const clock = createManualClock()
  const room = await openBenchRoom(createMemoryStorage(), clock)
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r))
  }
  const writers = Array.from({ length: CLIENTS }, (_, i) => prepareWriter(i, SECONDS + 2))
  const step1 = syncStep1Frame(new Y.Doc())
  for (const w of writers) {
    room.join(w.conn)
    room.receive(w.conn, step1)
  }
  await room.loaded
  await settle()
  placeDefaultPage(room, new CountingConnection('facilitator', 'host'))
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
        room.receive(w.conn, benchCursorFrame(w.clientId, c, i))
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
