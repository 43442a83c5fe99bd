import type { Logger } from 'pino'
import type { Clock } from '../clock'
import { TokenBucket } from '../sync/pacing'

/**
 * Failed token checks, limited per client address, for every door a token opens (workshop
 * and space routes over HTTP, the `/sync` upgrade). Tokens are 256 bits and cannot be
 * guessed, but a guesser still costs storage look-ups and should be seen: each wrong token
 * takes one from the address's bucket (`tokenFailuresPerMinute`, `tokenFailureBurst`) and
 * is logged with its path and address, never the token; an address whose bucket is empty
 * gets 429 on every token check, right or wrong, until it refills (right tokens cost
 * nothing). The address is the client address of `http/clientAddress.ts` (TRUST_PROXY).
 */

/** Above this many tracked addresses, those whose bucket is full again are forgotten. */
const SWEEP_ABOVE = 10_000

export class TokenGuessLimiter {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly perMinute: number,
    private readonly burst: number,
  ) {}

  /** Whether token checks from `address` are refused for now. */
  blocked(address: string): boolean {
    const bucket = this.buckets.get(address)
    return bucket !== undefined && bucket.available() < 1
  }

  /** A wrong token from `address` (where: the path without its query, the workshop or space id). */
  failed(address: string, where: { path: string; id?: string }): void {
    let bucket = this.buckets.get(address)
    if (!bucket) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep()
      bucket = new TokenBucket(this.clock, this.perMinute / 60, this.burst)
      this.buckets.set(address, bucket)
    }
    bucket.take()
    const nowBlocked = bucket.available() < 1
    this.log.warn({ address, ...where, blocked: nowBlocked }, 'token check failed')
  }

  /** Seconds until `address` may try again (at least 1). */
  retryAfterSeconds(address: string): number {
    return Math.max(1, Math.ceil((this.buckets.get(address)?.msUntilNext() ?? 0) / 1000))
  }

  /** When each address's refusals were last logged: once a minute at most, not per request. */
  private readonly refusalLogged = new Map<string, number>()

  /** Call when a check from `address` is refused (429). */
  refused(address: string, where: { path: string }): void {
    const now = this.clock.now()
    const last = this.refusalLogged.get(address)
    if (last !== undefined && now - last < 60_000) return
    if (this.refusalLogged.size >= SWEEP_ABOVE) this.refusalLogged.clear()
    this.refusalLogged.set(address, now)
    this.log.warn({ address, ...where }, 'token checks refused: too many wrong tokens from this address')
  }

  private sweep(): void {
    for (const [address, bucket] of this.buckets) if (bucket.available() >= this.burst) this.buckets.delete(address)
  }
}

/** The message of a 429 for too many wrong tokens. */
export const TOO_MANY_WRONG_TOKENS = 'too many wrong tokens from this address; try again later'
