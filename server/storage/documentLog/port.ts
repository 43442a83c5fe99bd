/**
 * Where a workshop's board is stored: an append-only log of Yjs updates plus one snapshot
 * (an encoded state that folds the log up to a sequence number). Appending never rewrites;
 * compaction replaces the snapshot and deletes the rows it folded, atomically. Implemented
 * in memory (`memory.ts`), on SQLite (`sqlite.ts`) and on PostgreSQL (`postgres.ts`, safe
 * with several servers on one workshop); all pass `contract.ts`.
 */
export interface DocumentLog {
  loadDoc(workshopId: string): Promise<StoredDoc>
  /** Appends one update; resolves with its sequence number once it is durable. Fails for an unknown workshop. */
  appendUpdate(workshopId: string, update: Uint8Array): Promise<number>
  /** Replaces the snapshot and deletes the updates with `seq <= uptoSeq`, in one transaction. */
  compact(workshopId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>
}

/** What a room needs to rebuild a document. */
export interface StoredDoc {
  /** Folded state, or null if never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Sequence number of the last update (or of the last row the snapshot folded); 0 if none. */
  lastSeq: number
}
