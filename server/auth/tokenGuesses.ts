import type { Logger } from 'pino'
import type { Clock } from '../clock'
import { AddressBuckets } from '../http/addressBuckets'

/**
 * Failed token checks, limited per client address, for every door a token opens (workshop
 * and space routes over HTTP, the `/sync` upgrade). Tokens are 256 bits and cannot be
 * guessed, but a guesser still costs storage look-ups and should be seen: each wrong token
 * takes one from the address's bucket (`tokenFailuresPerMinute`, `tokenFailureBurst`) and
 * is logged with its path and address, never the token; an address whose bucket is empty
 * gets 429 on every token check, right or wrong, until it refills (right tokens cost
 * nothing). The address is the client address of `http/clientAddress.ts` (TRUST_PROXY).
 */

/** Above this many addresses whose refusals were logged, the record starts again. */
const REFUSALS_LOGGED_AT_MOST = 10_000

export class TokenGuessLimiter {
  private readonly buckets: AddressBuckets

  constructor(
    private readonly clock: Clock,
    private readonly log: Logger,
    perMinute: number,
    burst: number,
  ) {
    this.buckets = new AddressBuckets(clock, perMinute, burst)
  }

  /** Whether token checks from `address` are refused for now. */
  blocked(address: string): boolean {
    const bucket = this.buckets.find(address)
    return bucket !== undefined && bucket.available() < 1
  }

  /** A wrong token from `address` (where: the path without its query, the workshop or space id). */
  failed(address: string, where: { path: string; id?: string }): void {
    const bucket = this.buckets.of(address)
    bucket.take()
    const nowBlocked = bucket.available() < 1
    this.log.warn({ address, ...where, blocked: nowBlocked }, 'token check failed')
  }

  /** Seconds until `address` may try again (at least 1). */
  retryAfterSeconds(address: string): number {
    return this.buckets.retryAfterSeconds(address)
  }

  /** When each address's refusals were last logged: once a minute at most, not per request. */
  private readonly refusalLogged = new Map<string, number>()

  /** Call when a check from `address` is refused (429). */
  refused(address: string, where: { path: string }): void {
    const now = this.clock.now()
    const last = this.refusalLogged.get(address)
    if (last !== undefined && now - last < 60_000) return
    if (this.refusalLogged.size >= REFUSALS_LOGGED_AT_MOST) this.refusalLogged.clear()
    this.refusalLogged.set(address, now)
    this.log.warn({ address, ...where }, 'token checks refused: too many wrong tokens from this address')
  }
}

/** The message of a 429 for too many wrong tokens. */
export const TOO_MANY_WRONG_TOKENS = 'too many wrong tokens from this address; try again later'
