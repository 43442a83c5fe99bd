import type { CoalitionRecord, SpaceRecord, SpaceRole, Versioned } from '../../../shared/spaces/space'

/**
 * Where programme spaces are stored: their records, tokens and coalitions. Implemented in
 * memory (`memory.ts`), on SQLite (`sqlite.ts`) and on PostgreSQL (`postgres.ts`); all pass
 * `contract.ts`, which the storage contract suite runs.
 *
 * Spaces and coalitions are small JSON documents with a version number: a change is a
 * read, a pure update and a conditional write (`expected` version), retried on conflict,
 * so two admins editing at once — or two servers in front of one database — never lose a
 * decision.
 */
export interface SpaceStore {
  /** Creates a space (version 1) and its tokens together; fails if the id or a token hash exists. */
  createSpace(space: SpaceRecord, tokens: readonly StoredSpaceToken[]): Promise<void>
  getSpace(id: string): Promise<Versioned<SpaceRecord> | null>
  /** Replaces a space if its version is still `expected` (then version + 1); false if it changed meanwhile. Fails for an unknown space. */
  replaceSpace(space: SpaceRecord, expected: number): Promise<boolean>
  /** The tokens of one space: callers compare hashes in constant time. */
  getSpaceTokens(spaceId: string): Promise<StoredSpaceToken[]>
  /** A space's coalitions in creation order; empty for an unknown space. */
  listCoalitions(spaceId: string): Promise<Versioned<CoalitionRecord>[]>
  getCoalition(spaceId: string, coalitionId: string): Promise<Versioned<CoalitionRecord> | null>
  /** `expected` null creates the coalition (false if its id exists); a number replaces it only at that version. Fails for an unknown space. */
  saveCoalition(spaceId: string, coalition: CoalitionRecord, expected: number | null): Promise<boolean>
  deleteCoalition(spaceId: string, coalitionId: string): Promise<boolean>
  /** The coalitions, in every space, that list this workshop (its « Fiche coalition » follows them). */
  coalitionsOfWorkshop(workshopId: string): Promise<CoalitionRef[]>
  /** Deletes a space with its tokens and coalitions (never its workshops). False if it did not exist. */
  deleteSpace(id: string): Promise<boolean>
}

/** Where a coalition lives. */
export interface CoalitionRef {
  spaceId: string
  coalitionId: string
}

/** A space token as stored: only its SHA-256. */
export interface StoredSpaceToken {
  hash: Uint8Array
  role: SpaceRole
}

/** Raised when writing for a space that does not exist (deleted meanwhile). */
export class UnknownSpaceError extends Error {
  constructor(spaceId: string) {
    super(`unknown space ${spaceId}`)
    this.name = 'UnknownSpaceError'
  }
}

/** Coalitions in a stable order: creation, then id. */
export function byCreation(a: { value: CoalitionRecord }, b: { value: CoalitionRecord }): number {
  return a.value.createdAt - b.value.createdAt || (a.value.id < b.value.id ? -1 : a.value.id > b.value.id ? 1 : 0)
}
