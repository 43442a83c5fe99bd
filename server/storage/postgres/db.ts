import pg from 'pg'

/**
 * The few things every PostgreSQL storage file shares: a pool, one transaction helper,
 * bytes into `bytea` (out: `rows.ts`'s `bytesOf`), and the error codes we translate. Every value is a bound
 * parameter (`$1`…); no SQL is built from data.
 */

export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>

/** PostgreSQL's SQLSTATE for a foreign key that points nowhere (a deleted workshop or space). */
const FOREIGN_KEY_VIOLATION = '23503'

export function isForeignKeyViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === FOREIGN_KEY_VIOLATION
}

/** PostgreSQL's SQLSTATE for a duplicate key (two servers inserting the same row at once). */
const UNIQUE_VIOLATION = '23505'

export function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string } | null)?.code === UNIQUE_VIOLATION
}

/**
 * Runs `fn` in one transaction on one connection: COMMIT if it resolves, ROLLBACK if it
 * throws. A connection whose ROLLBACK fails is destroyed rather than given back.
 */
export async function inTransaction<T>(pool: pg.Pool, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN')
    const result = await fn(client)
    await client.query('COMMIT')
    client.release()
    return result
  } catch (err) {
    try {
      await client.query('ROLLBACK')
      client.release()
    } catch (rollbackErr) {
      client.release(rollbackErr as Error)
    }
    throw err
  }
}

/** A copy of the caller's bytes as a parameter (the caller may reuse its array). */
export function toBytea(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes)
}

/** `bigint` columns come back as strings (they may pass 2^53); ours are times and sequence numbers. */
export function toNumber(value: string | number): number {
  return typeof value === 'number' ? value : Number(value)
}
