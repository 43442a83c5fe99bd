import type { Role } from '../../shared/protocol'
import type { WorkshopMeta } from '../../shared/workshop'
import type { SpaceStore } from './spaces/port'

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

/** A capability token as stored: only its SHA-256, never the token itself. */
export interface StoredToken {
  hash: Uint8Array
  role: Role
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

/** Programme spaces: `SpaceStore` (spaces/port.ts) has their methods. */
export interface Storage extends SpaceStore {
  /** Creates a workshop and its tokens together; fails if the id exists. */
  createWorkshop(meta: WorkshopMeta, tokens: readonly StoredToken[]): Promise<void>
  getWorkshop(id: string): Promise<WorkshopMeta | null>
  /** Renames a workshop (the `meta` control section keeps the table in step). */
  updateWorkshop(id: string, patch: { title?: string; coalition?: string }): Promise<void>
  /** The tokens of one workshop: callers compare hashes in constant time. */
  getTokens(workshopId: string): Promise<StoredToken[]>
  /**
   * Replaces every token of the roles in `tokens` with these (one transaction): « Nouveaux
   * liens » gives an older workshop derived participant and viewer tokens. Fails for an
   * unknown workshop.
   */
  replaceRoleTokens(workshopId: string, tokens: readonly StoredToken[]): Promise<void>
  /** Deletes a workshop and everything stored for it. False if it did not exist. */
  deleteWorkshop(id: string): Promise<boolean>

  loadDoc(workshopId: string): Promise<StoredDoc>
  /** Appends one update; resolves with its sequence number once it is durable. Fails for an unknown workshop. */
  appendUpdate(workshopId: string, update: Uint8Array): Promise<number>
  /** Replaces the snapshot and deletes the updates with `seq <= uptoSeq`, in one transaction. */
  compact(workshopId: string, snapshot: Uint8Array, uptoSeq: number): Promise<void>

  /** Section key → persisted state (parsed JSON). */
  loadControl(workshopId: string): Promise<Record<string, unknown>>
  saveControl(workshopId: string, section: string, state: unknown): Promise<void>
  /**
   * A control command on the latest stored state of one section, with no lost update when
   * several servers share the database: `change` gets the stored state (`undefined` when the
   * section was never saved) and returns the state to store, or `undefined` to store
   * nothing (a refused command). Resolves with the section's new version (it grows by one per
   * save), or null when nothing was stored. Fails for an unknown workshop.
   */
  updateControl(
    workshopId: string,
    section: string,
    change: (stored: { state: unknown } | undefined) => unknown,
  ): Promise<number | null>
  /** The board and the control state read together, as of one moment (exports). */
  loadState(workshopId: string): Promise<{ doc: StoredDoc; control: Record<string, unknown> }>

  // ── Checkpoints, participants and imports (issue "workshop outcomes", server/checkpoints, server/export) ──
  /**
   * Creates a workshop with its tokens, board document, control state and participants in
   * one transaction (an import): either all of it is stored, or nothing.
   */
  createWorkshopWithContent(meta: WorkshopMeta, tokens: readonly StoredToken[], content: WorkshopContent): Promise<void>
  /** Remembers that a member took part (idempotent). Fails for an unknown workshop. */
  recordParticipant(workshopId: string, memberId: string): Promise<void>
  /** Distinct members recorded for a workshop, plus those it was imported with. */
  countParticipants(workshopId: string): Promise<number>
  /** Stores a checkpoint; fails for an unknown workshop or an id that exists. */
  saveCheckpoint(checkpoint: StoredCheckpoint): Promise<void>
  /** A workshop's checkpoints without their content, newest first. */
  listCheckpoints(workshopId: string): Promise<CheckpointInfo[]>
  /** One checkpoint with its content, or null (unknown, or of another workshop). */
  getCheckpoint(workshopId: string, checkpointId: string): Promise<StoredCheckpoint | null>
  /** False if there was no such checkpoint in this workshop. */
  deleteCheckpoint(workshopId: string, checkpointId: string): Promise<boolean>
  // ── end of checkpoints ──

  close(): Promise<void>
}

// ── Checkpoints, participants and imports: types ──
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

/** What `createWorkshopWithContent` stores besides the workshop row and tokens. */
export interface WorkshopContent {
  /** The board document as one encoded Yjs state; stored as the document's snapshot. */
  docState: Uint8Array
  /** Section key → state. */
  control: Record<string, unknown>
  /** People counted as participants before (the export's `participantCount`), added to those recorded later. */
  importedParticipants: number
}
// ── end of checkpoints types ──

/** Raised when writing for a workshop that does not exist (deleted meanwhile). */
export class UnknownWorkshopError extends Error {
  constructor(workshopId: string) {
    super(`unknown workshop ${workshopId}`)
    this.name = 'UnknownWorkshopError'
  }
}
