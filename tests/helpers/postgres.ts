import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'

/**
 * A throw-away PostgreSQL server for tests: `initdb` into a temp dir, `postgres` on a free
 * port of 127.0.0.1 (its socket dir inside the temp dir, fsync off), stopped and removed by
 * `stop()`. No mocks: the storage contract and the integration tests run against it.
 *
 * PostgreSQL refuses to run as root: then the binaries run as the `postgres` user (spawned
 * with its uid/gid, the temp dir owned by it). Binaries: `PG_BIN`, else
 * `pg_config --bindir`, else `/usr/lib/postgresql/<newest>/bin`, else `/usr/local/bin`.
 * Nothing found → the test fails with a message saying how to install it (never a skip).
 */

const START_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 10_000

export interface TestPostgres {
  port: number
  /** The postmaster's process id (its backends are its children: benchmarks read their CPU). */
  pid: number
  /** `postgres://postgres@127.0.0.1:<port>/<database>` (trust authentication). */
  url(database?: string): string
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>
  /** Everything the server printed (for failure messages). */
  output(): string
  /** Fast shutdown, then the temp dir removed. Idempotent. */
  stop(): Promise<void>
}

/** Where initdb and postgres are, or a readable error. */
export function findPostgresBin(): string {
  const has = (dir: string): boolean => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'postgres'))
  const fromEnv = process.env.PG_BIN
  if (fromEnv) {
    if (has(fromEnv)) return fromEnv
    throw new Error(`PG_BIN=${fromEnv} holds no initdb/postgres`)
  }
  const candidates: string[] = []
  try {
    candidates.push(
      execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    )
  } catch {
    // no pg_config on PATH: look in Debian's folders
  }
  const debian = '/usr/lib/postgresql'
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a))
    candidates.push(...versions.map((v) => join(debian, v, 'bin')))
  }
  candidates.push('/usr/local/bin')
  const found = candidates.find(has)
  if (found) return found
  throw new Error(
    'PostgreSQL not found (looked at PG_BIN, pg_config --bindir, /usr/lib/postgresql/*/bin, /usr/local/bin). ' +
      'Install it (Debian: apt-get install -y postgresql; .ci/run does) or set PG_BIN to the folder holding initdb and postgres.',
  )
}

/** The uid/gid to run as: ourselves, or the `postgres` user when we are root. */
function runAs(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((l) => l.startsWith('postgres:'))
  if (!line)
    throw new Error(
      'running as root and there is no `postgres` user to run PostgreSQL as (apt-get install postgresql creates it)',
    )
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function run(bin: string, args: string[], user: { uid: number; gid: number } | null): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(user ?? {}),
      env: { ...process.env, LC_ALL: 'C' },
    })
    let out = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (out += c.toString()))
    child.once('error', reject)
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${bin} exited with ${code}:\n${out}`))))
  })
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SELECT 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** Starts a fresh server; call `stop()` in `afterAll`. */
export async function startPostgres(): Promise<TestPostgres> {
  const bin = findPostgresBin()
  const user = runAs()
  const dir = mkdtempSync(join(tmpdir(), 'coalition-pg-'))
  if (user) chownSync(dir, user.uid, user.gid)
  const dataDir = join(dir, 'data')
  try {
    await run(
      join(bin, 'initdb'),
      ['-D', dataDir, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--locale=C', '--no-sync'],
      user,
    )
  } catch (err) {
    rmSync(dir, { recursive: true, force: true })
    throw err
  }

  const port = await freePort()
  const url = (database = 'postgres'): string => `postgres://postgres@127.0.0.1:${port}/${database}`
  const child = spawn(
    join(bin, 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      '-c',
      'synchronous_commit=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'max_connections=200',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'], ...(user ?? {}), env: { ...process.env, LC_ALL: 'C' } },
  )
  let output = ''
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()))
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()))
  // A test runner that dies must not leave a server behind.
  const killOnExit = (): void => {
    child.kill('SIGKILL')
  }
  process.once('exit', killOnExit)

  let stopped: Promise<void> | null = null
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      child.kill('SIGINT') // fast shutdown: rolls back open transactions, closes connections
      await waitForExit(child, STOP_TIMEOUT_MS)
      process.removeListener('exit', killOnExit)
      rmSync(dir, { recursive: true, force: true })
    })()
    return stopped
  }

  const deadline = Date.now() + START_TIMEOUT_MS
  while (!(await canConnect(url()))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`PostgreSQL did not start (${bin}, port ${port}):\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }

  return {
    port,
    pid: child.pid ?? -1,
    url,
    output: () => output,
    stop,
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`not a plain database name: ${name}`)
      const client = new pg.Client({ connectionString: url() })
      await client.connect()
      try {
        // An identifier cannot be a bound parameter; the name is checked above.
        await client.query(`CREATE DATABASE ${name}`)
      } finally {
        await client.end()
      }
      return url(name)
    },
  }
}
