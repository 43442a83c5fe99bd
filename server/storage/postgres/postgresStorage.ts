import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { CLUSTER_CHANNEL } from '../../cluster/messages'
import { postgresCheckpoints } from '../checkpoints/postgres'
import { postgresSpaces } from '../spaces/postgres'
import { UnknownWorkshopError, type Storage } from '../Storage'
import { postgresWorkshops } from '../workshops/postgres'
import { inTransaction, isForeignKeyViolation, isUniqueViolation, toNumber } from './db'
import { postgresDocumentLog, readDoc } from './documentLog'
import { migrate } from './schema'

/**
 * The storage for deployments with several servers on one PostgreSQL database (behind a
 * consistent-hash proxy by workshop id): same interface and contract as SQLite. The schema
 * is created or brought up to date on open (schema.ts); the document log is safe with two
 * processes on one workshop (documentLog.ts); checkpoints and spaces have their own files.
 */

export interface PostgresStorageOptions {
  /** `postgres://user:password@host:port/database` (DATABASE_URL). */
  connectionString: string
  /** Connections kept open at most (pg's default is 10). */
  maxConnections?: number
  /** An idle connection that broke (database restarted…): the pool replaces it; we only report it. */
  onIdleError?: (err: Error) => void
  /** Whose rows these are in the document log, and who announces them (one per process); random if not given. */
  writer?: string
}

/** The storage, with what the cluster link (server/cluster) reads and announces with. */
export interface PostgresStorage extends Storage {
  readonly pool: pg.Pool
  readonly writer: string
}

/** Connects, migrates, and resolves once the storage is usable; rejects (pool closed) if not. */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<PostgresStorage> {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.maxConnections ?? 10,
    application_name: 'coalition-board',
    connectionTimeoutMillis: 10_000,
  })
  // Without a listener, an idle connection's error would crash the process.
  pool.on('error', (err) => options.onIdleError?.(err))
  try {
    await migrate(pool)
  } catch (err) {
    await pool.end()
    throw err
  }
  // One id per open storage (per process): whose rows these are in the document log.
  const writer = options.writer ?? randomUUID()
  let closed: Promise<void> | null = null

  return {
    pool,
    writer,
    ...postgresDocumentLog(pool, writer),
    ...postgresWorkshops(pool, writer),
    ...postgresCheckpoints(pool),
    ...postgresSpaces(pool),

    async loadControl(workshopId) {
      const { rows } = await pool.query<{ section: string; json: string }>(
        'SELECT section, json FROM control_state WHERE workshop_id = $1',
        [workshopId],
      )
      const out: Record<string, unknown> = {}
      for (const row of rows) out[row.section] = JSON.parse(row.json)
      return out
    },
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
    async loadState(workshopId) {
      // One snapshot of the database for both reads: an export never mixes two moments.
      return inTransaction(pool, async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
        const doc = await readDoc(client, workshopId)
        const { rows } = await client.query<{ section: string; json: string }>(
          'SELECT section, json FROM control_state WHERE workshop_id = $1',
          [workshopId],
        )
        const control: Record<string, unknown> = {}
        for (const row of rows) control[row.section] = JSON.parse(row.json)
        return { doc, control }
      })
    },
    async close() {
      closed ??= pool.end()
      return closed
    },
  }
}
