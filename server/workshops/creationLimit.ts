import type { FastifyInstance } from 'fastify'
import type { Clock } from '../clock'
import { TokenBucket } from '../sync/pacing'

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

/** Above this many tracked addresses, those whose bucket is full again are forgotten. */
const SWEEP_ABOVE = 10_000

export class CreationLimiter {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly clock: Clock,
    private readonly perMinute: number,
    private readonly burst: number,
  ) {}

  /** Takes one creation for `address`; false if its bucket is empty. */
  take(address: string): boolean {
    let bucket = this.buckets.get(address)
    if (!bucket) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep()
      bucket = new TokenBucket(this.clock, this.perMinute / 60, this.burst)
      this.buckets.set(address, bucket)
    }
    return bucket.take()
  }

  /** Seconds until `address` may create again (at least 1). */
  retryAfterSeconds(address: string): number {
    return Math.max(1, Math.ceil((this.buckets.get(address)?.msUntilNext() ?? 0) / 1000))
  }

  /** Addresses tracked (tests). */
  size(): number {
    return this.buckets.size
  }

  private sweep(): void {
    for (const [address, bucket] of this.buckets) if (bucket.available() >= this.burst) this.buckets.delete(address)
  }
}

export function registerCreationLimit(
  app: FastifyInstance,
  deps: { clock: Clock; limits: { creationsPerMinute: number; creationBurst: number } },
): void {
  const limiter = new CreationLimiter(deps.clock, deps.limits.creationsPerMinute, deps.limits.creationBurst)
  app.addHook('onRequest', async (request, reply) => {
    if (!CREATION_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) return
    if (limiter.take(request.ip)) return
    request.log.info({ path: request.routeOptions.url }, 'creation refused: rate limited')
    return reply
      .code(429)
      .header('Retry-After', String(limiter.retryAfterSeconds(request.ip)))
      .send({ error: 'too many workshops created from this address; try again later' })
  })
}
