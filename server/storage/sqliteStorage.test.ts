import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
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
