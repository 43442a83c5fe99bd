import type { Server } from 'node:http'
import type { Socket } from 'node:net'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'

/**
 * A cap on plain HTTP connections per address, at the socket (slowloris: one address
 * holding hundreds of connections open with headers that never end). Counted on the
 * server's `connection` event by the socket's peer — the only address a socket has before
 * any request is read; `X-Forwarded-For` comes later and belongs to requests. Beyond
 * `perAddress`, a new connection is destroyed at once. A socket upgraded to `/sync` is
 * released from the count (`release`): the sync endpoint caps those per client address.
 *
 * Behind TRUST_PROXY the peer of every socket is one of our proxies, so the cap is not
 * applied (it would cap the proxy, that is everyone); the proxy holds slow clients itself.
 * The header and request time-outs (`app.ts`) apply either way.
 */

/** Refusals are logged once a minute per address, not per connection. */
const LOG_EVERY_MS = 60_000
const MAX_LOGGED = 10_000

export interface ConnectionGate {
  /** A socket that is no longer plain HTTP (upgraded): it leaves the count. */
  release(socket: Duplex): void
  /** Open plain HTTP connections from `address` (tests, logs). */
  count(address: string): number
}

export function gateConnections(
  server: Server,
  opts: { perAddress: number; trustProxy: number; log: Logger },
): ConnectionGate {
  const counts = new Map<string, number>()
  const tracked = new Map<Duplex, string>()
  const lastLogged = new Map<string, number>()

  const leave = (socket: Duplex) => {
    const address = tracked.get(socket)
    if (address === undefined) return
    tracked.delete(socket)
    const left = (counts.get(address) ?? 1) - 1
    if (left > 0) counts.set(address, left)
    else counts.delete(address)
  }

  if (opts.trustProxy <= 0) {
    server.on('connection', (socket: Socket) => {
      const address = socket.remoteAddress ?? 'unknown'
      const open = counts.get(address) ?? 0
      if (open >= opts.perAddress) {
        socket.destroy()
        const now = Date.now()
        if (now - (lastLogged.get(address) ?? 0) >= LOG_EVERY_MS) {
          if (lastLogged.size >= MAX_LOGGED) lastLogged.clear()
          lastLogged.set(address, now)
          opts.log.warn({ address, open }, 'http connection refused: too many open from this address')
        }
        return
      }
      counts.set(address, open + 1)
      tracked.set(socket, address)
      socket.once('close', () => leave(socket))
    })
  }

  return {
    release: leave,
    count: (address) => counts.get(address) ?? 0,
  }
}
