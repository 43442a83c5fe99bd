import { tokenSchema, workshopIdSchema } from '../../shared/ids'
import type { Role } from '../../shared/protocol'
import type { WorkshopMeta } from '../../shared/workshop'
import type { WorkshopStore } from '../storage/workshops/port'
import { matchToken } from './tokens'

/**
 * Who may open a workshop, for HTTP and WebSocket alike. The order of checks is part of
 * the contract: a missing or malformed token is 401 before anything is looked up; an id
 * that names no workshop is 404; a well-formed token that this workshop does not know
 * (garbage, or a token of another workshop) is 401.
 */
export type Authorization =
  { ok: true; role: Role; workshop: WorkshopMeta } | { ok: false; status: 401 | 404; error: string }

export async function authorize(
  storage: WorkshopStore,
  workshopId: string,
  token: string | null | undefined,
): Promise<Authorization> {
  const door = await authorizeToken(
    {
      idSchema: workshopIdSchema,
      notFound: 'workshop not found',
      find: (id) => storage.getWorkshop(id),
      tokens: (id) => storage.getTokens(id),
    },
    workshopId,
    token,
  )
  return door.ok ? { ok: true, role: door.role, workshop: door.found } : door
}

/** What a token opens (a workshop, a space): how its ids look, how to find it and its stored tokens. */
export interface TokenDoor<Found, R extends string> {
  idSchema: { safeParse(id: unknown): { success: boolean } }
  /** The 404's error. */
  notFound: string
  find(id: string): Promise<Found | null>
  tokens(id: string): Promise<readonly { hash: Uint8Array; role: R }[]>
}

/** The order of checks above, for any door: 401 for a bad token before any look-up, 404, then 401. */
export async function authorizeToken<Found, R extends string>(
  door: TokenDoor<Found, R>,
  id: string,
  token: string | null | undefined,
): Promise<{ ok: true; role: R; token: string; found: Found } | { ok: false; status: 401 | 404; error: string }> {
  if (!token || !tokenSchema.safeParse(token).success) return { ok: false, status: 401, error: 'invalid token' }
  if (!door.idSchema.safeParse(id).success) return { ok: false, status: 404, error: door.notFound }
  const found = await door.find(id)
  if (!found) return { ok: false, status: 404, error: door.notFound }
  const role = matchToken(token, await door.tokens(id))
  if (!role) return { ok: false, status: 401, error: 'invalid token' }
  return { ok: true, role, token, found }
}
