import { request as httpRequest } from 'node:http'
import { connect, type Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'

/**
 * Slowloris (issue 14, item 6): one address opens many HTTP connections and sends its
 * request headers a few bytes at a time, or never — 1,500 such connections were held 67 s.
 * With a per-address cap (HTTP_CONNECTIONS_PER_ADDRESS) the connections beyond it are
 * closed at once; with a header time-out (HTTP_HEADERS_TIMEOUT_MS) those within it go too;
 * meanwhile another address is served, and sockets upgraded to /sync do not count against
 * the cap (they have their own, MAX_CONNECTIONS_PER_IP).
 */

const CAP = 20
let server: TestServer
const sockets: Socket[] = []

beforeAll(async () => {
  server = await startServer({ env: { HTTP_CONNECTIONS_PER_ADDRESS: String(CAP), HTTP_HEADERS_TIMEOUT_MS: '2000' } })
})
afterAll(async () => {
  for (const s of sockets) s.destroy()
  await server.stop()
})

interface Held {
  socket: Socket
  closed: boolean
}

/** A connection that starts a request and never finishes its headers. */
function slowClient(from = '127.0.0.1'): Promise<Held> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port: server.port, localAddress: from })
    sockets.push(socket)
    const held: Held = { socket, closed: false }
    socket.on('error', () => {})
    // Read what comes (a 408), or the server's end of the connection is never seen.
    socket.resume()
    socket.on('close', () => (held.closed = true))
    socket.once('connect', () => {
      socket.write('GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ')
      resolve(held)
    })
    socket.once('error', reject)
  })
}

function health(from: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${server.url}/api/health`, { localAddress: from, agent: false }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    req.end()
  })
}

describe('slowloris', () => {
  it('beyond the per-address cap connections are closed at once, the others after the header time-out; another address is served throughout', async () => {
    const held: Held[] = []
    for (let i = 0; i < CAP * 2; i++) held.push(await slowClient())
    // Those past the cap are closed by the server without a word.
    await waitFor(() => held.filter((h) => h.closed).length >= CAP, 10_000, 'connections past the cap to be closed')
    expect(held.slice(0, CAP).some((h) => h.closed)).toBe(false)
    // Someone else is served while the attacker holds its share.
    expect(await health('127.0.0.2')).toBe(200)
    // The ones within the cap never finish their headers: the time-out ends them.
    await waitFor(() => held.every((h) => h.closed), 15_000, 'the held connections to time out')
    // And the attacker's address is served again once its connections are gone.
    expect(await health('127.0.0.1')).toBe(200)
  })

  it('sockets upgraded to /sync do not count against the HTTP cap', async () => {
    const w = await createWorkshop(server.url)
    const open: WebSocket[] = []
    for (let i = 0; i < CAP + 5; i++) {
      const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${w.id}?token=${w.tokens.viewer}`)
      open.push(ws)
      await new Promise((resolve, reject) => {
        ws.once('open', resolve)
        ws.once('error', reject)
      })
    }
    try {
      expect(await health('127.0.0.1')).toBe(200)
      expect(open.every((ws) => ws.readyState === WebSocket.OPEN)).toBe(true)
    } finally {
      for (const ws of open) ws.close()
    }
  })
})
