import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { Origin, RECORDS_ARRAY } from '../../shared/board'
import { CloseCode, MessageType, type Role } from '../../shared/protocol'
import { systemClock } from '../../server/clock'
import { DATABASE_FILE, openSqliteStorage } from '../../server/storage/sqliteStorage'
import type { Connection } from '../../server/sync/Connection'
import { benchCard, benchCursorFrame, syncStep1Frame, updateFrame, type BenchRecord } from './lib/benchDoc'
import { openBenchRoom, placeDefaultPage } from './lib/benchRoom'
import { quantileSorted } from './lib/stats'

/**
 * `npx tsx tests/bench/roomLatency.ts [--clients=50] [--seconds=6] [--echoes=3]`
 *
 * How long one card update spends inside the server, from the moment the room receives its
 * frame to the moment that frame (merged or not) is handed to the last connection's `send`:
 * a Room with N in-memory connections on the real clock and the real SQLite storage (a
 * throw-away file), each writing its card at 1 Hz and moving its cursor at 5 Hz, spread
 * over the second, and `--echoes` of them sending back every awareness frame they get, as
 * the socket bench's probes (stock y-websocket providers) do. No sockets, no other process:
 * on a shared machine this is the figure to decide with; the socket bench is for the record.
 *
 * The stages of each flush are stamped through the outbox's own hooks (apply at the flush,
 * persist), so the report says where the time goes: waiting for the flush, apply, storage,
 * encoding and sending.
 */

const { values } = parseArgs({
  options: {
    clients: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '6' },
    echoes: { type: 'string', default: '3' },
  },
})
const CLIENTS = Number(values.clients)
const SECONDS = Number(values.seconds)
const ECHOES = Number(values.echoes)

/** What the room sends to the last connection, stamped (the update frames only). */
class TimedConnection implements Connection {
  onUpdateFrame: (() => void) | null = null
  onAwarenessFrame: ((data: Uint8Array) => void) | null = null
  constructor(
    readonly role: Role,
    readonly memberId: string,
  ) {}
  send(data: Uint8Array): void {
    if (data[0] === MessageType.sync && data[1] === syncProtocol.messageYjsUpdate) this.onUpdateFrame?.()
    else if (data[0] === MessageType.awareness) this.onAwarenessFrame?.(data)
  }
  close(): void {}
}

interface Writer {
  conn: TimedConnection
  doc: Y.Doc
  kv: YKeyValue<BenchRecord>
  clientId: number
  seq: number
  cursor: number
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'room-latency-'))
  const storage = openSqliteStorage(join(dir, DATABASE_FILE))
  const room = await openBenchRoom(storage, systemClock)
  const settle = (ms = 20): Promise<void> => new Promise((r) => setTimeout(r, ms))
  const step1 = syncStep1Frame(new Y.Doc())
  await room.loaded
  placeDefaultPage(room, new TimedConnection('facilitator', 'host'))
  await settle()

  let measuring = false
  const pending: number[] = []
  /** Time inside `receive` (the apply, when the room applies at once). */
  const inReceive: number[] = []
  const total: number[] = []
  const toFlush: number[] = []
  const flushToPersist: number[] = []
  const persisting: number[] = []
  const persistToLast: number[] = []
  const ticks: number[] = []
  const writers: Writer[] = []
  for (let i = 0; i < CLIENTS - 1; i++) {
    const conn = new TimedConnection('participant', `m${i}`)
    const doc = new Y.Doc()
    const kv = new YKeyValue(doc.getArray<{ key: string; val: BenchRecord }>(RECORDS_ARRAY))
    const w: Writer = { conn, doc, kv, clientId: doc.clientID, seq: 0, cursor: 0 }
    doc.on('update', (u: Uint8Array, origin: unknown) => {
      if (origin !== Origin.localUser) return
      const data = updateFrame(u)
      const at = performance.now()
      room.receive(conn, data)
      if (!measuring) return
      pending.push(at)
      inReceive.push(performance.now() - at)
    })
    room.join(conn)
    room.receive(conn, step1)
    writers.push(w)
  }
  // The last to join is the last the room sends to: its frame closes each measurement.
  const last = writers[writers.length - 1].conn
  // Echoing peers: every awareness frame they get goes back (others' states are dropped by the room).
  for (const w of writers.slice(0, ECHOES)) w.conn.onAwarenessFrame = (data) => room.receive(w.conn, data)
  await settle()

  // Stages, stamped through the outbox's hooks (test-only: private fields read here, nowhere else).
  const outboxDeps = (room as unknown as { outbox: { deps: Record<string, unknown> } }).outbox.deps as {
    beforeFlush?: () => void
    persist: (u: Uint8Array) => Promise<void>
  }
  let flushAt = 0
  let persistStart = 0
  let persistEnd = 0
  const beforeFlush = outboxDeps.beforeFlush
  outboxDeps.beforeFlush = () => {
    flushAt = performance.now()
    beforeFlush?.()
  }
  const persist = outboxDeps.persist
  outboxDeps.persist = async (u) => {
    persistStart = performance.now()
    await persist(u)
    persistEnd = performance.now()
  }
  const tickMs = (room as unknown as { tickMs: () => number }).tickMs
  const rate = (room as unknown as { rate: { perSecond(): number } }).rate
  const rates: number[] = []

  last.onUpdateFrame = () => {
    const now = performance.now()
    if (pending.length === 0) return
    persistToLast.push(now - persistEnd)
    persisting.push(persistEnd - persistStart)
    flushToPersist.push(persistStart - flushAt)
    for (const t of pending.splice(0)) {
      total.push(now - t)
      toFlush.push(flushAt - t)
    }
  }

  const timers: NodeJS.Timeout[] = []
  writers.forEach((w, i) => {
    const phase = Math.random() * 1000
    timers.push(
      setTimeout(() => {
        const edit = (): void => {
          w.seq += 1
          const card = benchCard(`c${i}`, i, w.seq, 0)
          w.doc.transact(() => w.kv.set(card.id, card), Origin.localUser)
          if (measuring) ticks.push(tickMs())
          if (measuring) rates.push(rate.perSecond())
        }
        edit()
        timers.push(setInterval(edit, 1000))
      }, phase),
    )
    timers.push(
      setTimeout(() => {
        timers.push(
          setInterval(() => {
            w.cursor += 1
            room.receive(w.conn, benchCursorFrame(w.clientId, w.cursor, i))
          }, 200),
        )
      }, Math.random() * 200),
    )
  })
  await settle(2000)
  const cpu0 = process.cpuUsage()
  measuring = true
  await settle(SECONDS * 1000)
  measuring = false
  const cpu = process.cpuUsage(cpu0)
  for (const t of timers) clearTimeout(t)
  await settle(100)

  const ms = (xs: number[]): string => {
    const sorted = Float64Array.from(xs).sort()
    return [0.5, 0.95, 0.99].map((q) => (quantileSorted(sorted, q) ?? NaN).toFixed(2)).join(' / ')
  }
  process.stdout.write(
    `${JSON.stringify(
      {
        clients: CLIENTS,
        seconds: SECONDS,
        echoes: ECHOES,
        updates: total.length,
        cpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (SECONDS * 1000)) * 100),
        messagesInPerSecondMedian: Math.round(quantileSorted(Float64Array.from(rates).sort(), 0.5) ?? 0),
        tickMsMedian: quantileSorted(Float64Array.from(ticks).sort(), 0.5),
        tickMsMax: Math.max(...ticks),
        'receive→last send p50/p95/p99 ms': ms(total),
        'inside receive (apply at once at tick 0)': ms(inReceive),
        'receive→flush start': ms(toFlush),
        'flush start→persist (apply, merge)': ms(flushToPersist),
        'persist (SQLite append)': ms(persisting),
        'persisted→last send (encode, awareness, send)': ms(persistToLast),
      },
      null,
      2,
    )}\n`,
  )
  room.discard(CloseCode.serverRestarting)
  await storage.close()
  rmSync(dir, { recursive: true, force: true })
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  },
)
