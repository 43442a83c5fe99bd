import type { CheckpointStore } from './checkpoints/port'
import type { ControlStore } from './controlState/port'
import type { SpaceStore } from './spaces/port'
import type { WorkshopStore } from './workshops/port'

export type { CheckpointInfo, StoredCheckpoint } from './checkpoints/port'
export { UnknownWorkshopError, type StoredToken, type WorkshopContent } from './workshops/port'

/**
 * Everything the server keeps, behind one interface: SQLite is the embedded default
 * (`sqliteStorage.ts`), the in-memory one serves tests (`memoryStorage.ts`), and both pass
 * the same contract suite (`storage.contract.ts`). Methods are async so a networked
 * database (PostgreSQL) can implement it too.
 *
 * The board document is stored as an append-only log of Yjs updates plus one snapshot
 * (an encoded state that folds the log up to a sequence number). Appending never rewrites;
 * compaction replaces the snapshot and deletes the rows it folded, atomically.
 */

/** What a room needs to rebuild a document. */
export interface StoredDoc {
  /** Folded state, or null if never compacted. */
  snapshot: Uint8Array | null
  /** Updates appended after the snapshot, oldest first. */
  updates: Uint8Array[]
  /** Sequence number of the last update (or of the last row the snapshot folded); 0 if none. */
  lastSeq: number
}

/**
 * Every port one backend opens on one database: workshops (`workshops/`), control state
 * (`controlState/`), checkpoints (`checkpoints/`), programme spaces (`spaces/`), and below
 * the document log (its PostgreSQL side in `postgres/documentLog.ts`).
 */
export interface Storage extends WorkshopStore, CheckpointStore, SpaceStore, ControlStore {
  loadDoc(workshopId: string): Promise<StoredDoc>
  /** Appends one update; resolves with its sequence number once it is durable. Fails for an unknown workshop. */
  appendUpdate(workshopId: string, update: Uint8Array): Promise<number>
  /** Replaces the snapshot and deletes the updates with `seq <= uptoSeq`, in one transaction. */
  compact(workshopId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>

  /** The board and the control state read together, as of one moment (exports). */
  loadState(workshopId: string): Promise<{ doc: StoredDoc; control: Record<string, unknown> }>

  close(): Promise<void>
}
