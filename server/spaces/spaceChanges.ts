import type { FastifyReply } from 'fastify'
import type { CoalitionRecord, SpaceRecord } from '../../shared/spaces/space'
import type { SpaceStore } from '../storage/spaces/port'

/**
 * Changing a space or a coalition: read it, compute the new record with a pure function,
 * write it only if nobody wrote in between (its version), else start over. Two admins
 * moving cards at once both win; neither silently undoes the other.
 */

/** A refusal with its HTTP status, or the new record. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; status: 400 | 403 | 404 | 409 | 413; error: string }

export function refuse(
  status: 400 | 403 | 404 | 409 | 413,
  error: string,
): { ok: false; status: 400 | 403 | 404 | 409 | 413; error: string } {
  return { ok: false, status, error }
}

/** Conflicts in a row before giving up: only a burst of writes on one record gets there. */
const MAX_ATTEMPTS = 8

const conflict = refuse(409, 'changed by someone else meanwhile; try again')

export async function changeCoalition(
  storage: SpaceStore,
  spaceId: string,
  coalitionId: string,
  change: (current: CoalitionRecord) => Outcome<CoalitionRecord> | Promise<Outcome<CoalitionRecord>>,
): Promise<Outcome<CoalitionRecord>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await storage.getCoalition(spaceId, coalitionId)
    if (!stored) return refuse(404, 'coalition not found')
    const next = await change(stored.value)
    if (!next.ok) return next
    if (await storage.saveCoalition(spaceId, next.value, stored.version)) return next
  }
  return conflict
}

export async function changeSpace(
  storage: SpaceStore,
  spaceId: string,
  change: (current: SpaceRecord) => Outcome<SpaceRecord> | Promise<Outcome<SpaceRecord>>,
): Promise<Outcome<SpaceRecord>> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const stored = await storage.getSpace(spaceId)
    if (!stored) return refuse(404, 'space not found')
    const next = await change(stored.value)
    if (!next.ok) return next
    if (await storage.replaceSpace(next.value, stored.version)) return next
  }
  return conflict
}

/** Sends a refusal as `{ error }` with its status. */
export function sendRefusal(reply: FastifyReply, outcome: { status: number; error: string }): FastifyReply {
  return reply.code(outcome.status).send({ error: outcome.error })
}
