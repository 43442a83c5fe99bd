import type Database from 'better-sqlite3'
import { isSqliteForeignKeyError } from '../sqliteErrors'
import { UnknownWorkshopError } from '../Storage'
import { checkpointInfo, storedCheckpoint, type CheckpointRow, type CheckpointStore } from './port'

/**
 * Checkpoints on SQLite, on the storage's own connection: rows cascade from `workshops`, so
 * deleting a workshop deletes its checkpoints. The table is created by the migrations
 * (`sqliteMigrations.ts`).
 */
export function sqliteCheckpoints(db: Database.Database): CheckpointStore {
  const q = {
    insertCheckpoint: db.prepare(
      `INSERT INTO checkpoints (id, workshop_id, name, author, created_at, automatic, doc_state, control_json)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    listCheckpoints: db.prepare<[string], CheckpointRow>(
      `SELECT id, workshop_id, name, author, created_at, automatic FROM checkpoints
       WHERE workshop_id = ? ORDER BY created_at DESC, rowid DESC`,
    ),
    getCheckpoint: db.prepare<[string, string], CheckpointRow & { doc_state: Buffer; control_json: string }>(
      'SELECT * FROM checkpoints WHERE workshop_id = ? AND id = ?',
    ),
    deleteCheckpoint: db.prepare('DELETE FROM checkpoints WHERE workshop_id = ? AND id = ?'),
  }

  return {
    async saveCheckpoint(c) {
      try {
        q.insertCheckpoint.run(
          c.id,
          c.workshopId,
          c.name,
          c.author,
          c.createdAt,
          c.automatic ? 1 : 0,
          Buffer.from(c.docState),
          JSON.stringify(c.control),
        )
      } catch (err) {
        if (isSqliteForeignKeyError(err)) throw new UnknownWorkshopError(c.workshopId)
        throw err
      }
    },
    async listCheckpoints(workshopId) {
      return q.listCheckpoints.all(workshopId).map(checkpointInfo)
    },
    async getCheckpoint(workshopId, checkpointId) {
      const row = q.getCheckpoint.get(workshopId, checkpointId)
      if (!row) return null
      return storedCheckpoint(row)
    },
    async deleteCheckpoint(workshopId, checkpointId) {
      return q.deleteCheckpoint.run(workshopId, checkpointId).changes > 0
    },
  }
}
