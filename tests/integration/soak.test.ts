import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { get as httpGet } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../server/config'
import { createLogger } from '../../server/log'
import { startServer, type RunningServer } from '../../server/server'
import { connectClient, createWorkshop, waitFor, type TestClient } from '../helpers/server'
import { Rng } from './fuzzFrames'
import { geoShape } from '../helpers/records'

/**
 * Soak: N people edit and move their cursors in a few workshops for a while, then leave.
 * Afterwards the rooms unload once their grace period is over, and the server's memory,
 * sockets and timers come back to where they were before (the rooms themselves are
 * garbage-collected: held only through WeakRefs here). The server runs in this process so
 * its heap and handles can be read.
 *
 * Short by default; `SOAK_SECONDS` and `SOAK_CLIENTS` make it long (e.g. 600 and 60).
 */

const SECONDS = Number(process.env.SOAK_SECONDS ?? 5)
const CLIENTS = Number(process.env.SOAK_CLIENTS ?? 12)
const WORKSHOPS = 3
const ROOM_GRACE_MS = 300
/** Heap allowed above the baseline once everybody left (allocator slack, JIT code, caches). */
const HEAP_SLACK_BYTES = 24 * 1_048_576
const SUMMARY_FILE = fileURLToPath(new URL('../../.tmp/reliability/soak.json', import.meta.url))

// Every y-websocket provider listens to the process' exit: many clients in one process.
process.setMaxListeners(CLIENTS + 20)
setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

let server: RunningServer
let dataDir: string

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'coalition-soak-'))
  const config = loadConfig({
    PORT: '0',
    DATA_DIR: dataDir,
    DIST_DIR: join(dataDir, 'no-client'),
    ROOM_GRACE_MS: String(ROOM_GRACE_MS),
    LOG_LEVEL: 'silent',
  })
  server = await startServer(config, createLogger('silent'))
})
afterAll(async () => {
  await server?.close()
  rmSync(dataDir, { recursive: true, force: true })
})

const url = (): string => `http://127.0.0.1:${server.port}`
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

/** Settled memory: several collections, with turns of the event loop between them. */
async function settledHeap(): Promise<number> {
  for (let i = 0; i < 4; i++) {
    gc()
    await sleep(50)
  }
  return process.memoryUsage().heapUsed
}

/** Open handles by kind (`TCPSocketWrap`, `Timeout`…), as Node counts them. */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1
  return counts
}

interface Session {
  clients: TestClient[]
  timers: NodeJS.Timeout[]
  edits: number
  cursorMoves: number
}

/** `count` people spread over the workshops, each editing and moving a cursor on its own rhythm. */
async function session(workshops: { id: string; token: string }[], count: number, rng: Rng): Promise<Session> {
  const s: Session = { clients: [], timers: [], edits: 0, cursorMoves: 0 }
  for (let i = 0; i < count; i++) {
    const w = workshops[i % workshops.length]
    const client = connectClient(url(), w.id, w.token, { member: `soak-member-key-${i}-0123456789` })
    client.provider.awareness.setLocalStateField('user', { name: `Personne ${i}`, color: '#3366cc' })
    s.clients.push(client)
  }
  await waitFor(() => s.clients.every((c) => c.provider.synced), 30_000, 'everybody synced')
  s.clients.forEach((client, i) => {
    const edit = (): void => {
      const id = `shape:soak-${i}-${rng.int(20)}`
      client.kv.set(id, geoShape(id, { x: rng.int(3000), y: rng.int(3000) }))
      s.edits += 1
    }
    const move = (): void => {
      client.provider.awareness.setLocalStateField('cursor', { x: rng.int(3000), y: rng.int(3000) })
      s.cursorMoves += 1
    }
    s.timers.push(setInterval(edit, 40 + rng.int(80)), setInterval(move, 30 + rng.int(40)))
  })
  return s
}

/** Everybody leaves; the test lets go of their documents too (else they are its heap, not the server's). */
function leave(s: Session): void {
  for (const t of s.timers.splice(0)) clearInterval(t)
  for (const c of s.clients.splice(0)) c.destroy()
}

describe(`soak: ${CLIENTS} people for ${SECONDS} s`, () => {
  it(
    'comes back to its baseline of memory, sockets and timers after everybody left',
    { timeout: 120_000 + SECONDS * 2_000 },
    async () => {
      const rng = new Rng(2024)
      const workshops = await Promise.all(
        Array.from({ length: WORKSHOPS }, (_, i) => createWorkshop(url(), { title: `Soak ${i}` })),
      )
      const targets = workshops.map((w, i) => ({
        id: w.id,
        token: i === 0 ? w.tokens.facilitator : w.tokens.participant,
      }))

      // Warm-up: load every module and code path once, so the baseline is not before JIT.
      leave(await session(targets, WORKSHOPS, rng))
      await waitFor(() => server.rooms.size() === 0, 10_000, 'warm-up rooms unloaded')
      const baseHeap = await settledHeap()
      const baseHandles = handles()
      const baseRss = process.memoryUsage().rss

      const s = await session(targets, CLIENTS, rng)
      const rooms = workshops.map((w) => new WeakRef(server.rooms.get(w.id)!))
      expect(rooms.every((r) => r.deref() !== undefined)).toBe(true)
      const deadline = Date.now() + SECONDS * 1_000
      let peakHeap = 0
      while (Date.now() < deadline) {
        await sleep(250)
        peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)
      }
      // Everybody stops, then converges on each board before leaving.
      for (const t of s.timers) clearInterval(t)
      for (const w of workshops) {
        const inRoom = s.clients.filter((_, i) => i % WORKSHOPS === workshops.indexOf(w))
        await waitFor(
          () =>
            inRoom.every(
              (c) =>
                JSON.stringify(c.doc.getArray('tl_records').toJSON()) ===
                JSON.stringify(inRoom[0].doc.getArray('tl_records').toJSON()),
            ),
          30_000,
          'convergence',
        )
      }
      const peakRss = process.memoryUsage().rss
      leave(s)

      // Rooms unload after the grace period, and are then garbage.
      await waitFor(() => server.rooms.size() === 0, 10_000 + ROOM_GRACE_MS, 'rooms unloaded')
      expect(await health()).toMatchObject({ status: 'ok', rooms: 0 })
      const afterHeap = await settledHeap()
      const collected = async (): Promise<boolean> => {
        await settledHeap()
        return rooms.every((r) => r.deref() === undefined)
      }
      await waitFor(collected, 10_000, 'rooms garbage-collected')
      const afterHandles = handles()

      const summary = {
        clients: CLIENTS,
        seconds: SECONDS,
        edits: s.edits,
        cursorMoves: s.cursorMoves,
        heapMB: { baseline: mb(baseHeap), peak: mb(peakHeap), after: mb(afterHeap) },
        rssMB: { baseline: mb(baseRss), peak: mb(peakRss), after: mb(process.memoryUsage().rss) },
        handles: { baseline: baseHandles, after: afterHandles },
      }
      mkdirSync(join(SUMMARY_FILE, '..'), { recursive: true })
      writeFileSync(SUMMARY_FILE, JSON.stringify(summary, null, 2) + '\n')
      console.log(`soak: ${JSON.stringify(summary)}`)

      expect(s.edits).toBeGreaterThan(CLIENTS * SECONDS)
      expect(afterHeap).toBeLessThan(baseHeap + HEAP_SLACK_BYTES)
      // No socket left open, no timer left behind (idle keep-alive sockets of earlier HTTP
      // calls may have closed meanwhile: fewer is fine, more is a leak).
      expect(afterHandles.TCPSocketWrap ?? 0).toBeLessThanOrEqual(baseHandles.TCPSocketWrap ?? 0)
      expect(afterHandles.Timeout ?? 0).toBeLessThanOrEqual(baseHandles.Timeout ?? 0)
    },
  )
})

/** `GET /api/health` on a connection of its own, closed after: no keep-alive socket stays. */
function health(): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const req = httpGet(`${url()}/api/health`, { agent: false, headers: { connection: 'close' } }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => resolve(JSON.parse(body)))
    })
    req.on('error', reject)
  })
}

function mb(bytes: number): number {
  return Math.round((bytes / 1_048_576) * 10) / 10
}
