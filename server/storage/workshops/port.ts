import type { Role } from '../../../shared/protocol'
import type { Locale, TemplateId, WorkshopMeta } from '../../../shared/workshop'

/**
 * Where workshops are stored: their metadata, the hashes of their tokens, the members who
 * took part, and a workshop created with its first content (a template's board, an
 * import) in one transaction. Deleting a workshop deletes everything stored for it, in
 * every port. Implemented in memory (`memory.ts`), on SQLite (`sqlite.ts`) and on
 * PostgreSQL (`postgres.ts`); all pass `contract.ts`.
 */
export interface WorkshopStore {
  /** Creates a workshop and its tokens together; fails if the id or a token hash exists. */
  createWorkshop(meta: WorkshopMeta, tokens: readonly StoredToken[]): Promise<void>
  /**
   * Creates a workshop with its tokens, board document, control state and participants in
   * one transaction (a template, an import): either all of it is stored, or nothing.
   */
  createWorkshopWithContent(meta: WorkshopMeta, tokens: readonly StoredToken[], content: WorkshopContent): Promise<void>
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
  /** Remembers that a member took part (idempotent). Fails for an unknown workshop. */
  recordParticipant(workshopId: string, memberId: string): Promise<void>
  /** Distinct members recorded for a workshop, plus those it was imported with. */
  countParticipants(workshopId: string): Promise<number>
}

/** A capability token as stored: only its SHA-256, never the token itself. */
export interface StoredToken {
  hash: Uint8Array
  role: Role
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

/** Raised when writing for a workshop that does not exist (deleted meanwhile). */
export class UnknownWorkshopError extends Error {
  constructor(workshopId: string) {
    super(`unknown workshop ${workshopId}`)
    this.name = 'UnknownWorkshopError'
  }
}

/** The `workshops` table's columns (same names on SQLite and PostgreSQL). */
export interface WorkshopRow {
  id: string
  title: string
  coalition: string
  template: string
  locale: string
  /** `bigint` on PostgreSQL: a string. */
  created_at: number | string
}

export const WORKSHOP_COLUMNS = 'id, title, coalition, template, locale, created_at'

export function workshopMeta(row: WorkshopRow): WorkshopMeta {
  return {
    id: row.id,
    title: row.title,
    coalition: row.coalition,
    template: row.template as TemplateId,
    locale: row.locale as Locale,
    createdAt: Number(row.created_at),
  }
}
