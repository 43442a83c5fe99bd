import { spawnSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8'
import { runInNewContext } from 'node:vm'
import pino from 'pino'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { Origin, RECORDS_ARRAY } from '../../shared/board'
import { DEFAULT_LIMITS, type Role } from '../../shared/protocol'
import { createManualClock } from '../../server/clock'
import { CONTROL_SECTIONS } from '../../server/control/sections'
import { openSqliteStorage } from '../../server/storage/sqliteStorage'
import type { Connection } from '../../server/sync/Connection'
import { Rooms } from '../../server/sync/Rooms'
import { createWorkshop } from '../../server/workshops/createWorkshop'
import { awarenessFrame, benchCard, benchPresence, syncStep1Frame, updateFrame, type BenchRecord } from './lib/benchDoc'
import { rssBytes } from './lib/procStats'
import { measureLoad } from './lib/loadRun'
import { removeDir, ROOT, startOurs, startReference, type BenchRoom, type BenchTarget } from './lib/servers'
import { median } from './lib/stats'
import { LoadGenerator } from './lib/workerPool'

/**
 * `npx tsx tests/bench/memoryCost.ts [--runs=3] [--rooms=200] [--clients=5] [--seconds=5]
 *  [--only=modules|idle|rooms|sockets] [--snapshots=<dir>] [--target=ours|reference] [--node-args="…"]`
 *
 * Where the server's memory goes, without a load generator (prints JSON):
 * - `modules`: what each package the server loads costs on its own (a fresh `node` per
 *   package, RSS and heap after a full GC, with and without `--enable-source-maps`, which is
 *   how the server runs);
 * - `idle`: RSS of our shipped bundle and of the reference 500 ms after they listen, as the
 *   "rooms" bench scenario reads it (`--runs` times, medians);
 * - `rooms`: in this process, R rooms of C in-memory connections (the Rooms registry on a
 *   SQLite file, as shipped, without sockets) each writing its card at 1 Hz and moving its
 *   cursor at 5 Hz on a manual clock; live heap (after a full GC) per loaded room, and
 *   once every room has been left and unloaded. `--snapshots=<dir>` writes a heap snapshot
 *   before, loaded and after (compare them in Chrome DevTools' Memory tab);
 * - `sockets` (only when asked): the "rooms" scenario's load on one server (`--target`, ours
 *   by default, with `--node-args`), RSS and its anonymous part idle, loaded and after
 *   leaving; with `--snapshots=<dir>`, ours writes a heap snapshot idle and loaded (SIGUSR2).
 */

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    rooms: { type: 'string', default: '200' },
    clients: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '5' },
    only: { type: 'string' },
    snapshots: { type: 'string' },
    target: { type: 'string', default: 'ours' },
    'node-args': { type: 'string', default: '' },
  },
})
const RUNS = Number(values.runs)
const ROOMS = Number(values.rooms)
const CLIENTS = Number(values.clients)
const SECONDS = Number(values.seconds)
const STEP_MS = 40
const MiB = 1_048_576

const mib = (bytes: number): number => Number((bytes / MiB).toFixed(1))
const kib = (bytes: number): number => Math.round(bytes / 1024)

/** The packages the server imports at start (and some it may load later). */
const MODULES = [
  'fastify',
  '@fastify/static',
  'pino',
  'zod',
  'pg',
  'better-sqlite3',
  'ws',
  'yjs',
  'y-protocols/awareness',
  'y-utility/y-keyvalue',
  '@tldraw/tlschema',
]

/** One package in a fresh node: RSS and live heap after a full GC, minus the same process before the import. */
function moduleCost(spec: string, sourceMaps: boolean): { rss: number; heap: number } {
  const code = `
    const read = () => { gc(); gc(); const m = process.memoryUsage(); return { rss: m.rss, heap: m.heapUsed + m.external } }
    const before = read()
    await import(${JSON.stringify(spec)})
    await new Promise((r) => setTimeout(r, 200))
    const after = read()
    console.log(JSON.stringify({ rss: after.rss - before.rss, heap: after.heap - before.heap }))`
  const args = ['--expose-gc', ...(sourceMaps ? ['--enable-source-maps'] : []), '--input-type=module', '-e', code]
  const out = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8' })
  if (out.status !== 0) throw new Error(`importing ${spec} failed: ${out.stderr}`)
  return JSON.parse(out.stdout) as { rss: number; heap: number }
}

function modules(): Record<string, { rssMiB: number; heapMiB: number; rssWithSourceMapsMiB: number }> {
  const result: Record<string, { rssMiB: number; heapMiB: number; rssWithSourceMapsMiB: number }> = {}
  for (const spec of MODULES) {
    const plain = Array.from({ length: RUNS }, () => moduleCost(spec, false))
    const maps = Array.from({ length: RUNS }, () => moduleCost(spec, true))
    result[spec] = {
      rssMiB: mib(median(plain.map((m) => m.rss)) ?? 0),
      heapMiB: mib(median(plain.map((m) => m.heap)) ?? 0),
      rssWithSourceMapsMiB: mib(median(maps.map((m) => m.rss)) ?? 0),
    }
  }
  return result
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Idle RSS of both servers as the "rooms" scenario reads it: 500 ms after `listening`. */
async function idle(): Promise<{ oursMiB: number[]; referenceMiB: number[]; medians: Record<string, number> }> {
  const read = async (start: () => Promise<BenchTarget>): Promise<number> => {
    const target = await start()
    try {
      await sleep(500)
      return rssBytes(target.pid)
    } finally {
      await target.stop()
      removeDir(target.dataDir)
    }
  }
  const ours: number[] = []
  const reference: number[] = []
  for (let i = 0; i < RUNS; i++) {
    ours.push(await read(() => startOurs()))
    reference.push(await read(() => startReference()))
  }
  return {
    oursMiB: ours.map(mib),
    referenceMiB: reference.map(mib),
    medians: { oursMiB: mib(median(ours) ?? 0), referenceMiB: mib(median(reference) ?? 0) },
  }
}

/** Sends nothing anywhere: counts what the room would send. */
class SinkConnection implements Connection {
  frames = 0
  constructor(
    readonly role: Role,
    readonly memberId: string,
  ) {}
  send(): void {
    this.frames += 1
  }
  close(): void {}
}

interface Writer {
  conn: SinkConnection
  frames: Uint8Array[]
  clientId: number
  slot: number
}

/** Every frame of a client's card, encoded before measuring (kept alive throughout, so it is in every reading). */
function prepareWriter(key: string, slot: number): Writer {
  const doc = new Y.Doc()
  const kv = new YKeyValue(doc.getArray<{ key: string; val: BenchRecord }>(RECORDS_ARRAY))
  const frames: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => frames.push(updateFrame(u)))
  for (let seq = 1; seq <= SECONDS; seq++) {
    const card = benchCard(key, slot, seq, 0)
    doc.transact(() => kv.set(card.id, card), Origin.localUser)
  }
  const clientId = doc.clientID
  doc.destroy()
  return { conn: new SinkConnection('participant', `m-${key}`), frames, clientId, slot }
}

function liveHeap(): { heap: number; rss: number } {
  const gc = runInNewContext('gc') as () => void
  for (let i = 0; i < 3; i++) gc()
  const m = process.memoryUsage()
  return { heap: m.heapUsed + m.external + m.arrayBuffers, rss: m.rss }
}

async function rooms(): Promise<Record<string, number>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cb-memory-'))
  const storage = openSqliteStorage(join(dataDir, 'coalition.db'))
  const clock = createManualClock()
  const registry = new Rooms({
    storage,
    clock,
    log: pino({ level: 'silent' }),
    sections: CONTROL_SECTIONS,
    limits: DEFAULT_LIMITS,
    roomGraceMs: 1_000,
  })
  const settle = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r))
  }
  const ids: string[] = []
  for (let r = 0; r < ROOMS; r++) ids.push((await createWorkshop({ storage, clock }, { title: 'bench' })).meta.id)
  const writers = ids.map((_, r) => Array.from({ length: CLIENTS }, (_, c) => prepareWriter(`r${r}c${c}`, c)))
  const step1 = syncStep1Frame(new Y.Doc())
  const snapshot = (name: string): void => {
    if (values.snapshots) writeHeapSnapshot(join(values.snapshots, `${name}.heapsnapshot`))
  }

  const before = liveHeap()
  snapshot('before')
  for (let r = 0; r < ROOMS; r++) {
    for (const w of writers[r]) {
      const room = registry.join(ids[r], w.conn)
      room.receive(w.conn, step1)
    }
  }
  await settle()
  let awarenessClock = 0
  for (let s = 0; s < SECONDS; s++) {
    for (let step = 0; step < 1000 / STEP_MS; step++) {
      for (let r = 0; r < ROOMS; r++) {
        const room = registry.get(ids[r])
        if (!room) continue
        writers[r].forEach((w, c) => {
          // Its card once a second and its cursor five times, spread over the second.
          if ((step + c) % 25 === 0) room.receive(w.conn, w.frames[s])
          if ((step + c) % 5 === 0) {
            const state = benchPresence(`Bench ${c}`, w.conn.memberId, step * 10, c * 10, 0)
            room.receive(w.conn, awarenessFrame(w.clientId, ++awarenessClock, state))
          }
        })
      }
      clock.advance(STEP_MS)
      await settle()
    }
  }
  clock.advance(1_000)
  await settle()
  const loaded = liveHeap()
  snapshot('loaded')
  const roomsLoaded = registry.size()
  for (let r = 0; r < ROOMS; r++) {
    const room = registry.get(ids[r])
    for (const w of writers[r]) if (room) registry.leave(room, w.conn)
  }
  for (let i = 0; i < 5; i++) {
    clock.advance(1_000)
    await settle()
  }
  const after = liveHeap()
  snapshot('after')
  const result = {
    rooms: ROOMS,
    clientsPerRoom: CLIENTS,
    seconds: SECONDS,
    roomsLoaded,
    roomsAfterLeave: registry.size(),
    heapBeforeMiB: mib(before.heap),
    heapLoadedMiB: mib(loaded.heap),
    heapAfterLeaveMiB: mib(after.heap),
    heapPerRoomKiB: kib((loaded.heap - before.heap) / ROOMS),
    heapRetainedAfterLeaveKiB: kib(after.heap - before.heap),
    rssBeforeMiB: mib(before.rss),
    rssLoadedMiB: mib(loaded.rss),
    rssAfterLeaveMiB: mib(after.rss),
  }
  await registry.closeAll()
  await storage.close()
  removeDir(dataDir)
  return result
}

/** RSS and its anonymous part (heap, malloc) of a process, from /proc/<pid>/smaps_rollup. */
function residentOf(pid: number): { rssMiB: number; anonMiB: number } {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8')
  const kb = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? 0)
  return { rssMiB: mib(kb('Rss') * 1024), anonMiB: mib(kb('Anonymous') * 1024) }
}

/** Waits for a new heap snapshot in `dir` after sending SIGUSR2 (ours runs with --heapsnapshot-signal). */
async function signalSnapshot(pid: number, dir: string): Promise<void> {
  const before = new Set(readdirSync(dir))
  process.kill(pid, 'SIGUSR2')
  for (let i = 0; i < 600; i++) {
    await sleep(500)
    const fresh = readdirSync(dir).filter((f) => !before.has(f) && f.endsWith('.heapsnapshot'))
    // Written once its size stops changing.
    if (fresh.length > 0) {
      const size = (): number => statSync(join(dir, fresh[0])).size
      const a = size()
      await sleep(1_000)
      if (size() === a) return
    }
  }
}

/** The "rooms" scenario's load (200 rooms × 5 clients, 1 Hz cards, 5 Hz cursors) on one server. */
async function sockets(): Promise<Record<string, unknown>> {
  const dir = values.snapshots
  const nodeArgs = values['node-args'].split(' ').filter(Boolean)
  if (dir) nodeArgs.push('--heapsnapshot-signal=SIGUSR2', `--diagnostic-dir=${dir}`)
  const target =
    values.target === 'reference'
      ? await startReference()
      : await startOurs({ env: { ROOM_GRACE_MS: '5000' }, nodeArgs })
  const generator = await LoadGenerator.start(2)
  try {
    await sleep(500)
    const idle = residentOf(target.pid)
    if (dir && target.kind === 'ours') await signalSnapshot(target.pid, dir)
    const rooms: BenchRoom[] = []
    for (let i = 0; i < ROOMS; i++) rooms.push(await target.createRoom())
    const light = rooms.flatMap((room, r) =>
      Array.from({ length: CLIENTS }, (_, c) => room.client(`r${r}-${c}`, 'light')),
    )
    let loaded = idle
    const load = measureLoad({
      target,
      generator,
      probes: [],
      light,
      updateHz: 1,
      awarenessHz: 5,
      timing: { openTimeoutMs: 20_000, warmupMs: 500, windowMs: SECONDS * 1000, windows: 1, drainMs: 200 },
    })
    // The scenario reads RSS at the end of its window; read the split at the same moment.
    const timer = setTimeout(() => (loaded = residentOf(target.pid)), 500 + SECONDS * 1000)
    const result = await load
    clearTimeout(timer)
    if (dir && target.kind === 'ours') await signalSnapshot(target.pid, dir)
    await sleep(10_000)
    const after = residentOf(target.pid)
    return {
      target: target.kind,
      synced: result.synced,
      idle,
      loaded,
      loadedRssMiB: mib(result.serverRss.loaded),
      perRoomKiB: kib((result.serverRss.loaded - idle.rssMiB * MiB) / ROOMS),
      after,
      roomsAfterLeave: await target.loadedRooms(),
    }
  } finally {
    await generator.stop()
    await target.stop()
    removeDir(target.dataDir)
  }
}

async function main(): Promise<void> {
  setFlagsFromString('--expose-gc')
  const only = values.only
  const out: Record<string, unknown> = {}
  if (only === 'sockets') out.sockets = await sockets()
  if (!only || only === 'modules') out.modules = modules()
  if (!only || only === 'idle') out.idle = await idle()
  if (!only || only === 'rooms') {
    const runs: Record<string, number>[] = []
    for (let i = 0; i < (only === 'rooms' ? RUNS : 1); i++) runs.push(await rooms())
    out.rooms = runs.length === 1 ? runs[0] : { runs, heapPerRoomKiB: median(runs.map((r) => r.heapPerRoomKiB)) }
  }
  const text = `${JSON.stringify(out, null, 2)}\n`
  if (values.snapshots) writeFileSync(join(values.snapshots, 'memoryCost.json'), text)
  process.stdout.write(text)
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  },
)
