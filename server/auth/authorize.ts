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
  if (!token || !tokenSchema.safeParse(token).success) return { ok: false, status: 401, error: 'invalid token' }
  if (!workshopIdSchema.safeParse(workshopId).success) return { ok: false, status: 404, error: 'workshop not found' }
  const workshop = await storage.getWorkshop(workshopId)
  if (!workshop) return { ok: false, status: 404, error: 'workshop not found' }
  const role = matchToken(token, await storage.getTokens(workshopId))
  if (!role) return { ok: false, status: 401, error: 'invalid token' }
  return { ok: true, role, workshop }
}
