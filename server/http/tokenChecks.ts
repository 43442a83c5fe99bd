import type { FastifyReply, FastifyRequest } from 'fastify'
import { TOO_MANY_WRONG_TOKENS } from '../auth/tokenGuesses'
import { pathOnly } from '../log'
import type { AppDeps } from './deps'

/**
 * A token check over HTTP under the per-address limit on wrong tokens (`auth/tokenGuesses.ts`):
 * an address past its burst gets `429 { error }` with `Retry-After` before anything is looked
 * up (null is returned, the reply sent); a wrong token presented (401) is counted and logged.
 * A missing token is not a guess and is not counted.
 */
export async function limitedTokenCheck<T extends { ok: true } | { ok: false; status: number }>(
  deps: AppDeps<unknown>,
  request: FastifyRequest,
  reply: FastifyReply,
  token: string | null | undefined,
  check: () => Promise<T>,
  id?: string,
): Promise<T | null> {
  const limiter = deps.tokenGuesses
  const address = request.ip
  const path = pathOnly(request.url)
  if (limiter?.blocked(address)) {
    limiter.refused(address, { path })
    await reply
      .code(429)
      .header('Retry-After', String(limiter.retryAfterSeconds(address)))
      .send({ error: TOO_MANY_WRONG_TOKENS })
    return null
  }
  const result = await check()
  if (!result.ok && result.status === 401 && token) limiter?.failed(address, { path, id })
  return result
}
