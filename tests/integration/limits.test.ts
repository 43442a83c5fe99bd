import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { CloseCode } from '../../shared/protocol'
import { createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'

/** Per-socket and per-workshop limits, on a server started with small ones. */

let server: TestServer
beforeAll(async () => {
  server = await startServer({
    env: {
      MAX_CONNECTIONS_PER_WORKSHOP: '2',
      MESSAGES_PER_SECOND: '1',
      MESSAGE_BURST: '5',
      IDLE_TIMEOUT_MS: '400',
      PING_INTERVAL_MS: '100',
    },
  })
})
afterAll(async () => {
  await server.stop()
})

interface Raw {
  ws: WebSocket
  closed: Promise<number>
  /** Resolves with the first frame: the welcome, sent once the socket joined its room. */
  welcomed: Promise<void>
}

/** A raw socket; `autoPong: false` makes it a client that has gone silent. */
async function open(path: string, options: { autoPong?: boolean } = {}): Promise<Raw> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}${path}`, { autoPong: options.autoPong ?? true })
  ws.on('error', () => {})
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  const welcomed = new Promise<void>((resolve) => ws.once('message', () => resolve()))
  await new Promise((resolve) => ws.once('open', resolve))
  return { ws, closed, welcomed }
}

describe('limits', () => {
  it('refuses a connection beyond the per-workshop limit with 4430', async () => {
    const w = await createWorkshop(server.url)
    const path = `/sync/${w.id}?token=${w.tokens.viewer}`
    const first = await open(path)
    await first.welcomed
    const second = await open(path)
    await second.welcomed
    const third = await open(path)
    expect(await third.closed).toBe(CloseCode.tooManyConnections)
    first.ws.close()
    second.ws.close()
  })

  it('closes a flooding connection with 4429', async () => {
    const w = await createWorkshop(server.url)
    const flood = await open(`/sync/${w.id}?token=${w.tokens.participant}`)
    // Query-awareness frames: valid, tiny, and more than the burst allows.
    for (let i = 0; i < 20; i++) flood.ws.send(new Uint8Array([3]))
    expect(await flood.closed).toBe(CloseCode.rateLimited)
  })

  it('closes a connection that stops answering pings with 4408', async () => {
    const w = await createWorkshop(server.url)
    const silent = await open(`/sync/${w.id}?token=${w.tokens.participant}`, { autoPong: false })
    const alive = await open(`/sync/${w.id}?token=${w.tokens.viewer}`)
    expect(await silent.closed).toBe(CloseCode.idleTimeout)
    expect(alive.ws.readyState).toBe(WebSocket.OPEN)
    alive.ws.close()
    await waitFor(() => alive.ws.readyState === WebSocket.CLOSED, 5_000, 'close')
  })
})
