import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isKeyValueEntry } from '../../server/sync/recordGuard'
import { CloseCode } from '../../shared/protocol'
import { geoShape, pageRecord } from '../helpers/records'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type CreatedTestWorkshop,
  type TestClient,
  type TestServer,
} from '../helpers/server'
import {
  decodeStoredFrame,
  encodeStoredFrame,
  FUZZ_MAX_MESSAGE_BYTES,
  FUZZ_MAX_UPDATE_BYTES,
  generateFrames,
  Rng,
  type FuzzFrame,
} from './fuzzFrames'
import { FuzzSocket, REFUSAL_CODES, type FrameOutcome } from './fuzzSocket'

/**
 * Fuzz of the sync endpoint: thousands of generated and mutated y-websocket frames
 * (truncated varints, unknown types, random bytes, corrupt Yjs updates and awareness,
 * huge lengths, bad control messages) sent over real sockets with valid tokens, while two
 * well-behaved clients keep editing the same room. The server must never crash or log an
 * error, must close every socket whose frame was built to be invalid with a named code,
 * and the good clients must keep syncing and agree with a newcomer at the end.
 *
 * `FUZZ_MESSAGES` (default 2,000) and `FUZZ_SEED` (default: random, printed) set the run.
 * A failing run writes its socket's frames to `tests/fixtures/fuzz-seeds/`; every file
 * there is replayed first, as a regression case.
 */

const MESSAGES = Number(process.env.FUZZ_MESSAGES ?? 2_000)
const SEED = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const WORKERS = 4
const FRAME_TIMEOUT_MS = 15_000
const FIXTURES = fileURLToPath(new URL('../fixtures/fuzz-seeds/', import.meta.url))
const SUMMARY_FILE = fileURLToPath(new URL('../../.tmp/reliability/fuzz.json', import.meta.url))

interface StoredCase {
  description: string
  seed: number | null
  role: 'participant' | 'viewer'
  frames: { category: string; mustClose: boolean; data: string }[]
}

let server: TestServer
let workshop: CreatedTestWorkshop
let good: TestClient
let watcher: TestClient
let goodWrites = 0

beforeAll(async () => {
  server = await startServer({
    // Room for the fuzz itself: the flood limits have their own test (limits.test.ts).
    env: {
      MAX_MESSAGE_BYTES: String(FUZZ_MAX_MESSAGE_BYTES),
      MAX_UPDATE_BYTES: String(FUZZ_MAX_UPDATE_BYTES),
      MESSAGE_BURST: '100000',
      MESSAGES_PER_SECOND: '100000',
    },
  })
  workshop = await createWorkshop(server.url)
  good = connectClient(server.url, workshop.id, workshop.tokens.participant)
  watcher = connectClient(server.url, workshop.id, workshop.tokens.facilitator)
  await waitFor(() => good.provider.synced && watcher.provider.synced, 15_000, 'good clients synced')
  good.kv.set(pageRecord().id, pageRecord())
})

afterAll(async () => {
  good?.destroy()
  watcher?.destroy()
  await server?.stop()
})

/** A valid rectangle (the server validates every record), on the page the good client writes first. */
function shape(id: string, n: number): Record<string, unknown> {
  return { ...geoShape(id.replace(/^shape:/, ''), { x: n, y: n }) }
}

/** The good client edits between fuzz frames: this must keep reaching the watcher. */
function goodEdit(): void {
  goodWrites += 1
  good.kv.set(`shape:good-${goodWrites}`, shape(`shape:good-${goodWrites}`, goodWrites))
}

function syncUrl(role: 'participant' | 'viewer', w: CreatedTestWorkshop): string {
  return `${server.url.replace(/^http/, 'ws')}/sync/${w.id}?token=${w.tokens[role]}`
}

function describeFrame(frame: FuzzFrame): string {
  return `${frame.category} ${encodeStoredFrame(frame.data).slice(0, 200)}`
}

/** Whether the server may leave this socket open after this frame (viewers never decode updates). */
function mustClose(frame: FuzzFrame, role: 'participant' | 'viewer'): boolean {
  return frame.mustClose && !(role === 'viewer' && frame.category === 'huge counts in update')
}

interface Tally {
  sent: number
  closed: number
  accepted: number
  byCategory: Record<string, { sent: number; closed: number }>
  codes: Record<string, number>
}

function record(tally: Tally, frame: FuzzFrame, outcome: FrameOutcome): void {
  tally.sent += 1
  const cat = (tally.byCategory[frame.category] ??= { sent: 0, closed: 0 })
  cat.sent += 1
  if (outcome.kind === 'closed') {
    tally.closed += 1
    cat.closed += 1
    tally.codes[outcome.code] = (tally.codes[outcome.code] ?? 0) + 1
  } else {
    tally.accepted += 1
  }
}

/**
 * Sends `frames` over as many sockets as needed (a new one after each close) and checks
 * each outcome. Throws with the socket's frames attached on the first violation.
 */
async function runFrames(
  frames: FuzzFrame[],
  role: 'participant' | 'viewer',
  rng: Rng,
  tally: Tally,
  w: CreatedTestWorkshop = workshop,
): Promise<void> {
  let socket: FuzzSocket | null = null
  try {
    for (const frame of frames) {
      if (!socket || !socket.isOpen()) {
        socket = new FuzzSocket(syncUrl(role, w))
        // Half the sockets send before the room welcomed them (the early-frame queue).
        await socket.ready(rng.int(2) === 0, FRAME_TIMEOUT_MS)
      }
      const outcome = await socket.send(frame, FRAME_TIMEOUT_MS)
      record(tally, frame, outcome)
      if (outcome.kind === 'closed' && !REFUSAL_CODES.has(outcome.code)) {
        throw new Error(
          `closed with ${outcome.code} (${outcome.reason}), not a named refusal, after ${describeFrame(frame)}`,
        )
      }
      if (outcome.kind === 'accepted' && mustClose(frame, role))
        throw new Error(`invalid frame accepted: ${describeFrame(frame)}`)
      if (tally.sent % 50 === 0) goodEdit()
    }
  } catch (err) {
    throw Object.assign(err as Error, { frames: socket?.sent ?? [], role })
  } finally {
    await socket?.close()
  }
}

/** Writes the failing socket's frames as a fixture, so the case is replayed from now on. */
function keepFailure(err: unknown, seed: number | null): string {
  const failure = err as Error & { frames?: FuzzFrame[]; role?: 'participant' | 'viewer' }
  const stored: StoredCase = {
    description: `fuzz failure: ${failure.message}`,
    seed,
    role: failure.role ?? 'participant',
    frames: (failure.frames ?? []).map((f) => ({
      category: f.category,
      mustClose: f.mustClose,
      data: encodeStoredFrame(f.data),
    })),
  }
  mkdirSync(FIXTURES, { recursive: true })
  const file = join(FIXTURES, `seed-${seed ?? 'replay'}-${Date.now()}.json`)
  writeFileSync(file, JSON.stringify(stored, null, 2) + '\n')
  return file
}

/** After any amount of fuzz: the server is healthy, the good clients sync, a newcomer agrees. */
async function expectRoomHealthy(): Promise<void> {
  const health = await fetch(`${server.url}/api/health`)
  expect(health.status).toBe(200)
  expect(((await health.json()) as { status: string }).status).toBe('ok')
  goodEdit()
  const last = `shape:good-${goodWrites}`
  // Generous: after a room reload (4503) both reconnect and resync, and CI runs this beside
  // the browser tests. The closes seen so far are in the message if it never comes.
  try {
    await waitFor(() => watcher.kv.has(last), 30_000, 'the watcher to see the good client')
  } catch (err) {
    const state = (c: TestClient) =>
      `connected ${c.provider.wsconnected}, synced ${c.provider.synced}, closes ${JSON.stringify(c.closeCodes)}`
    throw new Error(`${(err as Error).message} (good: ${state(good)}; watcher: ${state(watcher)})`, { cause: err })
  }
  // Only "server restarting" (a room reload after an inconsistent update), and they came back.
  expect(good.closeCodes.filter((code) => code !== CloseCode.serverRestarting)).toEqual([])
  expect(watcher.closeCodes.filter((code) => code !== CloseCode.serverRestarting)).toEqual([])
  const newcomer = connectClient(server.url, workshop.id, workshop.tokens.viewer)
  try {
    await waitFor(() => newcomer.provider.synced && newcomer.kv.has(last), 15_000, 'the newcomer to sync')
    for (let i = 1; i <= goodWrites; i++)
      expect(newcomer.kv.get(`shape:good-${i}`)).toEqual(shape(`shape:good-${i}`, i))
    expect(newcomer.doc.getArray('tl_records').toJSON()).toEqual(watcher.doc.getArray('tl_records').toJSON())
    // Nothing but `{ key, val }` entries ever reaches a client: anything else breaks YKeyValue.
    const malformed = newcomer.doc
      .getArray('tl_records')
      .toArray()
      .filter((entry) => !isKeyValueEntry(entry))
    expect(malformed).toEqual([])
  } finally {
    newcomer.destroy()
  }
  // Errors and fatals in the log mean something threw where it should have refused.
  const bad = server
    .output()
    .split('\n')
    .filter((line) => /"level":(50|60)/.test(line))
  expect(bad).toEqual([])
}

/** A newcomer to `w` syncs and gets nothing but `{ key, val }` entries, and nothing held aside. */
async function expectCleanBoard(w: CreatedTestWorkshop): Promise<void> {
  const newcomer = connectClient(server.url, w.id, w.tokens.viewer)
  try {
    await waitFor(() => newcomer.provider.synced, 15_000, 'the newcomer to sync')
    expect(
      newcomer.doc
        .getArray('tl_records')
        .toArray()
        .filter((entry) => !isKeyValueEntry(entry)),
    ).toEqual([])
    expect(newcomer.doc.store.pendingStructs).toBeNull()
  } finally {
    newcomer.destroy()
  }
}

function newTally(): Tally {
  return { sent: 0, closed: 0, accepted: 0, byCategory: {}, codes: {} }
}

describe('fuzz of the sync endpoint', () => {
  it('replays every kept regression case', async () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.json'))
    expect(files.length).toBeGreaterThan(0)
    const tally = newTally()
    for (const file of files) {
      const stored = JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as StoredCase
      const frames = stored.frames.map((f) => ({
        category: f.category,
        mustClose: f.mustClose,
        data: decodeStoredFrame(f.data),
      }))
      // Each case in a workshop of its own, as when it was found: cases must not feed each other.
      const own = await createWorkshop(server.url, { title: file })
      try {
        await runFrames(frames, stored.role, new Rng(1), tally, own)
        await expectCleanBoard(own)
      } catch (err) {
        throw new Error(`regression case ${file} (seed ${stored.seed}) fails again: ${(err as Error).message}`, {
          cause: err,
        })
      }
    }
    await expectRoomHealthy()
  })

  it(`survives ${MESSAGES} generated frames (seed printed on failure)`, { timeout: 600_000 }, async () => {
    console.log(`fuzz: FUZZ_SEED=${SEED} FUZZ_MESSAGES=${MESSAGES}`)
    const frames = generateFrames(SEED, MESSAGES)
    const rng = new Rng(SEED ^ 0x5eed)
    const tally = newTally()
    const lanes = Array.from({ length: WORKERS }, (_, w) => frames.filter((_, i) => i % WORKERS === w))
    const started = Date.now()
    try {
      await Promise.all(
        lanes.map((lane) =>
          runFrames(lane, rng.int(5) === 0 ? 'viewer' : 'participant', new Rng(rng.int(2 ** 31)), tally),
        ),
      )
    } catch (err) {
      const file = keepFailure(err, SEED)
      throw new Error(
        `fuzz failed with FUZZ_SEED=${SEED} (${tally.sent} frames in): ${(err as Error).message}\nframes kept in ${file}`,
        { cause: err },
      )
    }
    try {
      await expectRoomHealthy()
    } catch (err) {
      // The damage shows after the frames: replay the seed in memory to find which (see tests/README).
      throw new Error(`room unhealthy after FUZZ_SEED=${SEED} FUZZ_MESSAGES=${MESSAGES}: ${(err as Error).message}`, {
        cause: err,
      })
    }
    const roomReloads = watcher.closeCodes.filter((code) => code === CloseCode.serverRestarting).length
    const summary = {
      seed: SEED,
      ...tally,
      goodWrites,
      roomReloads,
      seconds: Math.round((Date.now() - started) / 100) / 10,
    }
    mkdirSync(join(SUMMARY_FILE, '..'), { recursive: true })
    writeFileSync(SUMMARY_FILE, JSON.stringify(summary, null, 2) + '\n')
    console.log(
      `fuzz: seed ${SEED}, ${tally.sent} frames, ${tally.closed} refused with a close, ${tally.accepted} accepted, codes ${JSON.stringify(tally.codes)}, room reloads ${roomReloads}`,
    )
    expect(tally.sent).toBe(MESSAGES)
    // The generator is mostly invalid input: most frames must have been refused.
    expect(tally.closed).toBeGreaterThan(MESSAGES / 2)
  })
})
