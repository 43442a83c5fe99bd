import type pg from 'pg'
import type { WorkshopMeta } from '../../../shared/workshop'
import {
  UnknownWorkshopError,
  type CheckpointInfo,
  type Storage,
  type StoredToken,
  type WorkshopContent,
} from '../Storage'
import { fromBytea, inTransaction, isForeignKeyViolation, toBytea, toNumber } from './db'

/**
 * Checkpoints, participants and imports on PostgreSQL (the "checkpoints" block of
 * `Storage`), like `sqliteCheckpoints.ts`: rows cascade from `workshops`, and an import is
 * one transaction with the workshop row and its tokens.
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
  created_at: string
  automatic: boolean
}

const INFO_COLUMNS = 'id, workshop_id, name, author, created_at, automatic'

function toInfo(row: CheckpointRow): CheckpointInfo {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    name: row.name,
    author: row.author,
    createdAt: toNumber(row.created_at),
    automatic: row.automatic,
  }
}

/**
 * `insertWorkshop` writes the workshop row and tokens on the given connection (the
 * storage's own statements), so the import shares its transaction. `writer` marks the
 * imported snapshot like any other (documentLog.ts).
 */
export function postgresCheckpoints(
  pool: pg.Pool,
  writer: string,
  insertWorkshop: (client: pg.PoolClient, meta: WorkshopMeta, tokens: readonly StoredToken[]) => Promise<void>,
): CheckpointMethods {
  return {
    async createWorkshopWithContent(meta, tokens, content: WorkshopContent) {
      await inTransaction(pool, async (client) => {
        await insertWorkshop(client, meta, tokens)
        await client.query('INSERT INTO doc_snapshots (workshop_id, data, upto_seq, writer) VALUES ($1, $2, 0, $3)', [
          meta.id,
          toBytea(content.docState),
          writer,
        ])
        for (const [section, state] of Object.entries(content.control)) {
          await client.query('INSERT INTO control_state (workshop_id, section, json) VALUES ($1, $2, $3)', [
            meta.id,
            section,
            JSON.stringify(state),
          ])
        }
        if (content.importedParticipants > 0) {
          await client.query('INSERT INTO imported_participants (workshop_id, count) VALUES ($1, $2)', [
            meta.id,
            content.importedParticipants,
          ])
        }
      })
    },

    async recordParticipant(workshopId, memberId) {
      try {
        await pool.query('INSERT INTO participants (workshop_id, member_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
          workshopId,
          memberId,
        ])
      } catch (err) {
        if (isForeignKeyViolation(err)) throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },

    async countParticipants(workshopId) {
      const { rows } = await pool.query<{ n: string }>(
        `SELECT (SELECT count(*) FROM participants WHERE workshop_id = $1)
              + coalesce((SELECT count FROM imported_participants WHERE workshop_id = $1), 0) AS n`,
        [workshopId],
      )
      return toNumber(rows[0]?.n ?? 0)
    },

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
      return rows.map(toInfo)
    },

    async getCheckpoint(workshopId, checkpointId) {
      const { rows } = await pool.query<CheckpointRow & { doc_state: Buffer; control_json: string }>(
        `SELECT ${INFO_COLUMNS}, doc_state, control_json FROM checkpoints WHERE workshop_id = $1 AND id = $2`,
        [workshopId, checkpointId],
      )
      const row = rows[0]
      if (!row) return null
      return {
        ...toInfo(row),
        docState: fromBytea(row.doc_state),
        control: JSON.parse(row.control_json) as Record<string, unknown>,
      }
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
