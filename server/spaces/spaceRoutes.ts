import type { FastifyInstance } from 'fastify'
import {
  createSpaceSchema,
  patchSpaceSchema,
  spaceLink,
  type CreatedSpace,
  type SpaceRecord,
} from '../../shared/spaces/space'
import { dayIn, exportFileName } from '../../shared/export/fileName'
import { defaultThemes, resolveThemes } from '../../shared/spaces/themes'
import type { SpaceView } from '../../shared/spaces/view'
import type { AppDeps } from '../http/deps'
import type { SpaceStore } from '../storage/spaces/port'
import type { StateReader } from '../storage/Storage'
import type { WorkshopStore } from '../storage/workshops/port'
import { registerCoalitionRoutes } from './coalitionRoutes'
import { spaceAccess, viewDeps } from './spaceAccess'
import { generateSpaceId, newSpaceTokens, viewerTokenFor } from './spaceAuth'
import { parseBody } from '../http/request'
import { changeSpace, refuse, sendRefusal } from './spaceChanges'
import type * as SpaceOutcomes from './spaceOutcomes'

/**
 * `/api/spaces`: programme spaces. Create (admin and read-only links), read (any space
 * token), change and delete (admin), and the booklet export (admin). Coalition routes are
 * in `coalitionRoutes.ts`. Tokens come in `Authorization: Bearer …`, never in URLs; every
 * check happens here, on the server — the read-only link changes nothing whatever it sends.
 */

/**
 * Reading coalitions' outcomes (the export model) and the booklet's builders, loaded with
 * the first request that needs them rather than at start.
 */
let outcomes: Promise<typeof SpaceOutcomes> | null = null
const spaceOutcomes = (): Promise<typeof SpaceOutcomes> => (outcomes ??= import('./spaceOutcomes'))

const LIVRET_FORMATS = {
  md: 'text/markdown; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const

export function registerSpaceRoutes(
  app: FastifyInstance,
  deps: AppDeps<SpaceStore & WorkshopStore & StateReader>,
): void {
  app.post('/api/spaces', async (request, reply) => {
    const body = await parseBody(createSpaceSchema, request, reply, 'space')
    if (!body) return reply
    const locale = body.locale ?? 'fr'
    const now = deps.clock.now()
    const space: SpaceRecord = {
      id: generateSpaceId(),
      title: body.title,
      description: body.description ?? '',
      locale,
      themes: body.themes ? resolveThemes(body.themes, []).themes : defaultThemes(locale),
      createdAt: now,
      updatedAt: now,
    }
    const tokens = newSpaceTokens()
    await deps.storage.createSpace(space, tokens.stored)
    const publicUrl = deps.publicUrl(request)
    const created: CreatedSpace = {
      id: space.id,
      links: {
        admin: spaceLink(publicUrl, space.id, tokens.admin),
        viewer: spaceLink(publicUrl, space.id, tokens.viewer),
      },
    }
    request.log.info({ spaceId: space.id }, 'space created')
    return reply.code(201).send(created)
  })

  app.get<{ Params: { id: string } }>('/api/spaces/:id', async (request, reply) => {
    const auth = await spaceAccess(deps, request, reply, 'any')
    if (!auth) return reply
    const records = await deps.storage.listCoalitions(auth.space.value.id)
    const { loadCoalitions } = await spaceOutcomes()
    const loaded = await loadCoalitions(
      viewDeps(deps),
      records.map((r) => r.value),
    )
    const publicUrl = deps.publicUrl(request)
    const view: SpaceView = {
      role: auth.role,
      space: auth.space.value,
      coalitions: loaded.map((c) => c.view),
      links:
        auth.role === 'admin'
          ? {
              admin: spaceLink(publicUrl, auth.space.value.id, auth.token),
              viewer: spaceLink(publicUrl, auth.space.value.id, viewerTokenFor(auth.token)),
            }
          : null,
    }
    return reply.header('Cache-Control', 'no-store').send(view)
  })

  app.patch<{ Params: { id: string } }>('/api/spaces/:id', async (request, reply) => {
    const auth = await spaceAccess(deps, request, reply, 'admin')
    if (!auth) return reply
    const patch = await parseBody(patchSpaceSchema, request, reply, 'space')
    if (!patch) return reply
    const result = await changeSpace(deps.storage, auth.space.value.id, async (current) => {
      const next: SpaceRecord = { ...current, updatedAt: deps.clock.now() }
      if (patch.title !== undefined) next.title = patch.title
      if (patch.description !== undefined) next.description = patch.description
      if (patch.locale !== undefined) next.locale = patch.locale
      if (patch.themes !== undefined) {
        const { themes, removed } = resolveThemes(patch.themes, current.themes)
        if (removed.length > 0) {
          const coalitions = await deps.storage.listCoalitions(current.id)
          for (const id of removed) {
            const users = coalitions.filter((c) => c.value.themeId === id).length
            const label = current.themes.find((t) => t.id === id)?.label ?? id
            if (users > 0) return refuse(409, `theme "${label}" is used by ${users} coalition(s): move them first`)
          }
        }
        next.themes = themes
      }
      return { ok: true, value: next }
    })
    if (!result.ok) return sendRefusal(reply, result)
    return reply.send({ space: result.value })
  })

  app.delete<{ Params: { id: string } }>('/api/spaces/:id', async (request, reply) => {
    const auth = await spaceAccess(deps, request, reply, 'admin')
    if (!auth) return reply
    // The workshops stay: they have their own links and their own delete.
    await deps.storage.deleteSpace(auth.space.value.id)
    request.log.info({ spaceId: auth.space.value.id }, 'space deleted')
    return reply.code(204).send()
  })

  app.get<{ Params: { id: string }; Querystring: { format?: string } }>(
    '/api/spaces/:id/export',
    async (request, reply) => {
      const auth = await spaceAccess(deps, request, reply, 'admin')
      if (!auth) return reply
      const format = request.query.format ?? 'md'
      if (format !== 'md' && format !== 'json') return reply.code(400).send({ error: 'format must be md or json' })
      const space = auth.space.value
      const records = await deps.storage.listCoalitions(space.id)
      const { loadCoalitions, buildLivretMarkdown, buildLivretJson } = await spaceOutcomes()
      const loaded = await loadCoalitions(
        viewDeps(deps),
        records.map((r) => r.value),
        { sheets: true },
      )
      const now = deps.clock.now()
      const input = {
        space,
        coalitions: loaded.map((c) => c.view),
        sheets: new Map(loaded.flatMap((c) => (c.latest ? [[c.view.id, c.latest] as const] : []))),
        exportedAt: now,
      }
      const body = format === 'md' ? buildLivretMarkdown(input) : JSON.stringify(buildLivretJson(input))
      request.log.info({ spaceId: space.id, format }, 'space exported')
      return reply
        .header('Content-Type', LIVRET_FORMATS[format])
        .header(
          'Content-Disposition',
          `attachment; filename="${exportFileName(`livret ${space.title}`, dayIn(now), format)}"`,
        )
        .header('Cache-Control', 'no-store')
        .send(body)
    },
  )

  registerCoalitionRoutes(app, deps)
}
