import type { FastifyInstance } from 'fastify'
import {
  attachWorkshopSchema,
  coalitionIdSchema,
  createCoalitionSchema,
  decisionInputSchema,
  launchWorkshopSchema,
  patchCoalitionSchema,
  SPACE_LIMITS,
  type CoalitionRecord,
  type Decision,
  type SpaceRecord,
} from '../../shared/spaces/space'
import { markedByAdmin } from '../../shared/spaces/sheetSync'
import { createWorkshopSchema, type CreatedWorkshop } from '../../shared/workshop'
import { authorize } from '../auth/authorize'
import { limitedTokenCheck } from '../http/tokenChecks'
import type { AppDeps } from '../http/deps'
import type { SpaceStore } from '../storage/spaces/port'
import type { WorkshopStore } from '../storage/workshops/port'
import { generateCoalitionId } from './spaceAuth'
import { parseBody, sendInvalid } from '../http/request'
import { createWorkshop } from '../workshops/createWorkshop'
import { workshopLinks } from '../workshops/links'
import { changeCoalition, refuse, sendRefusal, type Outcome } from './spaceChanges'
import { spaceAccess } from './spaceAccess'

/**
 * Coalitions of a space (admin only): create, change, delete, record a decision, start a
 * workshop for one, attach an existing workshop (its facilitator token proves control of
 * it), detach one. Answers carry the changed coalition record.
 */

type Params = { id: string; cid: string }
type WorkshopParams = Params & { wid: string }

function unknownTheme(space: SpaceRecord, themeId: string | null | undefined): boolean {
  return themeId !== undefined && themeId !== null && !space.themes.some((theme) => theme.id === themeId)
}

/** The coalition with one more workshop, created for it or attached to it `now`. */
function withWorkshop(
  current: CoalitionRecord,
  workshopId: string,
  origin: CoalitionRecord['workshops'][number]['origin'],
  now: number,
): CoalitionRecord {
  return { ...current, workshops: [...current.workshops, { workshopId, origin, attachedAt: now }], updatedAt: now }
}

/** The workshop's coalition in this space, if any. */
async function holderOf(
  deps: AppDeps<SpaceStore>,
  spaceId: string,
  workshopId: string,
): Promise<CoalitionRecord | null> {
  const coalitions = await deps.storage.listCoalitions(spaceId)
  return coalitions.find((c) => c.value.workshops.some((w) => w.workshopId === workshopId))?.value ?? null
}

export function registerCoalitionRoutes(app: FastifyInstance, deps: AppDeps<SpaceStore & WorkshopStore>): void {
  const base = '/api/spaces/:id/coalitions'

  app.post<{ Params: { id: string } }>(base, async (request, reply) => {
    const auth = await spaceAccess(deps, request, reply, 'admin')
    if (!auth) return reply
    const body = await parseBody(createCoalitionSchema, request, reply, 'coalition')
    if (!body) return reply
    const space = auth.space.value
    if (unknownTheme(space, body.themeId)) return reply.code(400).send({ error: `unknown theme "${body.themeId}"` })
    if ((await deps.storage.listCoalitions(space.id)).length >= SPACE_LIMITS.coalitions) {
      return reply.code(413).send({ error: `a space holds at most ${SPACE_LIMITS.coalitions} coalitions` })
    }
    const now = deps.clock.now()
    const record: CoalitionRecord = {
      id: generateCoalitionId(),
      title: body.title,
      themeId: body.themeId ?? null,
      cohort: body.cohort ?? 'stock',
      status: body.status ?? 'idee',
      needs: body.needs ?? [],
      coLeads: body.coLeads ?? [],
      problem: body.problem ?? '',
      horizon: body.horizon ?? '',
      modalities: body.modalities ?? '',
      sheetChange: null,
      template: body.template ?? 'full-workshop',
      decisions: [],
      workshops: [],
      nextDecisionSeq: 1,
      createdAt: now,
      updatedAt: now,
    }
    // 72 random bits: a clash is all but impossible, and refused by storage anyway.
    if (!(await deps.storage.saveCoalition(space.id, record, null)))
      return reply.code(409).send({ error: 'coalition id exists; try again' })
    request.log.info({ spaceId: space.id, coalitionId: record.id }, 'coalition created')
    return reply.code(201).send({ coalition: record })
  })

  app.patch<{ Params: Params }>(`${base}/:cid`, async (request, reply) => {
    const auth = await spaceAccess(deps, request, reply, 'admin')
    if (!auth) return reply
    if (!coalitionIdSchema.safeParse(request.params.cid).success)
      return reply.code(404).send({ error: 'coalition not found' })
    const patch = await parseBody(patchCoalitionSchema, request, reply, 'coalition')
    if (!patch) return reply
    if (unknownTheme(auth.space.value, patch.themeId))
      return reply.code(400).send({ error: `unknown theme "${patch.themeId}"` })
    const result = await changeCoalition(deps.storage, auth.space.value.id, request.params.cid, (current) => {
      const now = deps.clock.now()
      // A change to its sheet's fields (title, needs…) is dated, so its workshops take it.
      return { ok: true, value: markedByAdmin({ ...current, ...patch, updatedAt: now }, current, now) }
    })
    // Its loaded workshops show the change now; the others take it when they next load.
    if (result.ok && result.value.sheetChange?.workshopId === null)
      await Promise.all(result.value.workshops.map((ref) => deps.rooms.get(ref.workshopId)?.refreshSheet()))
    if (!result.ok) return sendRefusal(reply, result)
    return reply.send({ coalition: result.value })
  })

  app.delete<{ Params: Params }>(`${base}/:cid`, async (request, reply) => {
    const auth = await spaceAccess(deps, request, reply, 'admin')
    if (!auth) return reply
    // Its workshops stay: they have their own links and their own delete.
    const deleted = await deps.storage.deleteCoalition(auth.space.value.id, request.params.cid)
    if (!deleted) return reply.code(404).send({ error: 'coalition not found' })
    return reply.code(204).send()
  })

  app.post<{ Params: Params }>(`${base}/:cid/decisions`, async (request, reply) => {
    const auth = await spaceAccess(deps, request, reply, 'admin')
    if (!auth) return reply
    const input = await parseBody(decisionInputSchema, request, reply, 'decision')
    if (!input) return reply
    let decision: Decision | null = null
    const result = await changeCoalition(deps.storage, auth.space.value.id, request.params.cid, (current) => {
      if (current.decisions.length >= SPACE_LIMITS.decisions)
        return refuse(413, `at most ${SPACE_LIMITS.decisions} decisions per coalition`)
      const now = deps.clock.now()
      decision = { id: `d${current.nextDecisionSeq}`, ...input, recordedAt: now }
      return {
        ok: true,
        value: {
          ...current,
          decisions: [...current.decisions, decision],
          nextDecisionSeq: current.nextDecisionSeq + 1,
          updatedAt: now,
        },
      }
    })
    if (!result.ok) return sendRefusal(reply, result)
    return reply.code(201).send({ coalition: result.value, decision })
  })

  app.post<{ Params: Params }>(`${base}/:cid/workshops`, async (request, reply) => {
    const auth = await spaceAccess(deps, request, reply, 'admin')
    if (!auth) return reply
    const body = await parseBody(launchWorkshopSchema, request, reply, 'workshop')
    if (!body) return reply
    const space = auth.space.value
    const coalition = await deps.storage.getCoalition(space.id, request.params.cid)
    if (!coalition) return reply.code(404).send({ error: 'coalition not found' })
    if (coalition.value.workshops.length >= SPACE_LIMITS.workshops) {
      return reply.code(413).send({ error: `at most ${SPACE_LIMITS.workshops} workshops per coalition` })
    }
    // Made exactly like a workshop started from the landing page (template board, tokens),
    // its links pointing where the admin reached us (linkOrigin.ts).
    const asked = createWorkshopSchema.safeParse({
      title: body.title ?? coalition.value.title,
      coalition: coalition.value.title,
      template: body.template ?? coalition.value.template,
      locale: body.locale ?? space.locale,
    })
    if (!asked.success) {
      await sendInvalid(reply, 'workshop', asked.error)
      return reply
    }
    const { meta, tokens } = await createWorkshop(deps, asked.data)
    request.log.info({ workshopId: meta.id }, 'workshop created')
    const workshop: CreatedWorkshop = { id: meta.id, links: workshopLinks(deps.publicUrl(request), meta.id, tokens) }
    const result = await changeCoalition(
      deps.storage,
      space.id,
      coalition.value.id,
      (current): Outcome<CoalitionRecord> => ({
        ok: true,
        value: withWorkshop(current, workshop.id, 'created', deps.clock.now()),
      }),
    )
    if (!result.ok) {
      // The coalition went away meanwhile: do not leave a workshop nobody has the links of.
      await deps.storage.deleteWorkshop(workshop.id)
      return sendRefusal(reply, result)
    }
    request.log.info(
      { spaceId: space.id, coalitionId: coalition.value.id, workshopId: workshop.id },
      'workshop started for a coalition',
    )
    return reply.code(201).send({ workshop, coalition: result.value })
  })

  app.post<{ Params: Params }>(`${base}/:cid/attach`, async (request, reply) => {
    const auth = await spaceAccess(deps, request, reply, 'admin')
    if (!auth) return reply
    const body = await parseBody(attachWorkshopSchema, request, reply, 'attachment')
    if (!body) return reply
    const proof = await limitedTokenCheck(
      deps,
      request,
      reply,
      body.facilitatorToken,
      () => authorize(deps.storage, body.workshopId, body.facilitatorToken),
      body.workshopId,
    )
    if (!proof) return reply
    if (!proof.ok)
      return reply
        .code(proof.status === 404 ? 404 : 403)
        .send({ error: proof.status === 404 ? 'workshop not found' : 'this token does not open that workshop' })
    if (proof.role !== 'facilitator')
      return reply.code(403).send({ error: 'only a facilitator link proves control of a workshop' })
    const spaceId = auth.space.value.id
    const holder = await holderOf(deps, spaceId, body.workshopId)
    if (holder)
      return reply.code(409).send({ error: `this workshop already belongs to the coalition "${holder.title}"` })
    const result = await changeCoalition(deps.storage, spaceId, request.params.cid, async (current) => {
      if (current.workshops.length >= SPACE_LIMITS.workshops)
        return refuse(413, `at most ${SPACE_LIMITS.workshops} workshops per coalition`)
      if (current.workshops.some((w) => w.workshopId === body.workshopId))
        return refuse(409, 'this workshop is already attached')
      return { ok: true, value: withWorkshop(current, body.workshopId, 'attached', deps.clock.now()) }
    })
    if (!result.ok) return sendRefusal(reply, result)
    return reply.send({ coalition: result.value })
  })

  app.delete<{ Params: WorkshopParams }>(`${base}/:cid/workshops/:wid`, async (request, reply) => {
    const auth = await spaceAccess(deps, request, reply, 'admin')
    if (!auth) return reply
    const { wid } = request.params
    const result = await changeCoalition(deps.storage, auth.space.value.id, request.params.cid, (current) => {
      if (!current.workshops.some((w) => w.workshopId === wid))
        return refuse(404, 'workshop not attached to this coalition')
      return {
        ok: true,
        value: {
          ...current,
          workshops: current.workshops.filter((w) => w.workshopId !== wid),
          updatedAt: deps.clock.now(),
        },
      }
    })
    if (!result.ok) return sendRefusal(reply, result)
    return reply.send({ coalition: result.value })
  })
}
