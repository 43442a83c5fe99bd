import type { FastifyInstance, FastifyReply } from 'fastify'
import { z } from 'zod'
import { facilitatorOnly } from '../export/facilitator'
import type { AppDeps } from '../http/deps'
import type { CheckpointStore } from '../storage/checkpoints/port'
import type { ControlStore } from '../storage/controlState/port'
import type { DocumentLog } from '../storage/documentLog/port'
import type { WorkshopStore } from '../storage/workshops/port'
import {
  CHECKPOINT_ID,
  CheckpointError,
  MAX_CHECKPOINT_NAME,
  publicInfo,
  restoreCheckpoint,
  saveCheckpoint,
} from './checkpoints'

/**
 * Checkpoints over HTTP, facilitator token only (`Authorization: Bearer`):
 * - `GET    /api/workshops/<id>/checkpoints` → `{ checkpoints: [{ id, name, author, createdAt, automatic }] }`, newest first
 * - `POST   /api/workshops/<id>/checkpoints` `{ name, author? }` → `201 { checkpoint }`
 * - `POST   /api/workshops/<id>/checkpoints/<cid>/restore` `{ author? }` → `{ restored, before }`
 * - `DELETE /api/workshops/<id>/checkpoints/<cid>` → `204`
 */

const author = z.string().trim().max(MAX_CHECKPOINT_NAME, `author is longer than ${MAX_CHECKPOINT_NAME} characters`)
const saveBody = z
  .object({
    name: z
      .string({ error: 'name is required' })
      .trim()
      .min(1, 'name is required')
      .max(MAX_CHECKPOINT_NAME, `name is longer than ${MAX_CHECKPOINT_NAME} characters`),
    author: author.optional(),
  })
  .strict()
const restoreBody = z.object({ author: author.optional() }).strict()

type Params = { id: string; cid: string }

function invalid(reply: FastifyReply, error: z.ZodError): FastifyReply {
  return reply.code(400).send({
    error: 'invalid checkpoint request',
    details: error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  })
}

function refused(reply: FastifyReply, err: unknown): FastifyReply {
  if (err instanceof CheckpointError) return reply.code(err.status).send({ error: err.message })
  throw err
}

export function registerCheckpointRoutes(
  app: FastifyInstance,
  deps: AppDeps<WorkshopStore & CheckpointStore & DocumentLog & ControlStore>,
): void {
  app.get<{ Params: { id: string } }>('/api/workshops/:id/checkpoints', async (request, reply) => {
    const meta = await facilitatorOnly(deps, request, reply, 'see checkpoints')
    if (!meta) return reply
    const list = await deps.storage.listCheckpoints(meta.id)
    return reply.header('Cache-Control', 'no-store').send({ checkpoints: list.map(publicInfo) })
  })

  app.post<{ Params: { id: string } }>('/api/workshops/:id/checkpoints', async (request, reply) => {
    const meta = await facilitatorOnly(deps, request, reply, 'save a checkpoint')
    if (!meta) return reply
    const body = saveBody.safeParse(request.body ?? {})
    if (!body.success) return invalid(reply, body.error)
    try {
      const saved = await saveCheckpoint(deps, meta, { name: body.data.name, author: body.data.author ?? '' })
      request.log.info({ workshopId: meta.id, checkpointId: saved.id }, 'checkpoint saved')
      return reply.code(201).send({ checkpoint: publicInfo(saved) })
    } catch (err) {
      return refused(reply, err)
    }
  })

  app.post<{ Params: Params }>('/api/workshops/:id/checkpoints/:cid/restore', async (request, reply) => {
    const meta = await facilitatorOnly(deps, request, reply, 'restore a checkpoint')
    if (!meta) return reply
    if (!CHECKPOINT_ID.test(request.params.cid)) return reply.code(404).send({ error: 'checkpoint not found' })
    const body = restoreBody.safeParse(request.body ?? {})
    if (!body.success) return invalid(reply, body.error)
    try {
      const { restored, before } = await restoreCheckpoint(deps, meta, request.params.cid, body.data.author ?? '')
      return reply.send({ restored: publicInfo(restored), before: publicInfo(before) })
    } catch (err) {
      return refused(reply, err)
    }
  })

  app.delete<{ Params: Params }>('/api/workshops/:id/checkpoints/:cid', async (request, reply) => {
    const meta = await facilitatorOnly(deps, request, reply, 'delete a checkpoint')
    if (!meta) return reply
    const deleted =
      CHECKPOINT_ID.test(request.params.cid) && (await deps.storage.deleteCheckpoint(meta.id, request.params.cid))
    if (!deleted) return reply.code(404).send({ error: 'checkpoint not found' })
    return reply.code(204).send()
  })
}
