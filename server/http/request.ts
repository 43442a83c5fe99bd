import type { FastifyReply, FastifyRequest } from 'fastify'
import type { z } from 'zod'
import { authorize, type Authorization } from '../auth/authorize'
import type { WorkshopStore } from '../storage/workshops/port'
import type { AppDeps } from './deps'
import { limitedTokenCheck } from './tokenChecks'

/**
 * What every route reads from a request: the bearer token (tokens come in
 * `Authorization: Bearer …`, never in URLs), the workshop role it grants, and a JSON body
 * checked by its zod schema.
 */

export function bearer(request: FastifyRequest): string | null {
  const header = request.headers.authorization
  if (!header) return null
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  return match ? match[1] : null
}

/**
 * What the Bearer token opens for the route's `:id`, checked by `check` under the wrong-token
 * limit; otherwise null, the reply sent (429, or the check's `{ status, error }`).
 */
export async function bearerAccess<T extends { ok: true } | { ok: false; status: number; error: string }>(
  deps: AppDeps<unknown>,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  check: (id: string, token: string | null) => Promise<T>,
): Promise<Extract<T, { ok: true }> | null> {
  const token = bearer(request)
  const id = request.params.id
  const auth = await limitedTokenCheck(deps, request, reply, token, () => check(id, token), id)
  if (!auth) return null
  if (auth.ok) return auth as Extract<T, { ok: true }>
  await reply.code(auth.status).send({ error: (auth as { error: string }).error })
  return null
}

/** The workshop role the Bearer token opens; otherwise null, the reply sent. */
export function authorized(
  deps: AppDeps<WorkshopStore>,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
): Promise<(Authorization & { ok: true }) | null> {
  return bearerAccess(deps, request, reply, (id, token) => authorize(deps.storage, id, token))
}

/** JSON bodies only: anything else is a 415 before validation. */
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
  await sendInvalid(reply, what, parsed.error)
  return null
}

/** `400 { error: "invalid <what>", details: [{ path, message }] }`: what zod refused, and where. */
export async function sendInvalid(reply: FastifyReply, what: string, error: z.ZodError): Promise<void> {
  await reply.code(400).send({
    error: `invalid ${what}`,
    details: error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
  })
}
