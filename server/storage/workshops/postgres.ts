import type pg from 'pg'
import type { Role } from '../../../shared/protocol'
import type { WorkshopMeta } from '../../../shared/workshop'
import { CLUSTER_CHANNEL } from '../../cluster/messages'
import { inTransaction, isForeignKeyViolation, toBytea, toNumber } from '../postgres/db'
import { tokenOf } from '../rows'
import {
  UnknownWorkshopError,
  WORKSHOP_COLUMNS,
  workshopMeta,
  type StoredToken,
  type WorkshopRow,
  type WorkshopStore,
} from './port'

/**
 * Workshops on PostgreSQL, like `sqlite.ts`: rows cascade from `workshops`; a delete and a
 * replacement of links are announced to the other servers when they commit (they close the
 * workshop's sockets, or those of the replaced links).
 * `writer` marks the snapshot of a workshop created with content like any other
 * (`documentLog/postgres.ts`).
 */

async function insertWorkshop(
  client: pg.PoolClient,
  meta: WorkshopMeta,
  tokens: readonly StoredToken[],
): Promise<void> {
  await client.query(`INSERT INTO workshops (${WORKSHOP_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
    meta.id,
    meta.title,
    meta.coalition,
    meta.template,
    meta.locale,
    meta.createdAt,
  ])
  for (const t of tokens)
    await client.query('INSERT INTO tokens (hash, workshop_id, role) VALUES ($1, $2, $3)', [
      toBytea(t.hash),
      meta.id,
      t.role,
    ])
}

export function postgresWorkshops(pool: pg.Pool, writer: string): WorkshopStore {
  return {
    async createWorkshop(meta, tokens) {
      await inTransaction(pool, (client) => insertWorkshop(client, meta, tokens))
    },

    async createWorkshopWithContent(meta, tokens, content) {
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

    async getWorkshop(id) {
      const { rows } = await pool.query<WorkshopRow>(`SELECT ${WORKSHOP_COLUMNS} FROM workshops WHERE id = $1`, [id])
      return rows[0] ? workshopMeta(rows[0]) : null
    },

    async updateWorkshop(id, patch) {
      const result = await pool.query(
        'UPDATE workshops SET title = coalesce($2, title), coalition = coalesce($3, coalition) WHERE id = $1',
        [id, patch.title ?? null, patch.coalition ?? null],
      )
      if (result.rowCount === 0) throw new UnknownWorkshopError(id)
    },

    async getTokens(workshopId) {
      const { rows } = await pool.query<{ hash: Buffer; role: string }>(
        'SELECT hash, role FROM tokens WHERE workshop_id = $1',
        [workshopId],
      )
      return rows.map(tokenOf<Role>)
    },

    async replaceRoleTokens(workshopId, tokens) {
      await inTransaction(pool, async (client) => {
        const found = await client.query('SELECT 1 FROM workshops WHERE id = $1 FOR UPDATE', [workshopId])
        if (found.rowCount === 0) throw new UnknownWorkshopError(workshopId)
        for (const role of new Set(tokens.map((t) => t.role)))
          await client.query('DELETE FROM tokens WHERE workshop_id = $1 AND role = $2', [workshopId, role])
        for (const t of tokens)
          await client.query('INSERT INTO tokens (hash, workshop_id, role) VALUES ($1, $2, $3)', [
            toBytea(t.hash),
            workshopId,
            t.role,
          ])
        // Sent when it commits: every server closes the sockets opened with the old links (4411).
        await client.query('SELECT pg_notify($1, $2)', [
          CLUSTER_CHANNEL,
          JSON.stringify({ k: 'l', w: workshopId, s: writer, r: [...new Set(tokens.map((t) => t.role))] }),
        ])
      })
    },

    async deleteWorkshop(id) {
      // Tokens, log, snapshot, control state, participants and checkpoints cascade; the other
      // servers hear of it when it commits (they close the workshop's sockets).
      const result = await pool.query(
        `WITH gone AS (DELETE FROM workshops WHERE id = $1 RETURNING id)
         SELECT pg_notify($2, json_build_object('k', 'x', 'w', id, 's', $3::text)::text) FROM gone`,
        [id, CLUSTER_CHANNEL, writer],
      )
      return (result.rowCount ?? 0) > 0
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
  }
}
