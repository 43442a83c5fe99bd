import type { FastifyInstance } from 'fastify'
import { createWorkshopSchema, type CreatedWorkshop } from '../../shared/workshop'
import { createWorkshop } from '../workshops/createWorkshop'
import { workshopLinks } from '../workshops/links'
import type { WorkshopStore } from '../storage/workshops/port'
import type { AppDeps } from './deps'
import { authorized, parseBody } from './request'

/**
 * `/api/workshops`: create (`workshops/createWorkshop.ts`; answered with three capability links), read (the metadata and the role of
 * the token), delete (facilitator only; open sockets are closed with `workshopDeleted`).
 * Tokens come in `Authorization: Bearer …`, never in URLs.
 */

export function registerWorkshopRoutes(app: FastifyInstance, deps: AppDeps<WorkshopStore>): void {
  app.post('/api/workshops', async (request, reply) => {
    const body = await parseBody(createWorkshopSchema, request, reply, 'workshop')
    if (!body) return reply
    const { meta, tokens } = await createWorkshop(deps, body)
    const created: CreatedWorkshop = { id: meta.id, links: workshopLinks(deps.publicUrl(request), meta.id, tokens) }
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
