import type { CoalitionRecord, SpaceRole } from '../../shared/spaces/space'
import type { Storage } from '../storage/Storage'

/**
 * The programme-space part of `Storage` (its "spaces" block), implemented for SQLite in
 * `sqliteSpaceStorage.ts` and in memory in `memorySpaceStorage.ts`; both pass
 * `spaceStorage.contract.ts`, which the storage contract suite runs.
 *
 * Spaces and coalitions are small JSON documents with a version number: a change is a
 * read, a pure update and a conditional write (`expected` version), retried on conflict,
 * so two admins editing at once — or two servers in front of one database — never lose a
 * decision.
 */
export type SpaceStorage = Pick<
  Storage,
  'createSpace' | 'getSpace' | 'replaceSpace' | 'getSpaceTokens' | 'listCoalitions' | 'getCoalition' | 'saveCoalition' | 'deleteCoalition' | 'deleteSpace'
>

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
