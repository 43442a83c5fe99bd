import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import pg from 'pg'
import * as Y from 'yjs'
import { startPostgres, type TestPostgres } from '../../../tests/helpers/postgres'
import { waitFor } from '../../../tests/helpers/server'
import { CLUSTER_CHANNEL } from '../../cluster/messages'
import type { Storage } from '../Storage'
import { describeStorageContract } from '../storage.contract'
import { openPostgresStorage } from './postgresStorage'
import { MIGRATIONS } from './schema'

// A real PostgreSQL (initdb into a temp dir), never a mock; a fresh database per test.
// Not found → this file fails with the helper's message on how to install it.
// Bounds for a loaded shared machine (a database per test, a server to start): not speed claims.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 })
let server: TestPostgres
let databases = 0
beforeAll(async () => {
  server = await startPostgres()
}, 60_000)
afterAll(async () => {
  await server?.stop()
}, 30_000)

async function freshDatabase(): Promise<string> {
  databases += 1
  return server.createDatabase(`contract_${databases}`)
}

describeStorageContract(
  'postgres',
  async () => {
    const url = await freshDatabase()
    let storage = await openPostgresStorage({ connectionString: url })
    return {
      storage,
      reopen: async () => {
        await storage.close()
        storage = await openPostgresStorage({ connectionString: url })
        return storage
      },
      cleanup: async () => {
        await storage.close()
      },
    }
  },
  { durable: true },
)

const meta = (id: string) => ({
  id,
  title: 'Atelier',
  coalition: '',
  template: 'blank' as const,
  locale: 'fr' as const,
  createdAt: 1,
})

describe('postgres storage: schema', () => {
  it('creates the schema once, even when two servers open a new database together', async () => {
    const url = await freshDatabase()
    const [a, b] = await Promise.all([
      openPostgresStorage({ connectionString: url }),
      openPostgresStorage({ connectionString: url }),
    ])
    const c = await openPostgresStorage({ connectionString: url })
    const client = new pg.Client({ connectionString: url })
    await client.connect()
    try {
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations ORDER BY version')
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version))
      // A schema newer than this server knows is refused, not used.
      await client.query("INSERT INTO schema_migrations (version, name) VALUES (999, 'from the future')")
      await expect(openPostgresStorage({ connectionString: url })).rejects.toThrow(/version 999/)
    } finally {
      await client.end()
      await Promise.all([a.close(), b.close(), c.close()])
    }
  })

  it('rejects when the database cannot be reached', async () => {
    const url = server.url('no_such_database')
    await expect(openPostgresStorage({ connectionString: url })).rejects.toThrow(/no_such_database/)
  })
})

describe('postgres storage: two servers on one workshop', () => {
  /**
   * A server's room (one per workshop per process, like `Rooms`): its document loaded from
   * storage, its own edits appended, compacting what it holds.
   */
  async function room(storage: Storage, workshopId: string) {
    const doc = new Y.Doc()
    const loaded = await storage.loadDoc(workshopId)
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot)
    for (const u of loaded.updates) Y.applyUpdate(doc, u)
    let lastSeq = loaded.lastSeq
    return {
      doc,
      async edit(key: string): Promise<void> {
        const before = Y.encodeStateVector(doc)
        doc.getMap('m').set(key, key)
        lastSeq = await storage.appendUpdate(workshopId, Y.encodeStateAsUpdate(doc, before))
      },
      compact: () => storage.compact(workshopId, Y.encodeStateAsUpdate(doc), lastSeq),
    }
  }

  async function stored(storage: Storage, workshopId: string): Promise<string[]> {
    const { snapshot, updates } = await storage.loadDoc(workshopId)
    const doc = new Y.Doc()
    if (snapshot) Y.applyUpdate(doc, snapshot)
    for (const u of updates) Y.applyUpdate(doc, u)
    return Object.keys(doc.getMap('m').toJSON()).sort()
  }

  it('loses no control update when two servers change one section at once, and announces each version', async () => {
    const url = await freshDatabase()
    const one = await openPostgresStorage({ connectionString: url })
    const two = await openPostgresStorage({ connectionString: url })
    const listener = new pg.Client({ connectionString: url })
    await listener.connect()
    const heard: string[] = []
    listener.on('notification', (n) => heard.push(n.payload ?? ''))
    await listener.query(`LISTEN ${CLUSTER_CHANNEL}`)
    try {
      await one.createWorkshop(meta('w-control'), [])
      // Each adds its own entries to a list: a lost update would drop some.
      const add = (s: typeof one, item: string) =>
        s.updateControl('w-control', 'compass', (stored) => ({
          items: [...((stored?.state as { items: string[] } | undefined)?.items ?? []), item],
        }))
      const versions = await Promise.all(
        Array.from({ length: 20 }, (_, i) => add(i % 2 === 0 ? one : two, `item-${i}`)),
      )
      const { items } = (await one.loadControl('w-control')).compass as { items: string[] }
      expect([...items].sort()).toEqual(Array.from({ length: 20 }, (_, i) => `item-${i}`).sort())
      expect([...versions].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1))
      await waitFor(() => heard.filter((p) => p.includes('"k":"c"')).length === 20)
    } finally {
      await listener.end()
      await one.close()
      await two.close()
    }
  })

  it('keeps what a compaction took from another server when the same server compacts again', async () => {
    const url = await freshDatabase()
    const one = await openPostgresStorage({ connectionString: url })
    const two = await openPostgresStorage({ connectionString: url })
    try {
      await one.createWorkshop(meta('w-twice'), [])
      const a = await room(one, 'w-twice')
      const b = await room(two, 'w-twice')
      await a.edit('a1')
      await b.edit('b1')
      await b.compact() // takes a1's row into the snapshot; b's document still lacks a1
      await b.edit('b2')
      await b.compact() // must merge that snapshot again, not replace it with b's document
      expect(await stored(one, 'w-twice')).toEqual(['a1', 'b1', 'b2'])
    } finally {
      await one.close()
      await two.close()
    }
  })

  it('loses no update when both append and compact the same workshop', async () => {
    const url = await freshDatabase()
    const one = await openPostgresStorage({ connectionString: url })
    const two = await openPostgresStorage({ connectionString: url })
    try {
      await one.createWorkshop(meta('w-shared'), [])
      const a = await room(one, 'w-shared')
      const b = await room(two, 'w-shared')
      await a.edit('a1')
      await b.edit('b1') // a never sees it
      await a.edit('a2') // a's last seq is past b1's row
      await a.compact()
      expect(await stored(two, 'w-shared')).toEqual(['a1', 'a2', 'b1'])
      await b.edit('b2')
      await b.compact() // b's document lacks a1, a2: the snapshot a left is merged
      expect(await stored(one, 'w-shared')).toEqual(['a1', 'a2', 'b1', 'b2'])

      // Interleaved in parallel, compacting often, over several rounds of new rooms (the
      // previous ones unloaded, the new ones loading what is stored): nothing written is lost.
      const written: string[] = ['a1', 'a2', 'b1', 'b2']
      for (let round = 0; round < 4; round++) {
        const rooms = [await room(one, 'w-shared'), await room(two, 'w-shared')]
        await Promise.all(
          rooms.map(async (r, i) => {
            for (let n = 0; n < 20; n++) {
              const key = `${round}-r${i}-${n}`
              written.push(key)
              await r.edit(key)
              if (n % 3 === i) await r.compact()
            }
          }),
        )
        expect(await stored(round % 2 === 0 ? one : two, 'w-shared')).toEqual([...written].sort())
      }
    } finally {
      await one.close()
      await two.close()
    }
  })
})
