import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
} from 'fastify'
import { registerCheckpointRoutes } from '../checkpoints/checkpointRoutes'
import { registerExportRoutes } from '../export/exportRoutes'
import { registerImportRoutes } from '../export/importRoutes'
import { registerSpaceRoutes } from '../spaces/spaceRoutes'
import { workshopIdSchema } from '../../shared/ids'
import { SYNC_PATH_PREFIX } from '../../shared/protocol'
import { TokenGuessLimiter } from '../auth/tokenGuesses'
import { pathOnly } from '../log'
import { registerCreationLimit } from '../workshops/creationLimit'
import type { AppDeps } from './deps'
import { securityHeaders } from './securityHeaders'
import { registerStaticClient } from './staticClient'
import { registerOperatorRoutes } from './operatorRoutes'
import { registerLinkRoutes } from './linkRoutes'
import { registerWorkshopRoutes } from './workshopRoutes'

/**
 * The HTTP side as a function of its dependencies: `buildApp(deps)` returns a Fastify
 * instance that tests drive with `app.inject()` without opening a port; `main.ts` listens
 * with it and attaches the sync endpoint to its server's `upgrade` event.
 *
 * Every error is JSON `{ "error": "…" }` with its status; a 5xx says "internal error" and
 * the details go to the log, never to the client.
 */

export type { AppDeps } from './deps'

export async function buildApp(given: AppDeps): Promise<FastifyInstance> {
  const { limits } = given.config
  const deps: AppDeps = {
    ...given,
    tokenGuesses:
      given.tokenGuesses ??
      new TokenGuessLimiter(given.clock, given.log, limits.tokenFailuresPerMinute, limits.tokenFailureBurst),
  }
  const app = Fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.config.limits.maxBodyBytes,
    // Slow clients (slowloris): headers must arrive within HTTP_HEADERS_TIMEOUT_MS and the
    // whole request within HTTP_REQUEST_TIMEOUT_MS, checked every second (Node's default
    // check is every 30 s, on top of a 60 s header time-out: 1,500 held connections lasted 67 s).
    http: {
      headersTimeout: limits.httpHeadersTimeoutMs,
      requestTimeout: limits.httpRequestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, limits.httpHeadersTimeoutMs),
    },
    requestTimeout: limits.httpRequestTimeoutMs,
    // `request.ip` behind TRUST_PROXY proxies: the same rule as the sync endpoint's (clientAddress.ts).
    trustProxy: (_address: string, hop: number) => hop < deps.config.trustProxy,
    // What the router refuses before any hook runs (a URL that does not decode, a route
    // parameter past its length): JSON and the security headers like every other answer.
    frameworkErrors: (error, request, reply) => {
      const status = error.statusCode === 414 ? 414 : 400
      void (reply as FastifyReply)
        .headers(securityHeaders(deps.config.publicUrl, request))
        .code(status)
        .send({ error: status === 414 ? 'path too long' : 'invalid url' })
    },
  })

  // JSON only: any other body type is a 415 before a handler runs.
  app.removeContentTypeParser('text/plain')

  app.addHook('onRequest', async (request, reply) => {
    reply.headers(securityHeaders(deps.config.publicUrl, request))
  })
  app.addHook('onResponse', async (request, reply) => {
    // The route's workshop, if the id is one (ids are not secrets; a token pasted as an id is not logged).
    const params = request.params as { id?: unknown } | undefined
    const isWorkshopRoute = request.routeOptions.url?.startsWith('/api/workshops/:id') === true
    const workshopId =
      isWorkshopRoute && workshopIdSchema.safeParse(params?.id).success ? (params?.id as string) : undefined
    request.log.info(
      {
        method: request.method,
        path: pathOnly(request.url),
        workshopId,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'http',
    )
  })

  app.setErrorHandler(async (error: FastifyError, request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500
    if (status >= 500) {
      request.log.error({ err: error, path: pathOnly(request.url) }, 'request failed')
      return reply.code(status).send({ error: 'internal error' })
    }
    return reply.code(status).send({ error: error.message })
  })

  app.get('/api/health', async () => ({ status: 'ok', rooms: deps.rooms.size() }))
  // For operators of several servers (OPERATOR_TOKEN): which workshops this one holds.
  registerOperatorRoutes(app, deps)

  app.get('/api/config', async (request) => ({
    tldrawLicenseKey: deps.config.tldrawLicenseKey,
    publicUrl: deps.publicUrl(request),
  }))

  // Before the routes: creation and import refused per address beyond the limit.
  registerCreationLimit(app, { clock: deps.clock, limits: deps.config.limits })
  registerWorkshopRoutes(app, deps)
  registerLinkRoutes(app, deps)
  // Workshop outcomes: export, import, checkpoints.
  registerExportRoutes(app, deps)
  registerImportRoutes(app, deps)
  registerCheckpointRoutes(app, deps)
  registerSpaceRoutes(app, deps)

  // The sync endpoint lives on `upgrade`; a plain GET there is a client mistake.
  app.get(`${SYNC_PATH_PREFIX}*`, async (_request, reply) =>
    reply.code(426).header('Upgrade', 'websocket').send({ error: 'websocket upgrade required' }),
  )

  await registerStaticClient(app, deps.config.distDir)
  return app
}
