import type Database from 'better-sqlite3'
import { bytesOf } from '../rows'
import { isSqliteForeignKeyError } from '../sqliteErrors'
import { UnknownWorkshopError } from '../workshops/port'
import type { DocumentLog, StoredDoc } from './port'

/**
 * The document log on SQLite, on the storage's own connection (`doc_updates`,
 * `doc_snapshots`; rows cascade from `workshops`). One process writes the file, so a
 * compaction folds everything up to `uptoSeq` and deletes it as is.
 */
export function sqliteDocumentLog(db: Database.Database): DocumentLog {
  const q = {
    getSnapshot: db.prepare<[string], { data: Buffer; upto_seq: number }>(
      'SELECT data, upto_seq FROM doc_snapshots WHERE workshop_id = ?',
    ),
    getUpdates: db.prepare<[string], { seq: number; data: Buffer }>(
      'SELECT seq, data FROM doc_updates WHERE workshop_id = ? ORDER BY seq',
    ),
    appendUpdate: db.prepare('INSERT INTO doc_updates (workshop_id, data) VALUES (?, ?)'),
    upsertSnapshot: db.prepare(
      `INSERT INTO doc_snapshots (workshop_id, data, upto_seq) VALUES (?, ?, ?)
       ON CONFLICT(workshop_id) DO UPDATE SET data = excluded.data, upto_seq = max(upto_seq, excluded.upto_seq)`,
    ),
    deleteFolded: db.prepare('DELETE FROM doc_updates WHERE workshop_id = ? AND seq <= ?'),
    exists: db.prepare<[string], { one: number }>('SELECT 1 AS one FROM workshops WHERE id = ?'),
  }

  const compact = db.transaction((workshopId: string, snapshot: Uint8Array, uptoSeq: number) => {
    if (!q.exists.get(workshopId)) throw new UnknownWorkshopError(workshopId)
    q.upsertSnapshot.run(workshopId, Buffer.from(snapshot), uptoSeq)
    q.deleteFolded.run(workshopId, uptoSeq)
  })
  const loadDoc = db.transaction((workshopId: string): StoredDoc => {
    const snap = q.getSnapshot.get(workshopId)
    const rows = q.getUpdates.all(workshopId)
    return {
      snapshot: snap ? bytesOf(snap.data) : null,
      updates: rows.map((r) => bytesOf(r.data)),
      lastSeq: rows.at(-1)?.seq ?? snap?.upto_seq ?? 0,
    }
  })

  return {
    async loadDoc(workshopId) {
      return loadDoc(workshopId)
    },
    async appendUpdate(workshopId, update) {
      try {
        return Number(
          q.appendUpdate.run(workshopId, Buffer.from(update.buffer, update.byteOffset, update.byteLength))
            .lastInsertRowid,
        )
      } catch (err) {
        if (isSqliteForeignKeyError(err)) throw new UnknownWorkshopError(workshopId)
        throw err
      }
    },
    async compact(workshopId, snapshot, uptoSeq) {
      compact(workshopId, snapshot, uptoSeq)
    },
  }
}
