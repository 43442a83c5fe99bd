import type { FastifyInstance } from 'fastify'
import { CloseCode } from '../../shared/protocol'
import type { SharedLinks } from '../../shared/workshop'
import { deriveRoleToken, hashToken, recoverRoleTokens } from '../auth/tokens'
import { workshopLinks } from '../workshops/links'
import type { WorkshopStore } from '../storage/workshops/port'
import type { AppDeps } from './deps'
import { authorized, bearer } from './request'

/**
 * The links a facilitator shares again (« Partager »): the participant and viewer tokens
 * are derived from the facilitator token (`auth/tokens.ts`), so the server recomputes them
 * from the bearer token without ever storing them. A workshop created before derivation
 * answers `recoverable: false`; `rotate` then replaces its participant and viewer tokens
 * with derived ones and closes the sockets opened with the old ones (`linkReplaced`).
 */
export function registerLinkRoutes(app: FastifyInstance, deps: AppDeps<WorkshopStore>): void {
  app.get<{ Params: { id: string } }>('/api/workshops/:id/links', async (request, reply) => {
    const auth = await authorized(deps, request, reply)
    if (!auth) return reply
    if (auth.role !== 'facilitator') return reply.code(403).send({ error: 'only a facilitator may see the links' })
    const token = bearer(request) as string
    const recovered = recoverRoleTokens(token, await deps.storage.getTokens(auth.workshop.id))
    const publicUrl = deps.publicUrl(request)
    const answer: SharedLinks = recovered
      ? {
          recoverable: true,
          links: workshopLinks(publicUrl, auth.workshop.id, { facilitator: token, ...recovered }),
        }
      : { recoverable: false }
    return reply.header('Cache-Control', 'no-store').send(answer)
  })

  app.post<{ Params: { id: string } }>('/api/workshops/:id/links/rotate', async (request, reply) => {
    const auth = await authorized(deps, request, reply)
    if (!auth) return reply
    if (auth.role !== 'facilitator') return reply.code(403).send({ error: 'only a facilitator may replace the links' })
    const token = bearer(request) as string
    const id = auth.workshop.id
    const participant = deriveRoleToken(token, 'participant')
    const viewer = deriveRoleToken(token, 'viewer')
    await deps.storage.replaceRoleTokens(id, [
      { hash: hashToken(participant), role: 'participant' },
      { hash: hashToken(viewer), role: 'viewer' },
    ])
    // Sockets opened with the old links close now, with a code the client names; a
    // reconnect with an old link is refused (401) like any unknown token.
    const closed = deps.rooms.get(id)?.closeRoles(['participant', 'viewer'], CloseCode.linkReplaced) ?? 0
    request.log.info({ workshopId: id, closed }, 'participant and viewer links replaced')
    const publicUrl = deps.publicUrl(request)
    const answer: SharedLinks = {
      recoverable: true,
      links: workshopLinks(publicUrl, id, { facilitator: token, participant, viewer }),
    }
    return reply.header('Cache-Control', 'no-store').send(answer)
  })
}
