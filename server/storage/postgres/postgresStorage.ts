import { randomUUID } from 'node:crypto'
import pg from 'pg'
import type { Role } from '../../../shared/protocol'
import type { Locale, TemplateId, WorkshopMeta } from '../../../shared/workshop'
import { UnknownWorkshopError, type Storage, type StoredToken } from '../Storage'
import { fromBytea, inTransaction, isForeignKeyViolation, toBytea, toNumber } from './db'
import { postgresDocumentLog } from './documentLog'
import { postgresCheckpoints } from './postgresCheckpoints'
import { postgresSpaces } from './postgresSpaces'
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
}

interface WorkshopRow {
  id: string
  title: string
  coalition: string
  template: string
  locale: string
  created_at: string
}

function toMeta(row: WorkshopRow): WorkshopMeta {
  return {
    id: row.id,
    title: row.title,
    coalition: row.coalition,
    template: row.template as TemplateId,
    locale: row.locale as Locale,
    createdAt: toNumber(row.created_at),
  }
}

async function insertWorkshop(client: pg.PoolClient, meta: WorkshopMeta, tokens: readonly StoredToken[]): Promise<void> {
  await client.query('INSERT INTO workshops (id, title, coalition, template, locale, created_at) VALUES ($1, $2, $3, $4, $5, $6)', [
    meta.id,
    meta.title,
    meta.coalition,
    meta.template,
    meta.locale,
    meta.createdAt,
  ])
  for (const t of tokens) await client.query('INSERT INTO tokens (hash, workshop_id, role) VALUES ($1, $2, $3)', [toBytea(t.hash), meta.id, t.role])
}

/** Connects, migrates, and resolves once the storage is usable; rejects (pool closed) if not. */
export async function openPostgresStorage(options: PostgresStorageOptions): Promise<Storage> {
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
  const writer = randomUUID()
  let closed: Promise<void> | null = null

  return {
    ...postgresDocumentLog(pool, writer),
    ...postgresCheckpoints(pool, writer, insertWorkshop),
    ...postgresSpaces(pool),

    async createWorkshop(meta, tokens) {
      await inTransaction(pool, (client) => insertWorkshop(client, meta, tokens))
    },
    async getWorkshop(id) {
      const { rows } = await pool.query<WorkshopRow>('SELECT id, title, coalition, template, locale, created_at FROM workshops WHERE id = $1', [id])
      return rows[0] ? toMeta(rows[0]) : null
    },
    async updateWorkshop(id, patch) {
      const result = await pool.query('UPDATE workshops SET title = coalesce($2, title), coalition = coalesce($3, coalition) WHERE id = $1', [
        id,
        patch.title ?? null,
        patch.coalition ?? null,
      ])
      if (result.rowCount === 0) throw new UnknownWorkshopError(id)
    },
    async getTokens(workshopId) {
      const { rows } = await pool.query<{ hash: Buffer; role: string }>('SELECT hash, role FROM tokens WHERE workshop_id = $1', [workshopId])
      return rows.map((r) => ({ hash: fromBytea(r.hash), role: r.role as Role }))
    },
    async deleteWorkshop(id) {
      // Tokens, log, snapshot, control state, participants and checkpoints cascade.
      return ((await pool.query('DELETE FROM workshops WHERE id = $1', [id])).rowCount ?? 0) > 0
    },
    async loadControl(workshopId) {
      const { rows } = await pool.query<{ section: string; json: string }>('SELECT section, json FROM control_state WHERE workshop_id = $1', [workshopId])
      const out: Record<string, unknown> = {}
      for (const row of rows) out[row.section] = JSON.parse(row.json)
      return out
    },
    async saveControl(workshopId, section, state) {
      try {
        await pool.query(
          `INSERT INTO control_state (workshop_id, section, json) VALUES ($1, $2, $3)
           ON CONFLICT (workshop_id, section) DO UPDATE SET json = excluded.json`,
          [workshopId, section, JSON.stringify(state)],
        )
      } catch (err) {
        if (isForeignKeyViolation(err)) throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },
    async close() {
      closed ??= pool.end()
      return closed
    },
  }
}
