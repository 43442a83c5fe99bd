import type { FastifyInstance } from 'fastify'
import { createWorkshopSchema, workshopLink, type CreatedWorkshop, type WorkshopMeta } from '../../shared/workshop'
import { generateWorkshopId, newWorkshopTokens, storedTokens } from '../auth/tokens'
import { templateBoardState } from '../templates/templateBoard'
import type { AppDeps } from './deps'
import { authorized, isJson } from './request'

/**
 * `/api/workshops`: create (three capability links), read (the metadata and the role of
 * the token), delete (facilitator only; open sockets are closed with `workshopDeleted`).
 * Tokens come in `Authorization: Bearer …`, never in URLs.
 */

export function registerWorkshopRoutes(app: FastifyInstance, deps: AppDeps): void {
  app.post('/api/workshops', async (request, reply) => {
    if (!isJson(request)) return reply.code(415).send({ error: 'content type must be application/json' })
    const parsed = createWorkshopSchema.safeParse(request.body)
    if (!parsed.success) {
      return reply.code(400).send({
        error: 'invalid workshop',
        details: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
      })
    }
    const body = parsed.data
    const meta: WorkshopMeta = {
      id: generateWorkshopId(),
      title: body.title,
      coalition: body.coalition ?? '',
      template: body.template ?? 'blank',
      locale: body.locale ?? 'fr',
      createdAt: deps.clock.now(),
    }
    const tokens = newWorkshopTokens()
    const hashes = storedTokens(tokens)
    // A template's board is stored with the workshop, in one transaction.
    const board = templateBoardState(meta.template, meta.locale)
    if (board)
      await deps.storage.createWorkshopWithContent(meta, hashes, {
        docState: board,
        control: {},
        importedParticipants: 0,
      })
    else await deps.storage.createWorkshop(meta, hashes)
    const publicUrl = deps.publicUrl(request)
    const created: CreatedWorkshop = {
      id: meta.id,
      links: {
        facilitator: workshopLink(publicUrl, meta.id, tokens.facilitator),
        participant: workshopLink(publicUrl, meta.id, tokens.participant),
        viewer: workshopLink(publicUrl, meta.id, tokens.viewer),
      },
    }
    request.log.info({ workshopId: meta.id }, 'workshop created')
    return reply.code(201).send(created)
  })

  app.get<{ Params: { id: string } }>('/api/workshops/:id', async (request, reply) => {
    const auth = await authorized(deps, request, reply)
    if (!auth) return reply
    const { id, title, coalition, template, locale, createdAt } = auth.workshop
    return reply.send({ id, title, coalition, template, locale, createdAt, role: auth.role })
  })

  app.delete<{ Params: { id: string } }>('/api/workshops/:id', async (request, reply) => {
    const auth = await authorized(deps, request, reply)
    if (!auth) return reply
    if (auth.role !== 'facilitator') return reply.code(403).send({ error: 'only a facilitator may delete a workshop' })
    // Drop the room first (closing its sockets, discarding unsaved writes), then the data.
    deps.rooms.evict(auth.workshop.id)
    await deps.storage.deleteWorkshop(auth.workshop.id)
    request.log.info({ workshopId: auth.workshop.id }, 'workshop deleted')
    return reply.code(204).send()
  })
}
