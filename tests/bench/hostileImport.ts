import { spawn, spawnSync } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startServer } from '../helpers/server'

/**
 * The worst `/api/health` latency while hostile imports are sent (issue 14, item 5):
 *
 *   npx tsx tests/bench/hostileImport.ts            # the shipped bundle (built first)
 *   npx tsx tests/bench/hostileImport.ts --sources  # server/main.ts through tsx
 *
 * A separate process polls health back to back over one kept-alive connection (so the
 * sender's own work does not count), from before each import is sent until after its
 * answer; printed: the import's status and time, health answers and their median, 99th
 * percentile and worst latency, against an idle window before and after (the machine's
 * own noise).
 */

const MAX_IMPORT_BYTES = 16 * 1_048_576

const POLLER = `
const http = require('node:http')
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
const url = process.argv[1]
const times = []
let running = true
process.on('message', () => { running = false })
function poll() {
  if (!running) {
    agent.destroy()
    times.sort((a, b) => a - b)
    const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0
    process.send({ count: times.length, median: at(0.5), p99: at(0.99), worst: at(1) }, () => process.exit(0))
    return
  }
  const started = performance.now()
  http.get(url + '/api/health', { agent }, (res) => {
    res.resume()
    res.on('end', () => { times.push(performance.now() - started); poll() })
  }).on('error', (e) => { console.error(e); process.exit(1) })
}
process.send('ready')
poll()
`

function importOnce(url: string, body: string): Promise<{ status: number; ms: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${url}/api/workshops/import`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - started }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Health answers while one body was sent: their count and latency quantiles (ms). */
interface HealthLatency {
  count: number
  median: number
  p99: number
  worst: number
}

async function measure(url: string, what: string, body: string | null): Promise<void> {
  const poller = spawn(process.execPath, ['-e', POLLER, url], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  await new Promise((resolve) => poller.once('message', resolve))
  await new Promise((resolve) => setTimeout(resolve, 300))
  // No body: the same window with nothing sent, what the machine's own load gives.
  const answer =
    body === null
      ? await new Promise<{ status: number; ms: number }>((resolve) =>
          setTimeout(() => resolve({ status: 0, ms: 1000 }), 1000),
        )
      : await importOnce(url, body)
  await new Promise((resolve) => setTimeout(resolve, 300))
  poller.send('stop')
  const health = await new Promise<HealthLatency>((resolve) =>
    poller.once('message', (m) => resolve(m as HealthLatency)),
  )
  const ms = (v: number): string => `${v.toFixed(1)} ms`
  console.log(
    `| ${what} | ${answer.status} | ${answer.ms.toFixed(0)} ms | ${health.count} | ${ms(health.median)} | ${ms(health.p99)} | ${ms(health.worst)} |`,
  )
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const SERVER_BUNDLE = join(ROOT, 'dist-server', 'main.mjs')
const sources = process.argv.includes('--sources')
if (!sources) {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs'), '--if-stale'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (built.status !== 0) throw new Error(`build-server failed:\n${built.stderr}`)
}
const server = await startServer(sources ? {} : { bundle: SERVER_BUNDLE })
try {
  const half = (MAX_IMPORT_BYTES - 2) / 2
  const nested = '['.repeat(half) + ']'.repeat(half)
  const unit = '[[[[[[[[1]]]]]]]],'
  const arrays = `[${unit.repeat(Math.floor((MAX_IMPORT_BYTES - 2) / unit.length)).slice(0, -1)}]`
  const strings = JSON.stringify({ format: 'coalition-board/workshop@1', padding: 'x'.repeat(MAX_IMPORT_BYTES - 100) })
  console.log(`server: ${sources ? 'sources (tsx)' : 'bundle'}\n`)
  console.log('| 16 MiB body | status | import answered in | health answers | median | p99 | worst |')
  console.log('|---|---|---|---|---|---|---|')
  await measure(server.url, 'none (1 s idle, the baseline)', null)
  for (let i = 1; i <= 3; i++) await measure(server.url, `nested \`[[[…]]]\` #${i}`, nested)
  await measure(server.url, '`[[[[[[[[1]]]]]]]]` × 900k (refused by count)', arrays)
  const numbers = `[${'1,'.repeat((MAX_IMPORT_BYTES - 4) / 2)}1]`
  for (let i = 1; i <= 2; i++) await measure(server.url, `8 million numbers #${i}`, numbers)
  await measure(server.url, 'one 16 MiB string', strings)
  await measure(server.url, 'none (1 s idle, the baseline)', null)
} catch (err) {
  console.error(err, '\nserver output:\n', server.output().slice(-3000))
  process.exitCode = 1
} finally {
  await server.stop()
}
