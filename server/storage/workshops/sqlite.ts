import type Database from 'better-sqlite3'
import type { Role } from '../../../shared/protocol'
import type { WorkshopMeta } from '../../../shared/workshop'
import { tokenOf } from '../rows'
import { isSqliteForeignKeyError } from '../sqliteErrors'
import {
  UnknownWorkshopError,
  WORKSHOP_COLUMNS,
  workshopMeta,
  type StoredToken,
  type WorkshopContent,
  type WorkshopRow,
  type WorkshopStore,
} from './port'

/**
 * Workshops on SQLite, on the storage's own connection. Foreign keys cascade from
 * `workshops`, so deleting one deletes its tokens, log, control state, participants and
 * checkpoints. The tables are created by the migrations (`sqliteMigrations.ts`).
 * better-sqlite3 is synchronous, so each method is done when its promise is created.
 */
export function sqliteWorkshops(db: Database.Database): WorkshopStore {
  const q = {
    insertWorkshop: db.prepare(`INSERT INTO workshops (${WORKSHOP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)`),
    insertToken: db.prepare('INSERT INTO tokens (hash, workshop_id, role) VALUES (?, ?, ?)'),
    getWorkshop: db.prepare<[string], WorkshopRow>(`SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE id = ?`),
    renameTitle: db.prepare('UPDATE workshops SET title = ? WHERE id = ?'),
    renameCoalition: db.prepare('UPDATE workshops SET coalition = ? WHERE id = ?'),
    getTokens: db.prepare<[string], { hash: Buffer; role: string }>(
      'SELECT hash, role FROM tokens WHERE workshop_id = ?',
    ),
    deleteWorkshop: db.prepare('DELETE FROM workshops WHERE id = ?'),
    deleteRoleTokens: db.prepare('DELETE FROM tokens WHERE workshop_id = ? AND role = ?'),
    exists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM workshops WHERE id = ?'),
    insertSnapshot: db.prepare('INSERT INTO doc_snapshots (workshop_id, data, upto_seq) VALUES (?, ?, 0)'),
    insertControl: db.prepare('INSERT INTO control_state (workshop_id, section, json) VALUES (?, ?, ?)'),
    insertParticipant: db.prepare('INSERT OR IGNORE INTO participants (workshop_id, member_id) VALUES (?, ?)'),
    insertImported: db.prepare('INSERT INTO imported_participants (workshop_id, count) VALUES (?, ?)'),
    countParticipants: db.prepare<[string, string], { n: number }>(
      `SELECT (SELECT count(*) FROM participants WHERE workshop_id = ?)
            + coalesce((SELECT count FROM imported_participants WHERE workshop_id = ?), 0) AS n`,
    ),
  }

  const requireWorkshop = (id: string): void => {
    if (!q.exists.get(id)) throw new UnknownWorkshopError(id)
  }
  const createWorkshop = db.transaction((meta: WorkshopMeta, tokens: readonly StoredToken[]) => {
    q.insertWorkshop.run(meta.id, meta.title, meta.coalition, meta.template, meta.locale, meta.createdAt)
    for (const t of tokens) q.insertToken.run(Buffer.from(t.hash), meta.id, t.role)
  })
  // The nested `createWorkshop` becomes a savepoint: one commit for all of it.
  const createWithContent = db.transaction(
    (meta: WorkshopMeta, tokens: readonly StoredToken[], content: WorkshopContent) => {
      createWorkshop(meta, tokens)
      q.insertSnapshot.run(meta.id, Buffer.from(content.docState))
      for (const [section, state] of Object.entries(content.control))
        q.insertControl.run(meta.id, section, JSON.stringify(state))
      if (content.importedParticipants > 0) q.insertImported.run(meta.id, content.importedParticipants)
    },
  )
  const replaceRoleTokens = db.transaction((workshopId: string, tokens: readonly StoredToken[]) => {
    requireWorkshop(workshopId)
    for (const role of new Set(tokens.map((t) => t.role))) q.deleteRoleTokens.run(workshopId, role)
    for (const t of tokens) q.insertToken.run(Buffer.from(t.hash), workshopId, t.role)
  })

  return {
    async createWorkshop(meta, tokens) {
      createWorkshop(meta, tokens)
    },
    async createWorkshopWithContent(meta, tokens, content) {
      createWithContent(meta, tokens, content)
    },
    async getWorkshop(id) {
      const row = q.getWorkshop.get(id)
      return row ? workshopMeta(row) : null
    },
    async updateWorkshop(id, patch) {
      requireWorkshop(id)
      if (patch.title !== undefined) q.renameTitle.run(patch.title, id)
      if (patch.coalition !== undefined) q.renameCoalition.run(patch.coalition, id)
    },
    async getTokens(workshopId) {
      return q.getTokens.all(workshopId).map(tokenOf<Role>)
    },
    async replaceRoleTokens(workshopId, tokens) {
      replaceRoleTokens(workshopId, tokens)
    },
    async deleteWorkshop(id) {
      const deleted = q.deleteWorkshop.run(id).changes > 0
      // The WAL still holds the pages as they were before the delete until a checkpoint
      // copies the new ones over and truncates it: do it now, not at the next autocheckpoint.
      if (deleted) db.pragma('wal_checkpoint(TRUNCATE)')
      return deleted
    },
    async recordParticipant(workshopId, memberId) {
      try {
        q.insertParticipant.run(workshopId, memberId)
      } catch (err) {
        if (isSqliteForeignKeyError(err)) throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },
    async countParticipants(workshopId) {
      return q.countParticipants.get(workshopId, workshopId)?.n ?? 0
    },
  }
}
