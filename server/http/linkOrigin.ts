import type { FastifyRequest } from 'fastify'

/** A plain `host[:port]` (a name, an IPv4 address or a bracketed IPv6 one): nothing else goes into a link. */
const PLAIN_HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/**
 * The origin a person reached this server at — for the links it hands back when
 * `PUBLIC_URL` is unset. The listening address is the wrong answer there: `127.0.0.1` when
 * the page was opened as `localhost` (another origin: another name prompt, another offline
 * copy), `0.0.0.0` when the server listens on every interface of a laptop in a room. Behind
 * `TRUST_PROXY`, fastify reads the proxy's `X-Forwarded-Host`/`-Proto`. Null when the host is
 * missing or not plain (the caller falls back to the listening address).
 */
export function requestOrigin(request: FastifyRequest): string | null {
  const host = request.host
  if (!host || !PLAIN_HOST.test(host)) return null
  return `${request.protocol}://${host}`
}
