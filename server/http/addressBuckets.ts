import type { Clock } from '../clock'
import { TokenBucket } from '../sync/pacing'

/** Above this many tracked addresses, those whose bucket is full again are forgotten. */
const SWEEP_ABOVE = 10_000

/**
 * One token bucket per client address (`clientAddress.ts`): what the per-address limits
 * count with (wrong tokens, `auth/tokenGuesses.ts`; creations, `workshops/creationLimit.ts`).
 * Each refills at `perMinute` and holds at most `burst`; an address gets a full one the
 * first time it spends, and past 10,000 addresses those whose bucket is full again are
 * forgotten, so many addresses cannot grow the map without bound.
 */
export class AddressBuckets {
  private readonly buckets = new Map<string, TokenBucket>()

  constructor(
    private readonly clock: Clock,
    private readonly perMinute: number,
    private readonly burst: number,
  ) {}

  /** The bucket of `address`, or undefined if it has spent nothing since it was last forgotten. */
  find(address: string): TokenBucket | undefined {
    return this.buckets.get(address)
  }

  /** The bucket of `address`, a full one if it had none. */
  of(address: string): TokenBucket {
    let bucket = this.buckets.get(address)
    if (!bucket) {
      if (this.buckets.size >= SWEEP_ABOVE) this.sweep()
      bucket = new TokenBucket(this.clock, this.perMinute / 60, this.burst)
      this.buckets.set(address, bucket)
    }
    return bucket
  }

  /** Seconds until `address` may spend again (at least 1): the `Retry-After` of a 429. */
  retryAfterSeconds(address: string): number {
    return Math.max(1, Math.ceil((this.buckets.get(address)?.msUntilNext() ?? 0) / 1000))
  }

  /** Addresses tracked. */
  size(): number {
    return this.buckets.size
  }

  private sweep(): void {
    for (const [address, bucket] of this.buckets) if (bucket.available() >= this.burst) this.buckets.delete(address)
  }
}
