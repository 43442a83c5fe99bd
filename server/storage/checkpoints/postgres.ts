import type pg from 'pg'
import { isForeignKeyViolation, toBytea } from '../postgres/db'
import { UnknownWorkshopError } from '../Storage'
import { checkpointInfo, storedCheckpoint, type CheckpointRow, type CheckpointStore } from './port'

/** Checkpoints on PostgreSQL, like `sqlite.ts`: rows cascade from `workshops`. */

const INFO_COLUMNS = 'id, workshop_id, name, author, created_at, automatic'

export function postgresCheckpoints(pool: pg.Pool): CheckpointStore {
  return {
    async saveCheckpoint(c) {
      try {
        await pool.query(
          `INSERT INTO checkpoints (id, workshop_id, name, author, created_at, automatic, doc_state, control_json)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [
            c.id,
            c.workshopId,
            c.name,
            c.author,
            c.createdAt,
            c.automatic,
            toBytea(c.docState),
            JSON.stringify(c.control),
          ],
        )
      } catch (err) {
        if (isForeignKeyViolation(err)) throw new UnknownWorkshopError(c.workshopId)
        throw err
      }
    },

    async listCheckpoints(workshopId) {
      const { rows } = await pool.query<CheckpointRow>(
        `SELECT ${INFO_COLUMNS} FROM checkpoints WHERE workshop_id = $1 ORDER BY created_at DESC, ord DESC`,
        [workshopId],
      )
      return rows.map(checkpointInfo)
    },

    async getCheckpoint(workshopId, checkpointId) {
      const { rows } = await pool.query<CheckpointRow & { doc_state: Buffer; control_json: string }>(
        `SELECT ${INFO_COLUMNS}, doc_state, control_json FROM checkpoints WHERE workshop_id = $1 AND id = $2`,
        [workshopId, checkpointId],
      )
      const row = rows[0]
      if (!row) return null
      return storedCheckpoint(row)
    },

    async deleteCheckpoint(workshopId, checkpointId) {
      const result = await pool.query('DELETE FROM checkpoints WHERE workshop_id = $1 AND id = $2', [
        workshopId,
        checkpointId,
      ])
      return (result.rowCount ?? 0) > 0
    },
  }
}
