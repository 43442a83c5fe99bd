import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import type { CoalitionRecord, SpaceRecord } from '../../shared/spaces/space'
import type { Storage } from '../storage/Storage'

/**
 * Changing a space or a coalition: read it, compute the new record with a pure function,
 * write it only if nobody wrote in between (its version), else start over. Two admins
 * moving cards at once both win; neither silently undoes the other.
 */

/** A refusal with its HTTP status, or the new record. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; status: 400 | 403 | 404 | 409 | 413; error: string }

export function refuse(status: 400 | 403 | 404 | 409 | 413, error: string): { ok: false; status: 400 | 403 | 404 | 409 | 413; error: string } {
  return { ok: false, status, error }
}

/** Conflicts in a row before giving up: only a burst of writes on one record gets there. */
const MAX_ATTEMPTS = 8

const conflict = refuse(409, 'changed by someone else meanwhile; try again')

export async function changeCoalition(
  storage: Storage,
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
  storage: Storage,
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

/** JSON bodies only, like the workshop API: anything else is a 415 before validation. */
export function isJson(request: FastifyRequest): boolean {
  const type = request.headers['content-type']
  return typeof type === 'string' && /^application\/json\s*(;|$)/i.test(type)
}

/**
 * The body parsed with `schema`, or the reply sent: 415 when not JSON, 400 with
 * `{ error, details: [{ path, message }] }` when invalid.
 */
export async function parseBody<S extends z.ZodType>(
  schema: S,
  request: FastifyRequest,
  reply: FastifyReply,
  what: string,
): Promise<z.output<S> | null> {
  if (!isJson(request)) {
    await reply.code(415).send({ error: 'content type must be application/json' })
    return null
  }
  const parsed = schema.safeParse(request.body)
  if (parsed.success) return parsed.data
  await reply.code(400).send({
    error: `invalid ${what}`,
    details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  })
  return null
}
