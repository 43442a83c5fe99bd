import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Role } from '../../shared/protocol'
import type { StoredToken } from '../storage/workshops/port'

/**
 * Capability tokens and member identities. A token is 256 random bits in base64url (43
 * characters, `tokenSchema`); the server keeps only its SHA-256. A member key is a secret
 * the browser keeps; its public id is derived per workshop, so the same person has
 * unrelated ids in two workshops.
 */

/** A new capability token. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url')
}

/** A new workshop id: 128 random bits, 22 base64url characters (`workshopIdSchema`). */
export function generateWorkshopId(): string {
  return randomBytes(16).toString('base64url')
}

/** A member key for a connection that came without one (it lives as long as the socket). */
export function generateMemberKey(): string {
  return randomBytes(24).toString('base64url')
}

/**
 * The participant or viewer token of a workshop, derived from its facilitator token:
 * base64url(HMAC-SHA256(key = facilitator token, message = role)), 43 characters like any
 * token. Whoever holds the facilitator link can show the other two again (the server
 * recomputes them), while storage still keeps only hashes; knowing a derived token says
 * nothing about the facilitator's (HMAC is one-way in its key).
 */
export function deriveRoleToken(facilitatorToken: string, role: 'participant' | 'viewer'): string {
  return createHmac('sha256', facilitatorToken).update(role, 'utf8').digest('base64url')
}

/** The three tokens of a new workshop: a random facilitator token, the other two derived from it. */
export function newWorkshopTokens(): Record<Role, string> {
  const facilitator = generateToken()
  return {
    facilitator,
    participant: deriveRoleToken(facilitator, 'participant'),
    viewer: deriveRoleToken(facilitator, 'viewer'),
  }
}

/** What storage keeps of a set of tokens: their hashes with their roles. */
export function storedTokens(tokens: Record<Role, string>): StoredToken[] {
  return (['facilitator', 'participant', 'viewer'] as const).map((role) => ({ hash: hashToken(tokens[role]), role }))
}

/**
 * The participant and viewer tokens recomputed from the facilitator token, if the stored
 * hashes are those of the derived tokens (workshops created since derivation); null for an
 * older workshop, whose links can only be rotated.
 */
export function recoverRoleTokens(
  facilitatorToken: string,
  stored: readonly StoredToken[],
): { participant: string; viewer: string } | null {
  const participant = deriveRoleToken(facilitatorToken, 'participant')
  const viewer = deriveRoleToken(facilitatorToken, 'viewer')
  const ok = matchesRole(participant, 'participant', stored) && matchesRole(viewer, 'viewer', stored)
  return ok ? { participant, viewer } : null
}

function matchesRole(token: string, role: Role, stored: readonly StoredToken[]): boolean {
  const forRole = stored.filter((t) => t.role === role)
  return forRole.length > 0 && forRole.every((t) => matchToken(token, [t]) === role)
}

export function hashToken(token: string): Uint8Array {
  return createHash('sha256').update(token, 'utf8').digest()
}

/**
 * The role this token opens among stored tokens (a workshop's, a space's), or null. Compares against
 * every stored hash in constant time and never stops early, so timing says nothing about
 * which (or whether a) hash matched.
 */
export function matchToken<R extends string = Role>(
  token: string,
  stored: readonly { hash: Uint8Array; role: R }[],
): R | null {
  const hash = hashToken(token)
  let role: R | null = null
  for (const candidate of stored) {
    if (candidate.hash.byteLength === hash.byteLength && timingSafeEqual(candidate.hash, hash)) role = candidate.role
  }
  return role
}

/** Public id of a member in a workshop: first 16 chars of base64url(sha256(id ':' key)). */
export function memberIdFor(workshopId: string, memberKey: string): string {
  return createHash('sha256').update(`${workshopId}:${memberKey}`, 'utf8').digest('base64url').slice(0, 16)
}
