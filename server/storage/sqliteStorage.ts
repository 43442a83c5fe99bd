import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { sqliteCheckpoints } from './checkpoints/sqlite'
import { sqliteControl } from './controlState/sqlite'
import { singleProcessLoadState } from './singleProcess'
import { bytesOf } from './rows'
import { openSqliteSpaceStorage } from './spaces/sqlite'
import { isSqliteForeignKeyError } from './sqliteErrors'
import { migrateSqlite } from './sqliteMigrations'
import { UnknownWorkshopError, type Storage, type StoredDoc } from './Storage'
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

  const q = {
    getSnapshot: db.prepare<[string], { data: Buffer; upto_seq: number }>(
      'SELECT data, upto_seq FROM doc_snapshots WHERE workshop_id = ?',
    ),
    getUpdates: db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE workshop_id = ? ORDER BY seq',
    ),
    appendUpdate: db.prepare('INSERT INTO doc_updates (workshop_id, data) VALUES (?, ?)'),
    upsertSnapshot: db.prepare(
      `INSERT INTO doc_snapshots (workshop_id, data, upto_seq) VALUES (?, ?, ?)
       ON CONFLICT(workshop_id) DO UPDATE SET data = excluded.data, upto_seq = max(upto_seq, excluded.upto_seq)`,
    ),
    deleteFolded: db.prepare('DELETE FROM doc_updates WHERE workshop_id = ? AND seq <= ?'),
    exists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM workshops WHERE id = ?'),
  }

  const requireWorkshop = (id: string): void => {
    if (!q.exists.get(id)) throw new UnknownWorkshopError(id)
  }

  const compact = db.transaction((workshopId: string, snapshot: Uint8Array, uptoSeq: number) => {
    requireWorkshop(workshopId)
    q.upsertSnapshot.run(workshopId, Buffer.from(snapshot), uptoSeq)
    q.deleteFolded.run(workshopId, uptoSeq)
  })
  const loadDoc = db.transaction((workshopId: string): StoredDoc => {
    const snap = q.getSnapshot.get(workshopId)
    const rows = q.getUpdates.all(workshopId)
    return {
      snapshot: snap ? bytesOf(snap.data) : null,
      updates: rows.map((r) => bytesOf(r.data)),
      lastSeq: rows.at(-1)?.seq ?? snap?.upto_seq ?? 0,
    }
  })

  // Each port's own tables and statements, on this one connection.
  const storage: Omit<Storage, 'loadState'> = {
    ...sqliteWorkshops(db),
    ...sqliteCheckpoints(db),
    ...openSqliteSpaceStorage(db),
    ...sqliteControl(db),
    async loadDoc(workshopId) {
      return loadDoc(workshopId)
    },
    async appendUpdate(workshopId, update) {
      try {
        return Number(
          q.appendUpdate.run(workshopId, Buffer.from(update.buffer, update.byteOffset, update.byteLength))
            .lastInsertRowid,
        )
      } catch (err) {
        if (isSqliteForeignKeyError(err)) throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },
    async compact(workshopId, snapshot, uptoSeq) {
      compact(workshopId, snapshot, uptoSeq)
    },
    async close() {
      if (db.open) db.close()
    },
  }
  return { ...storage, loadState: singleProcessLoadState(storage) }
}
