import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as awarenessProtocol from 'y-protocols/awareness'
import { CloseCode, MessageType } from '../../shared/protocol'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * Stock y-websocket clients send back every awareness frame they receive (they re-encode
 * each changed state, other people's included). In a lively room that echo alone is far
 * more than a socket's message rate: it must not get a conforming client closed with 4429,
 * while a socket sending awareness frames of its own accord is still held to its rate.
 * A server with a tiny rate makes a dozen people moving their cursors a lively room.
 */

let server: TestServer
beforeAll(async () => {
  server = await startServer({ env: { MESSAGES_PER_SECOND: '5', MESSAGE_BURST: '10' } })
})
afterAll(async () => {
  await server.stop()
})

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('awareness echo of stock y-websocket clients', () => {
  it('keeps a dozen stock clients connected while they all move their cursors', async () => {
    const w = await createWorkshop(server.url)
    // Each y-websocket provider adds a process 'exit' listener (to say goodbye): a dozen in one
    // test process is expected, not a leak, so Node's warning threshold is raised for it.
    const maxListeners = process.getMaxListeners()
    process.setMaxListeners(Math.max(maxListeners, 32))
    const people: TestClient[] = Array.from({ length: 12 }, (_, i) =>
      connectClient(server.url, w.id, w.tokens.participant, { member: `member-key-echo-${i}-abcdefghijklmnop` }),
    )
    try {
      await waitFor(() => people.every((p) => p.provider.synced), 20_000, 'everyone synced')
      // 3 moves a second each (within a socket's rate of 5), for 3 s: 36 changes a second
      // reach every client, which echoes them.
      for (let round = 0; round < 9; round++) {
        for (const [i, p] of people.entries())
          p.provider.awareness.setLocalStateField('cursor', { x: round * 10 + i, y: i })
        await sleep(330)
      }
      const last = people[0].provider.awareness.clientID
      await waitFor(
        () =>
          people.every(
            (p) =>
              (p.provider.awareness.getStates().get(last) as { cursor?: { x: number } } | undefined)?.cursor?.x === 80,
          ),
        10_000,
        'the last move seen by all',
      )
      expect(people.flatMap((p) => p.closeCodes)).toEqual([])
    } finally {
      for (const p of people) p.destroy()
      process.setMaxListeners(maxListeners)
    }
  })

  it('still closes a socket flooding awareness frames nobody sent it with 4429', async () => {
    const w = await createWorkshop(server.url)
    const ws = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${w.id}?token=${w.tokens.participant}`)
    ws.on('error', () => {})
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
    await new Promise((resolve) => ws.once('message', resolve))
    const awareness = new awarenessProtocol.Awareness(new (await import('yjs')).Doc())
    for (let i = 0; i < 40 && ws.readyState === WebSocket.OPEN; i++) {
      awareness.setLocalStateField('cursor', { x: i, y: 0 })
      const encoder = encoding.createEncoder()
      encoding.writeVarUint(encoder, MessageType.awareness)
      encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]))
      ws.send(encoding.toUint8Array(encoder))
    }
    expect(await closed).toBe(CloseCode.rateLimited)
    awareness.destroy()
  })
})
