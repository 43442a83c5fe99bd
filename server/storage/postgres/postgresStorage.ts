import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { postgresCheckpoints } from '../checkpoints/postgres'
import { postgresControl, readControl } from '../controlState/postgres'
import { postgresDocumentLog, readDoc } from '../documentLog/postgres'
import { postgresSpaces } from '../spaces/postgres'
import type { Storage } from '../Storage'
import { postgresWorkshops } from '../workshops/postgres'
import { inTransaction } from './db'
import { migrate } from './schema'

/**
 * The storage for deployments with several servers on one PostgreSQL database (behind a
 * consistent-hash proxy by workshop id): same interface and contract as SQLite. The schema
 * is created or brought up to date on open (schema.ts); each port's PostgreSQL part
 * lives in the port's folder (the document log, safe with two processes on one workshop:
 * `documentLog/postgres.ts`).
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
    ...postgresControl(pool, writer),

    async loadState(workshopId) {
      // One snapshot of the database for both reads: an export never mixes two moments.
      return inTransaction(pool, async (client) => {
        await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY')
        const doc = await readDoc(client, workshopId)
        return { doc, control: await readControl(client, workshopId) }
      })
    },
    async close() {
      closed ??= pool.end()
      return closed
    },
  }
}
