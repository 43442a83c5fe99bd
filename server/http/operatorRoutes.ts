import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import { hashToken } from '../auth/tokens'
import type { AppDeps } from './deps'
import { bearer } from './request'
import { limitedTokenCheck } from './tokenChecks'

/**
 * Routes for the people who run the servers, not for workshops: `/api/health/rooms` lists
 * the workshops this server holds right now with their connection counts. Which workshops
 * are live, and how many people are in each, is nobody else's business: the route answers
 * only `Authorization: Bearer <OPERATOR_TOKEN>`, and 404 when no token is configured. A wrong
 * token counts against the per-address limit like a wrong workshop token.
 */
export function registerOperatorRoutes(app: FastifyInstance, deps: AppDeps<unknown>): void {
  const expected = deps.config.operatorToken === null ? null : hashToken(deps.config.operatorToken)

  app.get('/api/health/rooms', async (request, reply) => {
    if (!expected) return reply.code(404).send({ error: 'operator routes are off: set OPERATOR_TOKEN to use them' })
    const token = bearer(request)
    const result = await limitedTokenCheck(deps, request, reply, token, async () =>
      token !== null && timingSafeEqual(hashToken(token), expected)
        ? ({ ok: true } as const)
        : ({ ok: false, status: 401 } as const),
    )
    if (!result) return reply
    if (!result.ok) return reply.code(401).send({ error: 'operator token required (Authorization: Bearer …)' })
    return reply.header('Cache-Control', 'no-store').send({ status: 'ok', rooms: deps.rooms.list() })
  })
}
