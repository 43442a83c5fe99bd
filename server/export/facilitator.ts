import type { FastifyReply, FastifyRequest } from 'fastify'
import type { WorkshopMeta } from '../../shared/workshop'
import type { AppDeps } from '../http/deps'
import type { WorkshopStore } from '../storage/workshops/port'
import { authorized } from '../http/request'

/**
 * The workshop if the request's Bearer token is its facilitator's; otherwise the reply is
 * sent (401 no or unknown token, 404 no such workshop, 403 a participant or viewer token)
 * and the result is null. `action` ends the 403 message: "only a facilitator may <action>".
 */
export async function facilitatorOnly(
  deps: AppDeps<WorkshopStore>,
  request: FastifyRequest<{ Params: { id: string } }>,
  reply: FastifyReply,
  action: string,
): Promise<WorkshopMeta | null> {
  const auth = await authorized(deps, request, reply)
  if (!auth) return null
  if (auth.role !== 'facilitator') {
    await reply.code(403).send({ error: `only a facilitator may ${action}` })
    return null
  }
  return auth.workshop
}
