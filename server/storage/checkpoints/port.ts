import { bytesOf } from '../rows'

/**
 * Where a workshop's checkpoints are stored: saved states of its board and control state,
 * listed without their content, deleted with their workshop. Implemented in memory
 * (`memory.ts`), on SQLite (`sqlite.ts`) and on PostgreSQL (`postgres.ts`); all pass
 * `contract.ts`.
 */
export interface CheckpointStore {
  /** Stores a checkpoint; fails for an unknown workshop or an id that exists. */
  saveCheckpoint(checkpoint: StoredCheckpoint): Promise<void>
  /** A workshop's checkpoints without their content, newest first (among equal times, the later saved first). */
  listCheckpoints(workshopId: string): Promise<CheckpointInfo[]>
  /** One checkpoint with its content, or null (unknown, or of another workshop). */
  getCheckpoint(workshopId: string, checkpointId: string): Promise<StoredCheckpoint | null>
  /** False if there was no such checkpoint in this workshop. */
  deleteCheckpoint(workshopId: string, checkpointId: string): Promise<boolean>
}

/** A saved state of a workshop's board, as listed. */
export interface CheckpointInfo {
  id: string
  workshopId: string
  name: string
  /** Display name of whoever saved it ('' when unknown). */
  author: string
  /** Milliseconds since epoch, server clock. */
  createdAt: number
  /** Taken by the server just before a restore, not by a person. */
  automatic: boolean
}

/** A checkpoint with its content. */
export interface StoredCheckpoint extends CheckpointInfo {
  /** The board document as one encoded Yjs state (`Y.encodeStateAsUpdate`). */
  docState: Uint8Array
  /** The control state then, section key → state. */
  control: Record<string, unknown>
}

/** The columns a listed checkpoint is read from (same names on SQLite and PostgreSQL). */
export interface CheckpointRow {
  id: string
  workshop_id: string
  name: string
  author: string
  /** `bigint` on PostgreSQL: a string. */
  created_at: number | string
  /** 0/1 on SQLite, a boolean on PostgreSQL. */
  automatic: number | boolean
}

export function checkpointInfo(row: CheckpointRow): CheckpointInfo {
  return {
    id: row.id,
    workshopId: row.workshop_id,
    name: row.name,
    author: row.author,
    createdAt: Number(row.created_at),
    automatic: row.automatic === true || row.automatic === 1,
  }
}

/** A checkpoint's row with its content (`doc_state`, `control_json`). */
export function storedCheckpoint(row: CheckpointRow & { doc_state: Buffer; control_json: string }): StoredCheckpoint {
  return {
    ...checkpointInfo(row),
    docState: bytesOf(row.doc_state),
    control: JSON.parse(row.control_json) as Record<string, unknown>,
  }
}
