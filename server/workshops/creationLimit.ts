import type { FastifyInstance } from 'fastify'
import type { Clock } from '../clock'
import { AddressBuckets } from '../http/addressBuckets'

/**
 * A rate limit per client address on everything that creates a workshop or a space
 * (creation, import, a coalition's new workshop): one token bucket per address, shared by
 * those routes, checked in `onRequest` so a refused import is not even read. Beyond it:
 * `429 { error }` with `Retry-After`.
 *
 * The address is `request.ip`: the socket's peer, or behind `TRUST_PROXY` proxies the
 * client they report (clientAddress.ts). Without TRUST_PROXY behind a proxy, every client
 * shares the proxy's address and so one bucket.
 */

/** `METHOD route-pattern` of the routes that create something. */
export const CREATION_ROUTES: ReadonlySet<string> = new Set([
  'POST /api/workshops',
  'POST /api/workshops/import',
  'POST /api/spaces',
  'POST /api/spaces/:id/coalitions/:cid/workshops',
])

export function registerCreationLimit(
  app: FastifyInstance,
  deps: { clock: Clock; limits: { creationsPerMinute: number; creationBurst: number } },
): void {
  const limiter = new AddressBuckets(deps.clock, deps.limits.creationsPerMinute, deps.limits.creationBurst)
  app.addHook('onRequest', async (request, reply) => {
    if (!CREATION_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) return
    if (limiter.of(request.ip).take()) return
    request.log.info({ path: request.routeOptions.url }, 'creation refused: rate limited')
    return reply
      .code(429)
      .header('Retry-After', String(limiter.retryAfterSeconds(request.ip)))
      .send({ error: 'too many workshops created from this address; try again later' })
  })
}
