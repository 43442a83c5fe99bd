import { parseArgs } from 'node:util'
import { note, percentile } from '../helpers/cluster'
import { startPostgres } from '../helpers/postgres'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * `npx tsx tests/bench/crossServer.ts [--levels=0,100] [--seconds=20] [--mode=spread|single]`
 *
 * Cross-server latency (issue 15): two servers on one throw-away PostgreSQL, one workshop.
 * A probe client on server A writes a note every 100 ms; a reader on A (same server) and
 * one on B (other server) record when each note arrives. Around them, `level` background
 * clients each write their own card once a second and move their cursor twice a second —
 * alternating between the servers (`spread`) or all on A (`single`). Prints p50/p95/p99
 * per level, Markdown. Everything runs on this machine: the figures include the shared
 * CPU of two servers, PostgreSQL and the clients.
 */

const { values } = parseArgs({
  options: {
    levels: { type: 'string', default: '0,100' },
    seconds: { type: 'string', default: '20' },
    mode: { type: 'string', default: 'spread' },
  },
})
const LEVELS = values.levels.split(',').map(Number)
const SECONDS = Number(values.seconds)
const SPREAD = values.mode !== 'single'

function arrivals(reader: TestClient): Map<string, number> {
  const seen = new Map<string, number>()
  reader.kv.on('change', (changes: Map<string, unknown>) => {
    const now = performance.now()
    for (const key of changes.keys()) if (!seen.has(key)) seen.set(key, now)
  })
  return seen
}

async function measure(a: TestServer, b: TestServer, level: number): Promise<string> {
  const w = await createWorkshop(a.url, { title: `Mesure ${level}` })
  const clients: TestClient[] = []
  const connect = (s: TestServer) => {
    const c = connectClient(s.url, w.id, w.tokens.participant)
    clients.push(c)
    return c
  }
  const probe = connect(a)
  const near = connect(a)
  const far = connect(b)
  const background = Array.from({ length: level }, (_, i) => connect(SPREAD && i % 2 === 1 ? b : a))
  await waitFor(() => clients.every((c) => c.provider.synced), 120_000, 'every client synced')
  const seenNear = arrivals(near)
  const seenFar = arrivals(far)
  const sent = new Map<string, number>()
  let tick = 0
  const timer = setInterval(() => {
    const key = `shape:probe${tick}`
    sent.set(key, performance.now())
    probe.kv.set(key, note(key, `${tick}`))
    // Background: a tenth of the clients every 100 ms = each once a second; cursors twice.
    background.forEach((c, i) => {
      if (i % 10 === tick % 10) c.kv.set(`shape:bg${i}`, note(`shape:bg${i}`, `${tick}`))
      if (i % 5 === tick % 5) c.provider.awareness.setLocalStateField('cursor', { x: tick, y: i })
    })
    tick += 1
  }, 100)
  await new Promise((r) => setTimeout(r, SECONDS * 1000))
  clearInterval(timer)
  await waitFor(
    () => [...sent.keys()].every((k) => seenNear.has(k) && seenFar.has(k)),
    60_000,
    'every probe note arrived',
  )
  const same = [...sent].map(([k, t]) => seenNear.get(k)! - t)
  const cross = [...sent].map(([k, t]) => seenFar.get(k)! - t)
  for (const c of clients) c.destroy()
  const row = (xs: number[]) =>
    `${percentile(xs, 50).toFixed(1)} | ${percentile(xs, 95).toFixed(1)} | ${percentile(xs, 99).toFixed(1)}`
  return `| ${level} (${SPREAD ? 'spread' : 'all on A'}) | ${sent.size} | ${row(same)} | ${row(cross)} |`
}

// A hundred y-websocket providers in one process each add an 'exit' listener by design.
process.setMaxListeners(0)
const postgres = await startPostgres()
const url = await postgres.createDatabase('bench_cross')
const [a, b] = await Promise.all([
  startServer({ env: { DATABASE_URL: url } }),
  startServer({ env: { DATABASE_URL: url } }),
])
try {
  console.log(
    '| background clients | probe notes | same server p50 | p95 | p99 (ms) | other server p50 | p95 | p99 (ms) |',
  )
  console.log('|---|---|---|---|---|---|---|---|')
  for (const level of LEVELS) console.log(await measure(a, b, level))
} finally {
  await Promise.all([a.stop(), b.stop()])
  await postgres.stop()
}
