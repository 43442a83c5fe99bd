import { singleProcessControl } from './singleProcess'
import Database from 'better-sqlite3'
import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import type { Role } from '../../shared/protocol'
import type { Locale, TemplateId, WorkshopMeta } from '../../shared/workshop'
import { sqliteCheckpoints } from './sqliteCheckpoints'
import { migrateSqlite } from './sqliteMigrations'
import { openSqliteSpaceStorage } from './spaces/sqlite'
import { UnknownWorkshopError, type Storage, type StoredDoc } from './Storage'

/** File name of the database inside `DATA_DIR`. */
export const DATABASE_FILE = 'coalition.db'

interface WorkshopRow {
  id: string
  title: string
  coalition: string
  template: string
  locale: string
  created_at: number
}

function toMeta(row: WorkshopRow): WorkshopMeta {
  return {
    id: row.id,
    title: row.title,
    coalition: row.coalition,
    template: row.template as TemplateId,
    locale: row.locale as Locale,
    createdAt: row.created_at,
  }
}

const bytes = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength)

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
    insertWorkshop: db.prepare(
      'INSERT INTO workshops (id, title, coalition, template, locale, created_at) VALUES (?, ?, ?, ?, ?, ?)',
    ),
    insertToken: db.prepare('INSERT INTO tokens (hash, workshop_id, role) VALUES (?, ?, ?)'),
    getWorkshop: db.prepare<[string], WorkshopRow>('SELECT * FROM workshops WHERE id = ?'),
    renameTitle: db.prepare('UPDATE workshops SET title = ? WHERE id = ?'),
    renameCoalition: db.prepare('UPDATE workshops SET coalition = ? WHERE id = ?'),
    getTokens: db.prepare<[string], { hash: Buffer; role: string }>(
      'SELECT hash, role FROM tokens WHERE workshop_id = ?',
    ),
    deleteWorkshop: db.prepare('DELETE FROM workshops WHERE id = ?'),
    deleteRoleTokens: db.prepare('DELETE FROM tokens WHERE workshop_id = ? AND role = ?'),
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
    getControl: db.prepare<[string], { section: string; json: string }>(
      'SELECT section, json FROM control_state WHERE workshop_id = ?',
    ),
    upsertControl: db.prepare(
      `INSERT INTO control_state (workshop_id, section, json) VALUES (?, ?, ?)
       ON CONFLICT(workshop_id, section) DO UPDATE SET json = excluded.json`,
    ),
    exists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM workshops WHERE id = ?'),
  }

  const requireWorkshop = (id: string): void => {
    if (!q.exists.get(id)) throw new UnknownWorkshopError(id)
  }

  const replaceRoleTokens = db.transaction(
    (workshopId: string, tokens: readonly { hash: Uint8Array; role: Role }[]) => {
      if (!q.getWorkshop.get(workshopId)) throw new UnknownWorkshopError(workshopId)
      for (const role of new Set(tokens.map((t) => t.role))) q.deleteRoleTokens.run(workshopId, role)
      for (const t of tokens) q.insertToken.run(Buffer.from(t.hash), workshopId, t.role)
    },
  )
  const createWorkshop = db.transaction((meta: WorkshopMeta, tokens: readonly { hash: Uint8Array; role: Role }[]) => {
    q.insertWorkshop.run(meta.id, meta.title, meta.coalition, meta.template, meta.locale, meta.createdAt)
    for (const t of tokens) q.insertToken.run(Buffer.from(t.hash), meta.id, t.role)
  })
  const compact = db.transaction((workshopId: string, snapshot: Uint8Array, uptoSeq: number) => {
    requireWorkshop(workshopId)
    q.upsertSnapshot.run(workshopId, Buffer.from(snapshot), uptoSeq)
    q.deleteFolded.run(workshopId, uptoSeq)
  })
  const loadDoc = db.transaction((workshopId: string): StoredDoc => {
    const snap = q.getSnapshot.get(workshopId)
    const rows = q.getUpdates.all(workshopId)
    return {
      snapshot: snap ? bytes(snap.data) : null,
      updates: rows.map((r) => bytes(r.data)),
      lastSeq: rows.at(-1)?.seq ?? snap?.upto_seq ?? 0,
    }
  })

  // Checkpoints, participants and imports: their own tables and statements.
  const checkpoints = sqliteCheckpoints(db, createWorkshop)
  // Programme spaces: their own tables and statements (server/spaces).
  const spaces = openSqliteSpaceStorage(db)

  const storage: Omit<Storage, 'updateControl' | 'loadState'> = {
    ...checkpoints,
    ...spaces,
    async createWorkshop(meta, tokens) {
      createWorkshop(meta, tokens)
    },
    async getWorkshop(id) {
      const row = q.getWorkshop.get(id)
      return row ? toMeta(row) : null
    },
    async updateWorkshop(id, patch) {
      requireWorkshop(id)
      if (patch.title !== undefined) q.renameTitle.run(patch.title, id)
      if (patch.coalition !== undefined) q.renameCoalition.run(patch.coalition, id)
    },
    async replaceRoleTokens(workshopId, tokens) {
      replaceRoleTokens(workshopId, tokens)
    },
    async getTokens(workshopId) {
      return q.getTokens.all(workshopId).map((r) => ({ hash: bytes(r.hash), role: r.role as Role }))
    },
    async deleteWorkshop(id) {
      const deleted = q.deleteWorkshop.run(id).changes > 0
      // The WAL still holds the pages as they were before the delete until a checkpoint
      // copies the new ones over and truncates it: do it now, not at the next autocheckpoint.
      if (deleted) db.pragma('wal_checkpoint(TRUNCATE)')
      return deleted
    },
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
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
          throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },
    async compact(workshopId, snapshot, uptoSeq) {
      compact(workshopId, snapshot, uptoSeq)
    },
    async loadControl(workshopId) {
      const out: Record<string, unknown> = {}
      for (const row of q.getControl.all(workshopId)) out[row.section] = JSON.parse(row.json)
      return out
    },
    async saveControl(workshopId, section, state) {
      try {
        q.upsertControl.run(workshopId, section, JSON.stringify(state))
      } catch (err) {
        if ((err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY')
          throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },
    async close() {
      if (db.open) db.close()
    },
  }
  return { ...storage, ...singleProcessControl(storage) }
}
