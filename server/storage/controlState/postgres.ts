import type pg from 'pg'
import { CLUSTER_CHANNEL } from '../../cluster/messages'
import { inTransaction, isForeignKeyViolation, isUniqueViolation, toNumber, type Queryable } from '../postgres/db'
import { UnknownWorkshopError } from '../workshops/port'
import { sectionsOf, type ControlStore } from './port'

/**
 * Control state on a database several servers share: `updateControl` locks the section's
 * row, applies the change to what is stored and announces the new version when it commits
 * (the other servers' rooms re-read it: `cluster/roomFeed.ts`).
 */

/** A workshop's control sections, on a pool or inside a transaction (`loadState`). */
export async function readControl(db: Queryable, workshopId: string): Promise<Record<string, unknown>> {
  const { rows } = await db.query<{ section: string; json: string }>(
    'SELECT section, json FROM control_state WHERE workshop_id = $1',
    [workshopId],
  )
  return sectionsOf(rows)
}

export function postgresControl(pool: pg.Pool, writer: string): ControlStore {
  return {
    loadControl: (workshopId) => readControl(pool, workshopId),
    async saveControl(workshopId, section, state) {
      try {
        await pool.query(
          `INSERT INTO control_state (workshop_id, section, json) VALUES ($1, $2, $3)
           ON CONFLICT (workshop_id, section) DO UPDATE SET json = excluded.json, version = control_state.version + 1`,
          [workshopId, section, JSON.stringify(state)],
        )
      } catch (err) {
        if (isForeignKeyViolation(err)) throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },
    async updateControl(workshopId, section, change) {
      // Two servers saving the first state of a section both find no row: the second
      // INSERT fails on the key and runs again, now on the first one's row.
      for (let attempt = 1; ; attempt++) {
        try {
          return await inTransaction(pool, async (client) => {
            const { rows } = await client.query<{ json: string; version: string }>(
              'SELECT json, version FROM control_state WHERE workshop_id = $1 AND section = $2 FOR UPDATE',
              [workshopId, section],
            )
            const next = change(rows[0] ? { state: JSON.parse(rows[0].json) } : undefined)
            if (next === undefined) return null
            const version = rows[0] ? toNumber(rows[0].version) + 1 : 1
            const json = JSON.stringify(next)
            if (rows[0]) {
              await client.query(
                'UPDATE control_state SET json = $3, version = $4 WHERE workshop_id = $1 AND section = $2',
                [workshopId, section, json, version],
              )
            } else {
              await client.query(
                'INSERT INTO control_state (workshop_id, section, json, version) VALUES ($1, $2, $3, $4)',
                [workshopId, section, json, version],
              )
            }
            // Sent when the transaction commits, in commit order.
            await client.query('SELECT pg_notify($1, $2)', [
              CLUSTER_CHANNEL,
              JSON.stringify({ k: 'c', w: workshopId, s: writer, n: section, v: version }),
            ])
            return version
          })
        } catch (err) {
          if (isUniqueViolation(err) && attempt < 5) continue
          if (isForeignKeyViolation(err)) throw new UnknownWorkshopError(workshopId)
          throw err
        }
      }
    },
  }
}
