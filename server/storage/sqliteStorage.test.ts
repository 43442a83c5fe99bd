import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { DATABASE_FILE, openSqliteStorage } from './sqliteStorage'
import { describeStorageContract } from './storage.contract'

describeStorageContract(
  'sqlite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coalition-sqlite-'))
    const file = join(dir, DATABASE_FILE)
    let storage = openSqliteStorage(file)
    return {
      storage,
      reopen: async () => {
        await storage.close()
        storage = openSqliteStorage(file)
        return storage
      },
      cleanup: async () => {
        await storage.close()
        rmSync(dir, { recursive: true, force: true })
      },
    }
  },
  { durable: true },
)

describe('sqlite storage: deleting a workshop', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'coalition-sqlite-delete-'))
  })
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true })
  })

  /** Everything SQLite keeps on disk for this database: the file, its WAL and shared memory. */
  function rawBytes(file: string): Buffer {
    return Buffer.concat([file, `${file}-wal`, `${file}-shm`].filter(existsSync).map((f) => readFileSync(f)))
  }

  it('leaves none of its words in the database files', async () => {
    const file = join(dir, DATABASE_FILE)
    const storage = openSqliteStorage(file)
    const secret = 'Plan confidentiel de la coalition Zéphyr-4271'
    const keeper = 'Atelier gardé Orion-9913'
    const hash = () => new Uint8Array(32).map(() => Math.floor(Math.random() * 256))
    const tokens = (['facilitator', 'participant', 'viewer'] as const).map((role) => ({ role, hash: hash() }))
    const meta = (id: string, title: string) => ({
      id,
      title,
      coalition: title,
      template: 'blank' as const,
      locale: 'fr' as const,
      createdAt: 1,
    })
    await storage.createWorkshop(meta('w-secret-1', secret), tokens)
    await storage.createWorkshop(
      meta('w-keeper-1', keeper),
      tokens.map((t) => ({ ...t, hash: hash() })),
    )
    const doc = new Y.Doc()
    doc.getArray<string>('notes').push([secret.repeat(50)])
    await storage.appendUpdate('w-secret-1', Y.encodeStateAsUpdate(doc))
    await storage.saveControl('w-secret-1', 'meta', { title: secret })
    // Positive control: the words are on disk before the delete.
    expect(rawBytes(file).includes(Buffer.from(secret))).toBe(true)

    expect(await storage.deleteWorkshop('w-secret-1')).toBe(true)
    expect(rawBytes(file).includes(Buffer.from(secret))).toBe(false)
    await storage.close()
    expect(rawBytes(file).includes(Buffer.from(secret))).toBe(false)
    expect(rawBytes(file).includes(Buffer.from(keeper))).toBe(true)
  })
})
