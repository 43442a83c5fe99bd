import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '../../server/storage/sqliteStorage'
import { startPostgres, type TestPostgres } from '../helpers/postgres'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'
import { noteShape } from '../helpers/records'

/**
 * The real server on a real PostgreSQL (DATABASE_URL): what peers saw survives `kill -9`
 * and a restart on the same database (and an empty DATA_DIR), and two server processes on
 * one database, each serving its workshop, both persist. PostgreSQL missing → this fails
 * with the helper's message (never skipped).
 */

/** Three to four server starts per test on a shared 2-core machine: a bound, not a speed claim. */
const SERVER_TEST_MS = 150_000

let postgres: TestPostgres
let databases = 0
const servers: TestServer[] = []
const clients: TestClient[] = []

beforeAll(async () => {
  postgres = await startPostgres()
})
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0).reverse()) await s.stop()
})
afterAll(async () => {
  await postgres?.stop()
})

async function freshDatabase(): Promise<string> {
  databases += 1
  return postgres.createDatabase(`server_${databases}`)
}

async function start(databaseUrl: string): Promise<TestServer> {
  const s = await startServer({ env: { DATABASE_URL: databaseUrl } })
  servers.push(s)
  return s
}

function client(server: TestServer, id: string, token: string): TestClient {
  const c = connectClient(server.url, id, token)
  clients.push(c)
  return c
}

async function dropClients(): Promise<void> {
  for (const c of clients.splice(0)) c.destroy()
}

const note = (id: string, text: string) => noteShape(id, text)

async function query<T extends pg.QueryResultRow>(url: string, sql: string, values: unknown[]): Promise<T[]> {
  const c = new pg.Client({ connectionString: url })
  await c.connect()
  try {
    return (await c.query<T>(sql, values)).rows
  } finally {
    await c.end()
  }
}

describe('server on PostgreSQL', () => {
  it(
    'keeps what two editors wrote across kill -9 and a restart on the same database',
    async () => {
      const url = await freshDatabase()
      const first = await start(url)
      expect(first.output()).toContain('"storage":"postgres"')
      expect(first.output()).not.toContain(url) // host and database only, no credentials
      const w = await createWorkshop(first.url, { title: 'Atelier PostgreSQL' })
      const alice = client(first, w.id, w.tokens.participant)
      const bob = client(first, w.id, w.tokens.facilitator)
      await waitFor(() => alice.provider.synced && bob.provider.synced, 10_000, 'sync')
      // Big notes pass the 1 MB log threshold: the room compacts into a snapshot on the way.
      const big = 'é'.repeat(60_000)
      for (let i = 0; i < 12; i++) alice.kv.set(`shape:a${i}`, note(`shape:a${i}`, `${i}${big}`))
      for (let i = 0; i < 12; i++) bob.kv.set(`shape:b${i}`, note(`shape:b${i}`, `bob ${i}`))
      // Each seeing the other's last edit means the server stored both before relaying.
      await waitFor(() => alice.kv.has('shape:b11') && bob.kv.has('shape:a11'), 20_000, 'both see each other')
      await waitFor(
        async () => (await query(url, 'SELECT 1 FROM doc_snapshots WHERE workshop_id = $1', [w.id])).length > 0,
        20_000,
        'compaction',
      )

      await first.kill()
      await dropClients()
      // Nothing went to SQLite.
      expect(existsSync(join(first.dataDir, DATABASE_FILE))).toBe(false)

      const second = await start(url) // a new, empty DATA_DIR: everything comes from PostgreSQL
      const reader = client(second, w.id, w.tokens.viewer)
      await waitFor(
        () => reader.provider.synced && reader.kv.has('shape:b11') && reader.kv.has('shape:a11'),
        20_000,
        'state after restart',
      )
      for (let i = 0; i < 12; i++) {
        expect(reader.kv.get(`shape:a${i}`)).toEqual(note(`shape:a${i}`, `${i}${big}`))
        expect(reader.kv.get(`shape:b${i}`)).toEqual(note(`shape:b${i}`, `bob ${i}`))
      }
      const res = await fetch(`${second.url}/api/workshops/${w.id}`, {
        headers: { authorization: `Bearer ${w.tokens.facilitator}` },
      })
      expect(res.status).toBe(200)
      expect(JSON.stringify(await res.json())).toContain('Atelier PostgreSQL')
    },
    SERVER_TEST_MS,
  )

  it(
    'lets two server processes on one database each serve and persist their own workshop',
    async () => {
      const url = await freshDatabase()
      const [one, two] = await Promise.all([start(url), start(url)]) // both create the schema at once
      const w1 = await createWorkshop(one.url, { title: 'Atelier un' })
      const w2 = await createWorkshop(two.url, { title: 'Atelier deux' })
      const writers = [client(one, w1.id, w1.tokens.participant), client(two, w2.id, w2.tokens.participant)]
      const watchers = [client(one, w1.id, w1.tokens.viewer), client(two, w2.id, w2.tokens.viewer)]
      await waitFor(() => [...writers, ...watchers].every((c) => c.provider.synced), 10_000, 'sync')
      for (let i = 0; i < 30; i++) {
        writers[0].kv.set(`shape:one${i}`, note(`shape:one${i}`, `un ${i}`))
        writers[1].kv.set(`shape:two${i}`, note(`shape:two${i}`, `deux ${i}`))
      }
      await waitFor(() => watchers[0].kv.has('shape:one29') && watchers[1].kv.has('shape:two29'), 20_000, 'relayed')

      await Promise.all([one.kill(), two.kill()])
      await dropClients()

      const third = await start(url)
      const readers = [client(third, w1.id, w1.tokens.viewer), client(third, w2.id, w2.tokens.viewer)]
      await waitFor(
        () => readers[0].kv.has('shape:one29') && readers[1].kv.has('shape:two29'),
        20_000,
        'state after restart',
      )
      for (let i = 0; i < 30; i++) {
        expect(readers[0].kv.get(`shape:one${i}`)).toEqual(note(`shape:one${i}`, `un ${i}`))
        expect(readers[1].kv.get(`shape:two${i}`)).toEqual(note(`shape:two${i}`, `deux ${i}`))
      }
      // Each board holds only its own shapes.
      expect(readers[0].kv.has('shape:two0')).toBe(false)
      expect(readers[1].kv.has('shape:one0')).toBe(false)
      const migrations = await query<{ n: string }>(url, 'SELECT count(*) AS n FROM schema_migrations', [])
      expect(Number(migrations[0].n)).toBeGreaterThan(0)
      // A graceful stop saves the rooms and ends the pool without error.
      await third.stop()
      expect(third.output()).toContain('"msg":"stopped"')
      expect(third.output()).not.toContain('"level":50')
    },
    SERVER_TEST_MS,
  )

  it(
    'loses nothing when two servers hold the same workshop at once (a proxy changing its list) and both compact',
    async () => {
      const url = await freshDatabase()
      const [one, two] = await Promise.all([start(url), start(url)])
      const w = await createWorkshop(one.url, { title: 'Atelier partagé' })
      const onOne = client(one, w.id, w.tokens.participant)
      const onTwo = client(two, w.id, w.tokens.participant)
      const watchOne = client(one, w.id, w.tokens.viewer)
      const watchTwo = client(two, w.id, w.tokens.viewer)
      await waitFor(() => [onOne, onTwo, watchOne, watchTwo].every((c) => c.provider.synced), 10_000, 'sync')
      // Over 1 MB from each side: both rooms compact, each folding rows the other wrote.
      const big = 'x'.repeat(100_000)
      for (let i = 0; i < 12; i++) {
        onOne.kv.set(`shape:one${i}`, note(`shape:one${i}`, `${i}${big}`))
        onTwo.kv.set(`shape:two${i}`, note(`shape:two${i}`, `${i}${big}`))
      }
      await waitFor(
        () => watchOne.kv.has('shape:one11') && watchTwo.kv.has('shape:two11'),
        20_000,
        'each server stored its side',
      )
      await waitFor(
        async () => (await query(url, 'SELECT 1 FROM doc_snapshots WHERE workshop_id = $1', [w.id])).length > 0,
        20_000,
        'compaction',
      )

      await Promise.all([one.kill(), two.kill()])
      await dropClients()
      const third = await start(url)
      const reader = client(third, w.id, w.tokens.viewer)
      await waitFor(() => reader.kv.has('shape:one11') && reader.kv.has('shape:two11'), 20_000, 'state after restart')
      for (let i = 0; i < 12; i++) {
        expect(reader.kv.get(`shape:one${i}`)).toEqual(note(`shape:one${i}`, `${i}${big}`))
        expect(reader.kv.get(`shape:two${i}`)).toEqual(note(`shape:two${i}`, `${i}${big}`))
      }
    },
    SERVER_TEST_MS,
  )

  it(
    'keeps npm run backup to SQLite: with DATABASE_URL it refuses and names pg_dump',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'coalition-pg-backup-'))
      try {
        const target = join(dir, 'copy.db')
        const root = fileURLToPath(new URL('../..', import.meta.url))
        const run = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'server', 'cli', 'backup.ts'), target], {
          cwd: root,
          env: { ...process.env, DATABASE_URL: postgres.url(), DATA_DIR: dir },
          encoding: 'utf8',
          timeout: 60_000,
        })
        expect(run.status).toBe(1)
        expect(run.stderr).toContain('pg_dump')
        expect(existsSync(target)).toBe(false)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    },
    SERVER_TEST_MS,
  )
})
