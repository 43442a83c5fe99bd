import type Database from 'better-sqlite3'
import type { WorkshopMeta } from '../../shared/workshop'
import {
  UnknownWorkshopError,
  type CheckpointInfo,
  type Storage,
  type StoredCheckpoint,
  type StoredToken,
  type WorkshopContent,
} from './Storage'

/**
 * The SQLite side of checkpoints, participants and imports (the "checkpoints" block of
 * `Storage`), kept apart from `sqliteStorage.ts` so each area edits its own file. Same
 * rules: foreign keys cascade from `workshops`, so deleting a workshop deletes these too.
 * Their tables are created by the migrations (`sqliteMigrations.ts`).
 */

type CheckpointMethods = Pick<
  Storage,
  | 'createWorkshopWithContent'
  | 'recordParticipant'
  | 'countParticipants'
  | 'saveCheckpoint'
  | 'listCheckpoints'
  | 'getCheckpoint'
  | 'deleteCheckpoint'
>

interface CheckpointRow {
  id: string
  workshop_id: string
  name: string
  author: string
  created_at: number
  automatic: number
}

function toInfo(row: CheckpointRow): CheckpointInfo {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    name: row.name,
    author: row.author,
    createdAt: row.created_at,
    automatic: row.automatic === 1,
  }
}

const blob = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength)

function isForeignKeyError(err: unknown): boolean {
  return (err as { code?: string }).code === 'SQLITE_CONSTRAINT_FOREIGNKEY'
}

/**
 * `createWorkshop` is the storage's own transaction (workshop row and tokens): the import
 * nests it (better-sqlite3 turns a nested transaction into a savepoint) so both share one
 * commit.
 */
export function sqliteCheckpoints(
  db: Database.Database,
  createWorkshop: (meta: WorkshopMeta, tokens: readonly StoredToken[]) => void,
): CheckpointMethods {
  const q = {
    insertSnapshot: db.prepare('INSERT INTO doc_snapshots (workshop_id, data, upto_seq) VALUES (?, ?, 0)'),
    insertControl: db.prepare('INSERT INTO control_state (workshop_id, section, json) VALUES (?, ?, ?)'),
    insertParticipant: db.prepare('INSERT OR IGNORE INTO participants (workshop_id, member_id) VALUES (?, ?)'),
    insertImported: db.prepare('INSERT INTO imported_participants (workshop_id, count) VALUES (?, ?)'),
    countParticipants: db.prepare<[string, string], { n: number }>(
      `SELECT (SELECT count(*) FROM participants WHERE workshop_id = ?)
            + coalesce((SELECT count FROM imported_participants WHERE workshop_id = ?), 0) AS n`,
    ),
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

  const createWithContent = db.transaction(
    (meta: WorkshopMeta, tokens: readonly StoredToken[], content: WorkshopContent) => {
      createWorkshop(meta, tokens)
      q.insertSnapshot.run(meta.id, blob(content.docState))
      for (const [section, state] of Object.entries(content.control))
        q.insertControl.run(meta.id, section, JSON.stringify(state))
      if (content.importedParticipants > 0) q.insertImported.run(meta.id, content.importedParticipants)
    },
  )

  return {
    async createWorkshopWithContent(meta, tokens, content) {
      createWithContent(meta, tokens, content)
    },
    async recordParticipant(workshopId, memberId) {
      try {
        q.insertParticipant.run(workshopId, memberId)
      } catch (err) {
        if (isForeignKeyError(err)) throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },
    async countParticipants(workshopId) {
      return q.countParticipants.get(workshopId, workshopId)?.n ?? 0
    },
    async saveCheckpoint(c: StoredCheckpoint) {
      try {
        q.insertCheckpoint.run(
          c.id,
          c.workshopId,
          c.name,
          c.author,
          c.createdAt,
          c.automatic ? 1 : 0,
          blob(c.docState),
          JSON.stringify(c.control),
        )
      } catch (err) {
        if (isForeignKeyError(err)) throw new UnknownWorkshopError(c.workshopId)
        throw err
      }
    },
    async listCheckpoints(workshopId) {
      return q.listCheckpoints.all(workshopId).map(toInfo)
    },
    async getCheckpoint(workshopId, checkpointId) {
      const row = q.getCheckpoint.get(workshopId, checkpointId)
      if (!row) return null
      return {
        ...toInfo(row),
        docState: new Uint8Array(row.doc_state.buffer, row.doc_state.byteOffset, row.doc_state.byteLength),
        control: JSON.parse(row.control_json) as Record<string, unknown>,
      }
    },
    async deleteCheckpoint(workshopId, checkpointId) {
      return q.deleteCheckpoint.run(workshopId, checkpointId).changes > 0
    },
  }
}
