import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { sqliteCheckpoints } from './checkpoints/sqlite'
import { sqliteControl } from './controlState/sqlite'
import { sqliteDocumentLog } from './documentLog/sqlite'
import { singleProcessLoadState } from './singleProcess'
import { openSqliteSpaceStorage } from './spaces/sqlite'
import { migrateSqlite } from './sqliteMigrations'
import type { Storage } from './Storage'
import { sqliteWorkshops } from './workshops/sqlite'

/** File name of the database inside `DATA_DIR`. */
export const DATABASE_FILE = 'coalition.db'

/**
 * The embedded storage: one SQLite file, WAL journal with `synchronous = NORMAL` (a commit
 * survives the process being killed; only a power cut may lose the last transactions).
 * better-sqlite3 is synchronous, so every method is done when its promise is created.
 */
export function openSqliteStorage(file: string): Storage {
  mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  db.pragma('busy_timeout = 5000')
  // A deleted workshop must not linger in the file: freed pages are zeroed (the cost is a
  // write per freed page, mostly on compaction, which deletes log rows it just merged).
  db.pragma('secure_delete = ON')
  // The schema, created or brought up to date (sqliteMigrations.ts) before anything else
  // touches the file: a file from a newer server is refused as it was found. Foreign keys
  // are turned on after, as SQLite advises for schema changes.
  try {
    migrateSqlite(db)
  } catch (err) {
    db.close()
    throw err
  }
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.pragma('foreign_keys = ON')

  // Each port's own tables and statements, on this one connection.
  const storage: Omit<Storage, 'loadState'> = {
    ...sqliteWorkshops(db),
    ...sqliteDocumentLog(db),
    ...sqliteCheckpoints(db),
    ...openSqliteSpaceStorage(db),
    ...sqliteControl(db),
    async close() {
      if (db.open) db.close()
    },
  }
  return { ...storage, loadState: singleProcessLoadState(storage) }
}
