import { createHash, randomBytes } from 'node:crypto'
import { spaceIdSchema, type SpaceRecord, type SpaceRole, type Versioned } from '../../shared/spaces/space'
import { authorizeToken } from '../auth/authorize'
import { generateToken, generateWorkshopId, hashToken, matchToken } from '../auth/tokens'
import type { SpaceStore, StoredSpaceToken } from '../storage/spaces/port'

/**
 * Who may open a space: the same capability scheme as workshops (256-bit tokens in the
 * link's fragment, only their SHA-256 stored, constant-time comparison), with two roles.
 * A workshop token is never among a space's tokens, so it opens nothing here.
 *
 * The viewer token is derived from the admin token with a one-way, domain-separated hash:
 * an admin can always be shown the read-only link again, and the read-only link says
 * nothing about the admin one. The stored hashes (SHA-256 of each token) reveal neither.
 */

const VIEWER_DERIVATION = 'coalition-board/space-viewer:'

/** A new space id: 128 random bits, 22 base64url characters, like a workshop id. */
export function generateSpaceId(): string {
  return generateWorkshopId()
}

/** A new coalition id: 72 random bits, 12 base64url characters (unique within its space). */
export function generateCoalitionId(): string {
  return randomBytes(9).toString('base64url')
}

/** The read-only token that goes with an admin token. */
export function viewerTokenFor(adminToken: string): string {
  return createHash('sha256')
    .update(VIEWER_DERIVATION + adminToken, 'utf8')
    .digest('base64url')
}

/** Fresh tokens of a new space, and what to store of them. */
export function newSpaceTokens(): { admin: string; viewer: string; stored: StoredSpaceToken[] } {
  const admin = generateToken()
  const viewer = viewerTokenFor(admin)
  return {
    admin,
    viewer,
    stored: [
      { hash: hashToken(admin), role: 'admin' },
      { hash: hashToken(viewer), role: 'viewer' },
    ],
  }
}

/** The role this token opens among a space's stored tokens; compares with every hash, never stopping early. */
export function matchSpaceToken(token: string, stored: readonly StoredSpaceToken[]): SpaceRole | null {
  return matchToken(token, stored)
}

export type SpaceAuthorization =
  | { ok: true; role: SpaceRole; token: string; space: Versioned<SpaceRecord> }
  | { ok: false; status: 401 | 404; error: string }

/**
 * Same order of checks as workshops: a missing or malformed token is 401 before any
 * lookup; an id naming no space is 404; a well-formed token this space does not know
 * (garbage, a workshop's, another space's) is 401.
 */
export async function authorizeSpace(
  storage: SpaceStore,
  spaceId: string,
  token: string | null | undefined,
): Promise<SpaceAuthorization> {
  const door = await authorizeToken(
    {
      idSchema: spaceIdSchema,
      notFound: 'space not found',
      find: (id) => storage.getSpace(id),
      tokens: (id) => storage.getSpaceTokens(id),
    },
    spaceId,
    token,
  )
  return door.ok ? { ok: true, role: door.role, token: door.token, space: door.found } : door
}
