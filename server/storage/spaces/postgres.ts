import type pg from 'pg'
import type { CoalitionRecord, SpaceRecord, SpaceRole } from '../../../shared/spaces/space'
import { UnknownSpaceError, type SpaceStore } from './port'
import { inTransaction, isForeignKeyViolation, toBytea } from '../postgres/db'
import { tokenOf, versioned } from '../rows'

/**
 * The spaces on PostgreSQL, like `sqlite.ts`: JSON
 * records with a version, written only at the version read (`UPDATE … WHERE version = $n`
 * is atomic in PostgreSQL too), so admins on two servers never lose a decision.
 */

interface VersionedRow {
  json: string
  version: number
}

const coalitionOf = versioned<CoalitionRecord>

export function postgresSpaces(pool: pg.Pool): SpaceStore {
  const spaceExists = async (id: string): Promise<boolean> =>
    ((await pool.query('SELECT 1 FROM spaces WHERE id = $1', [id])).rowCount ?? 0) > 0

  return {
    async createSpace(space, tokens) {
      await inTransaction(pool, async (client) => {
        await client.query('INSERT INTO spaces (id, json, version) VALUES ($1, $2, 1)', [
          space.id,
          JSON.stringify(space),
        ])
        for (const t of tokens)
          await client.query('INSERT INTO space_tokens (hash, space_id, role) VALUES ($1, $2, $3)', [
            toBytea(t.hash),
            space.id,
            t.role,
          ])
      })
    },

    async getSpace(id) {
      const { rows } = await pool.query<VersionedRow>('SELECT json, version FROM spaces WHERE id = $1', [id])
      return rows[0] ? versioned<SpaceRecord>(rows[0]) : null
    },

    async replaceSpace(space, expected) {
      const result = await pool.query(
        'UPDATE spaces SET json = $1, version = version + 1 WHERE id = $2 AND version = $3',
        [JSON.stringify(space), space.id, expected],
      )
      if ((result.rowCount ?? 0) > 0) return true
      if (!(await spaceExists(space.id))) throw new UnknownSpaceError(space.id)
      return false
    },

    async getSpaceTokens(spaceId) {
      const { rows } = await pool.query<{ hash: Buffer; role: string }>(
        'SELECT hash, role FROM space_tokens WHERE space_id = $1',
        [spaceId],
      )
      return rows.map(tokenOf<SpaceRole>)
    },

    async listCoalitions(spaceId) {
      const { rows } = await pool.query<VersionedRow>(
        'SELECT json, version FROM space_coalitions WHERE space_id = $1 ORDER BY created_at, id',
        [spaceId],
      )
      return rows.map(coalitionOf)
    },

    async getCoalition(spaceId, coalitionId) {
      const { rows } = await pool.query<VersionedRow>(
        'SELECT json, version FROM space_coalitions WHERE space_id = $1 AND id = $2',
        [spaceId, coalitionId],
      )
      return rows[0] ? coalitionOf(rows[0]) : null
    },

    async saveCoalition(spaceId, coalition, expected) {
      const json = JSON.stringify(coalition)
      if (expected === null) {
        try {
          const result = await pool.query(
            'INSERT INTO space_coalitions (space_id, id, json, version, created_at) VALUES ($1, $2, $3, 1, $4) ON CONFLICT DO NOTHING',
            [spaceId, coalition.id, json, coalition.createdAt],
          )
          return (result.rowCount ?? 0) > 0
        } catch (err) {
          if (isForeignKeyViolation(err)) throw new UnknownSpaceError(spaceId)
          throw err
        }
      }
      const result = await pool.query(
        'UPDATE space_coalitions SET json = $1, version = version + 1 WHERE space_id = $2 AND id = $3 AND version = $4',
        [json, spaceId, coalition.id, expected],
      )
      if ((result.rowCount ?? 0) > 0) return true
      if (!(await spaceExists(spaceId))) throw new UnknownSpaceError(spaceId)
      return false
    },

    async deleteCoalition(spaceId, coalitionId) {
      return (
        ((await pool.query('DELETE FROM space_coalitions WHERE space_id = $1 AND id = $2', [spaceId, coalitionId]))
          .rowCount ?? 0) > 0
      )
    },

    async deleteSpace(id) {
      return ((await pool.query('DELETE FROM spaces WHERE id = $1', [id])).rowCount ?? 0) > 0
    },

    async coalitionsOfWorkshop(workshopId) {
      const { rows } = await pool.query<{ space_id: string; id: string }>(
        `SELECT space_id, id FROM space_coalitions WHERE (json::jsonb -> 'workshops') @> $1::jsonb ORDER BY space_id, id`,
        [JSON.stringify([{ workshopId }])],
      )
      return rows.map((r) => ({ spaceId: r.space_id, coalitionId: r.id }))
    },
  }
}
