import type pg from 'pg'
import * as Y from 'yjs'
import { CLUSTER_CHANNEL } from '../../cluster/messages'
import { inTransaction, isForeignKeyViolation, toBytea, toNumber, type Queryable } from '../postgres/db'
import { bytesOf } from '../rows'
import { UnknownWorkshopError } from '../workshops/port'
import type { DocumentLog, StoredDoc } from './port'

/**
 * A workshop's board as an append-only log of Yjs updates plus one snapshot, on a database
 * that several server processes may share.
 *
 * The consistent-hash proxy keeps a workshop's room on one server, but nothing here relies
 * on it: two processes appending to and compacting the same workshop never lose an update.
 * Every row carries its `writer` (one random id per storage, i.e. per process). A room's
 * compaction folds what its document holds — everything it loaded, everything this process
 * appended — so it deletes this writer's rows with `seq <= uptoSeq` as is; the rows of
 * another writer (and a snapshot another writer left) may hold what the room never saw, so
 * they are deleted *and returned* by the same statement and merged into the new snapshot
 * (`Y.mergeUpdates` drops what is already there). A snapshot that took in such rows is
 * nobody's (`MERGED`): it holds more than its writer's room, so the next compaction, even by
 * the same writer, merges it again rather than replacing it. On a single server the second
 * statement finds nothing; the old snapshot is merged once after a restart (a new writer id).
 * A row another writer has not committed yet is invisible to both deletes and stays.
 */

/** The writer of a snapshot that holds more than one room's document: never equal to a writer id. */
const MERGED = ''

export function postgresDocumentLog(pool: pg.Pool, writer: string): DocumentLog {
  return {
    loadDoc: (workshopId) => readDoc(pool, workshopId),

    async appendUpdate(workshopId, update) {
      try {
        // Announced in the same statement: the listeners hear of the row when it commits.
        const { rows } = await pool.query<{ seq: string }>(
          `WITH row AS (INSERT INTO doc_updates (workshop_id, writer, data) VALUES ($1, $2, $3) RETURNING seq)
           SELECT seq, pg_notify($4, json_build_object('k', 'd', 'w', $1::text, 's', $2::text, 'q', seq)::text) FROM row`,
          [workshopId, writer, toBytea(update), CLUSTER_CHANNEL],
        )
        return toNumber(rows[0].seq)
      } catch (err) {
        if (isForeignKeyViolation(err)) throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },

    async compact(workshopId, snapshot, uptoSeq) {
      await inTransaction(pool, async (client) => {
        // The workshop row, locked: compactions of one workshop take turns, and a delete
        // of the workshop waits for us (or we find it gone).
        const found = await client.query('SELECT 1 FROM workshops WHERE id = $1 FOR NO KEY UPDATE', [workshopId])
        if (found.rowCount === 0) throw new UnknownWorkshopError(workshopId)
        const previous = await client.query<{ data: Buffer | null }>(
          'SELECT CASE WHEN writer <> $2 THEN data END AS data FROM doc_snapshots WHERE workshop_id = $1',
          [workshopId, writer],
        )
        const foreign = await client.query<{ data: Buffer }>(
          'DELETE FROM doc_updates WHERE workshop_id = $1 AND seq <= $2 AND writer <> $3 RETURNING data',
          [workshopId, uptoSeq, writer],
        )
        const extra = [
          ...previous.rows.flatMap((r) => (r.data ? [bytesOf(r.data)] : [])),
          ...foreign.rows.map((r) => bytesOf(r.data)),
        ]
        const folded = extra.length > 0 ? Y.mergeUpdates([snapshot, ...extra]) : snapshot
        await client.query(
          `INSERT INTO doc_snapshots (workshop_id, data, upto_seq, writer) VALUES ($1, $2, $3, $4)
           ON CONFLICT (workshop_id) DO UPDATE
           SET data = excluded.data, upto_seq = greatest(doc_snapshots.upto_seq, excluded.upto_seq), writer = excluded.writer`,
          [workshopId, toBytea(folded), uptoSeq, extra.length > 0 ? MERGED : writer],
        )
        await client.query('DELETE FROM doc_updates WHERE workshop_id = $1 AND seq <= $2 AND writer = $3', [
          workshopId,
          uptoSeq,
          writer,
        ])
      })
    },
  }
}

/**
 * A workshop's snapshot and log in one statement, so one view of the data: a compaction
 * committing meanwhile cannot leave us with the old snapshot and the new (shorter) log.
 */
export async function readDoc(db: Queryable, workshopId: string): Promise<StoredDoc> {
  const { rows } = await db.query<{ kind: number; seq: string; data: Buffer }>(
    `SELECT 0 AS kind, upto_seq AS seq, data FROM doc_snapshots WHERE workshop_id = $1
     UNION ALL
     SELECT 1 AS kind, seq, data FROM doc_updates WHERE workshop_id = $1
     ORDER BY kind, seq`,
    [workshopId],
  )
  let snapshot: Uint8Array | null = null
  const updates: Uint8Array[] = []
  let lastSeq = 0
  for (const row of rows) {
    if (row.kind === 0) snapshot = bytesOf(row.data)
    else updates.push(bytesOf(row.data))
    lastSeq = Math.max(lastSeq, toNumber(row.seq))
  }
  return { snapshot, updates, lastSeq }
}

/**
 * What other servers appended to a workshop's log since a room last looked: the rows of
 * other writers past `afterSeq`, and the rows at `seqs` (announced positions at or below
 * `afterSeq`: a row commits after a later-numbered one sometimes). `missing` says that
 * some announced row is gone — folded into the snapshot by a compaction — and the caller
 * must read the whole document instead. One statement.
 */
export async function readUpdatesSince(
  db: Queryable,
  writer: string,
  workshopId: string,
  afterSeq: number,
  seqs: readonly number[],
): Promise<{ rows: { seq: number; data: Uint8Array }[]; missing: boolean }> {
  const { rows } = await db.query<{ seq: string; data: Buffer }>(
    `SELECT seq, data FROM doc_updates
     WHERE workshop_id = $1 AND writer <> $2 AND (seq > $3 OR seq = ANY($4::bigint[]))
     ORDER BY seq`,
    [workshopId, writer, afterSeq, seqs],
  )
  const found = new Set(rows.map((r) => toNumber(r.seq)))
  return {
    rows: rows.map((r) => ({ seq: toNumber(r.seq), data: bytesOf(r.data) })),
    missing: seqs.some((q) => !found.has(q)),
  }
}
