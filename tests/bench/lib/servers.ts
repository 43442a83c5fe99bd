import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { BUNDLE_FORMAT, BUNDLE_PARAM } from '../../../shared/bundle'
import { SYNC_MEMBER_PARAM, SYNC_PATH_PREFIX, SYNC_TOKEN_PARAM } from '../../../shared/protocol'
import type { ClientSpec } from '../clients/types'

/**
 * The two servers every scenario runs against, each in its own child process:
 * - **ours**: the bundle `npm start` runs (`dist-server/main.mjs`, built first when stale),
 *   as shipped (auth, SQLite persistence, limits), in a fresh temporary DATA_DIR;
 * - **reference**: `@y/websocket-server` 0.1.1's own `src/server.js` (its `utils` module
 *   behind a bare `ws` server), without `YPERSISTENCE`, i.e. in memory only.
 * Both are driven through one interface: create a room, describe a client of it.
 */

export type TargetKind = 'ours' | 'reference'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))
const HOST = '127.0.0.1'
const START_TIMEOUT_MS = 30_000

/** A room on a target: the specs of its clients. */
export interface BenchRoom {
  name: string
  client(id: string, kind: 'light' | 'probe'): ClientSpec
}

export interface BenchTarget {
  readonly kind: TargetKind
  readonly pid: number
  readonly port: number
  readonly dataDir: string | null
  /** Env overrides the target was started with (for the report). */
  readonly env: Record<string, string>
  createRoom(): Promise<BenchRoom>
  /** Rooms the server holds in memory (ours reports it on /api/health; null for the reference). */
  loadedRooms(): Promise<number | null>
  /** Graceful stop (SIGTERM), forced after a while. Resolves with the exit code. */
  stop(): Promise<number | null>
  /** Last lines the process printed, for error messages. */
  tail(): string
}

/** Keeps reading a child's output (a full pipe would stall the server) and remembers the end. */
class OutputTail {
  private lines: string[] = []
  private partial = ''
  private listeners: ((line: string) => void)[] = []

  constructor(child: ChildProcess) {
    for (const stream of [child.stdout, child.stderr]) {
      stream?.setEncoding('utf8')
      stream?.on('data', (chunk: string) => this.push(chunk))
    }
  }

  private push(chunk: string): void {
    const parts = (this.partial + chunk).split('\n')
    this.partial = parts.pop() ?? ''
    for (const line of parts) {
      this.lines.push(line)
      if (this.lines.length > 40) this.lines.shift()
      for (const l of this.listeners) l(line)
    }
  }

  onLine(fn: (line: string) => void): () => void {
    this.listeners.push(fn)
    return () => (this.listeners = this.listeners.filter((l) => l !== fn))
  }

  text(): string {
    return this.lines.join('\n')
  }
}

function waitForLine<T>(
  child: ChildProcess,
  tail: OutputTail,
  match: (line: string) => T | null,
  what: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => fail(new Error(`${what}: not ready after ${START_TIMEOUT_MS} ms\n${tail.text()}`)),
      START_TIMEOUT_MS,
    )
    const onExit = (code: number | null): void =>
      fail(new Error(`${what}: exited (${code}) before listening\n${tail.text()}`))
    const off = tail.onLine((line) => {
      const found = match(line)
      if (found === null) return
      cleanup()
      resolve(found)
    })
    const cleanup = (): void => {
      clearTimeout(timer)
      off()
      child.off('exit', onExit)
    }
    const fail = (err: Error): void => {
      cleanup()
      child.kill('SIGKILL')
      reject(err)
    }
    child.once('exit', onExit)
  })
}

function stopChild(child: ChildProcess, graceMs = 15_000): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode)
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
    child.kill('SIGTERM')
  })
}

function memberKey(): string {
  return randomBytes(24).toString('base64url')
}

export interface OursOptions {
  /** Reuse a data directory (restart on the same storage); a fresh temp dir otherwise. */
  dataDir?: string
  env?: Record<string, string>
  /** Extra Node flags (e.g. `--cpu-prof` to see where the server's time goes). */
  nodeArgs?: string[]
}

const SERVER_BUNDLE = join(ROOT, 'dist-server', 'main.mjs')

/**
 * BENCH_SERVER_CPUS=1 with `taskset -c 0 npm run bench …`: both servers run pinned to the
 * given cores (taskset execs node, so the pid read for CPU and RSS is the server's) and the
 * load generator, which inherits the bench's affinity, stays on the other.
 */
function serverCommand(args: string[]): [string, string[]] {
  const cpus = process.env.BENCH_SERVER_CPUS
  return cpus ? ['taskset', ['-c', cpus, process.execPath, ...args]] : [process.execPath, args]
}

/** What ships is the bundle (`scripts/build-server.mjs`); rebuilt when a source is newer. */
function ensureServerBundle(): void {
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs'), '--if-stale'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
  if (built.status !== 0) throw new Error(`building the server bundle failed:\n${built.stderr}`)
}

/** Starts our server as shipped, plus `env` overrides (which the report lists). */
export async function startOurs(options: OursOptions = {}): Promise<BenchTarget> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'cb-bench-'))
  const env = options.env ?? {}
  // BENCH_OURS_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof": profile the server of a run.
  const extraArgs = options.nodeArgs ?? process.env.BENCH_OURS_NODE_ARGS?.split(' ').filter(Boolean) ?? []
  ensureServerBundle()
  const [command, args] = serverCommand([...extraArgs, '--enable-source-maps', SERVER_BUNDLE])
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: '0', HOST, DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const tail = new OutputTail(child)
  const port = await waitForLine(
    child,
    tail,
    (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: unknown; port?: unknown }
        return entry.msg === 'listening' && typeof entry.port === 'number' ? entry.port : null
      } catch {
        return null
      }
    },
    'our server',
  )
  const base = `http://${HOST}:${port}`
  return {
    kind: 'ours',
    pid: child.pid ?? -1,
    port,
    dataDir,
    env,
    async createRoom() {
      const res = await fetch(`${base}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'bench' }),
      })
      if (res.status !== 201) throw new Error(`POST /api/workshops → ${res.status} ${await res.text()}`)
      const body = (await res.json()) as { id: string; links: { participant: string } }
      const token = new URLSearchParams(new URL(body.links.participant).hash.slice(1)).get('token')
      if (!token) throw new Error(`no token in ${body.links.participant}`)
      const serverUrl = `ws://${HOST}:${port}${SYNC_PATH_PREFIX.replace(/\/$/, '')}`
      return {
        name: body.id,
        client(id, kind) {
          const params: Record<string, string> = { [SYNC_TOKEN_PARAM]: token, [SYNC_MEMBER_PARAM]: memberKey() }
          // As the app's clients do: big rooms then send them each flush deflated once (shared/bundle.ts).
          if (process.env.BENCH_BUNDLES !== '0') params[BUNDLE_PARAM] = BUNDLE_FORMAT
          return {
            id,
            kind,
            url: `${serverUrl}/${body.id}?${new URLSearchParams(params)}`,
            serverUrl,
            room: body.id,
            params,
          }
        },
      }
    },
    async loadedRooms() {
      const res = await fetch(`${base}/api/health`)
      const body = (await res.json()) as { rooms?: unknown }
      return typeof body.rooms === 'number' ? body.rooms : null
    },
    stop: () => stopChild(child),
    tail: () => tail.text(),
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, HOST, () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

let referenceRooms = 0

/** Starts `@y/websocket-server`'s own server script, in memory (no YPERSISTENCE, no callback). */
export async function startReference(): Promise<BenchTarget> {
  const pkg = createRequire(import.meta.url).resolve('@y/websocket-server/package.json')
  const script = join(dirname(pkg), 'src', 'server.js')
  const env: Record<string, string | undefined> = { ...process.env, HOST }
  delete env.YPERSISTENCE
  delete env.CALLBACK_URL
  // Its script prints `port 0` when given 0, so it gets a port we picked (free a moment ago).
  for (let attempt = 0; ; attempt++) {
    const port = await freePort()
    const [command, args] = serverCommand([script])
    const child = spawn(command, args, {
      cwd: ROOT,
      env: { ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    const tail = new OutputTail(child)
    try {
      await waitForLine(child, tail, (line) => (line.includes('running at') ? true : null), 'reference server')
    } catch (err) {
      if (attempt < 3) continue
      throw err
    }
    const serverUrl = `ws://${HOST}:${port}`
    return {
      kind: 'reference',
      pid: child.pid ?? -1,
      port,
      dataDir: null,
      env: {},
      async createRoom() {
        const name = `bench-${process.pid}-${++referenceRooms}`
        return {
          name,
          client: (id, kind) => ({ id, kind, url: `${serverUrl}/${name}`, serverUrl, room: name, params: {} }),
        }
      },
      loadedRooms: async () => null,
      stop: () => stopChild(child),
      tail: () => tail.text(),
    }
  }
}

/**
 * Starts both servers at once (startup is mostly waiting on the TypeScript loader); a
 * scenario awaits each when its turn comes and calls `stopBoth` when done.
 */
export function startBoth(options: OursOptions = {}): Record<TargetKind, Promise<BenchTarget>> {
  const both = { ours: startOurs(options), reference: startReference() }
  for (const p of Object.values(both)) p.catch(() => {})
  return both
}

/** Stops (idempotently) whatever `startBoth` started, and removes our data directory. */
export async function stopBoth(both: Record<TargetKind, Promise<BenchTarget>>): Promise<void> {
  for (const p of Object.values(both)) {
    const target = await p.catch(() => null)
    if (!target) continue
    await target.stop()
    removeDir(target.dataDir)
  }
}

export function startTarget(kind: TargetKind, options: OursOptions = {}): Promise<BenchTarget> {
  return kind === 'ours' ? startOurs(options) : startReference()
}

/** Total size of the files in a directory (the SQLite database, its WAL and shared memory). */
export function directoryBytes(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    total += entry.isDirectory() ? directoryBytes(path) : statSync(path).size
  }
  return total
}

export function removeDir(dir: string | null): void {
  if (dir) rmSync(dir, { recursive: true, force: true })
}
