/**
 * The client's address for per-address limits. Directly exposed, it is the socket's peer.
 * Behind `TRUST_PROXY` = n reverse proxies, each appending the address it got the request
 * from to `X-Forwarded-For`, it is the n-th address from the right of (that list + the
 * socket's peer): what our own proxies saw, never what the client claims further left.
 * This is Fastify's `trustProxy: n` rule, so HTTP and WebSocket agree.
 */
export function clientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | string[] | undefined,
  trustedHops: number,
): string {
  const peer = socketAddress ?? 'unknown'
  if (trustedHops <= 0 || forwardedFor === undefined) return peer
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor
  const chain = [
    peer,
    ...header
      .split(',')
      .map((a) => a.trim())
      .filter((a) => a !== '')
      .reverse(),
  ]
  return chain[Math.min(trustedHops, chain.length - 1)]
}
