import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import { CloseCode } from '../../shared/protocol'
import { connectClient, createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'
import { syncFrame } from './fuzzFrames'
import { geoShape } from '../helpers/records'

/**
 * Hostile clients against the limits that protect the server's memory and disk: the
 * document size cap, updates Yjs could only keep aside (missing dependencies: dropped),
 * and the per-address connection cap. A server with small limits, real sockets.
 */

const MAX_DOCUMENT_BYTES = 256 * 1024
const MAX_CONNECTIONS_PER_IP = 6

let server: TestServer
beforeAll(async () => {
  server = await startServer({
    env: {
      MAX_DOCUMENT_BYTES: String(MAX_DOCUMENT_BYTES),
      MAX_MESSAGE_BYTES: '65536',
      MAX_CONNECTIONS_PER_IP: String(MAX_CONNECTIONS_PER_IP),
      MESSAGE_BURST: '10000',
      MESSAGES_PER_SECOND: '10000',
    },
  })
})
afterAll(async () => {
  await server.stop()
})

interface Raw {
  ws: WebSocket
  closed: Promise<number>
  welcomed: Promise<void>
}

async function open(path: string): Promise<Raw> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}${path}`)
  ws.on('error', () => {})
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  const welcomed = new Promise<void>((resolve) => ws.once('message', () => resolve()))
  await new Promise((resolve) => ws.once('open', resolve))
  return { ws, closed, welcomed }
}

/** A valid update adding one record with `bytes` of text in it, by a fresh client id. */
function bigRecordUpdate(n: number, bytes: number): Uint8Array {
  const doc = new Y.Doc()
  const kv = new YKeyValue(doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
  const id = `shape:big-${n}`
  kv.set(id, { ...geoShape(id, { x: n }), meta: { text: 'x'.repeat(bytes) } })
  return Y.encodeStateAsUpdate(doc)
}

/**
 * An update Yjs cannot integrate: its first struct sits at clock 1 of a client whose clock
 * 0 never arrives, so the server can only keep it aside ("pending") — forever.
 */
function orphanUpdate(client: number, bytes: number): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, 1) // one client
  encoding.writeVarUint(e, 1) // one struct
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, 1) // starting at clock 1: clock 0 is missing
  encoding.writeUint8(e, 4) // ContentString, parent named below
  encoding.writeVarUint(e, 1) // parent is a root type…
  encoding.writeVarString(e, 'orphans') // …with this name
  encoding.writeVarString(e, 'y'.repeat(bytes))
  encoding.writeVarUint(e, 0) // empty delete set
  return encoding.toUint8Array(e)
}

describe('limits against hostile clients', () => {
  it('closes with 4414 once the document would pass MAX_DOCUMENT_BYTES, and keeps what came before', async () => {
    const w = await createWorkshop(server.url)
    // A facilitator: a participant meets its own share (a quarter of the cap, 4507) first.
    const hostile = await open(`/sync/${w.id}?token=${w.tokens.facilitator}`)
    await hostile.welcomed
    let sent = 0
    const code = await new Promise<number>((resolve) => {
      hostile.closed.then(resolve, () => {})
      const tick = (): void => {
        if (hostile.ws.readyState !== WebSocket.OPEN || sent > 40) return
        hostile.ws.send(syncFrame(2, bigRecordUpdate(sent++, 40_000)))
        setTimeout(tick, 5)
      }
      tick()
    })
    expect(code).toBe(CloseCode.documentTooLarge)
    // 40 KB each under a 256 KB cap: a handful got in, the rest were refused.
    const reader = connectClient(server.url, w.id, w.tokens.viewer)
    try {
      await waitFor(() => reader.provider.synced, 10_000, 'reader sync')
      // (The page the server gives every board is not one of them.)
      const kept = [...reader.kv.map.keys()].filter((k) => k.startsWith('shape:')).length
      expect(kept).toBeGreaterThan(0)
      expect(kept).toBeLessThan(sent)
      expect(Y.encodeStateAsUpdate(reader.doc).byteLength).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES)
    } finally {
      reader.destroy()
    }
  })

  it('keeps nothing of updates with missing dependencies: no memory held, nothing sent on, the board still takes edits', async () => {
    const w = await createWorkshop(server.url)
    const hostile = await open(`/sync/${w.id}?token=${w.tokens.participant}`)
    await hostile.welcomed
    // 20 × 40 KB of orphans: 800 KB, three times the document cap, if they were kept.
    for (let i = 0; i < 20 && hostile.ws.readyState === WebSocket.OPEN; i++) {
      hostile.ws.send(syncFrame(2, orphanUpdate(1_000_000 + i, 40_000)))
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
    const writer = connectClient(server.url, w.id, w.tokens.participant)
    const newcomer = connectClient(server.url, w.id, w.tokens.viewer)
    try {
      await waitFor(() => writer.provider.synced, 10_000, 'writer sync')
      writer.kv.set('shape:after', geoShape('shape:after'))
      await waitFor(() => newcomer.provider.synced && newcomer.kv.has('shape:after'), 10_000, 'newcomer sees the edit')
      expect(newcomer.doc.store.pendingStructs).toBeNull()
      expect(newcomer.doc.getText('orphans').toString()).toBe('')
      expect(Y.encodeStateAsUpdate(newcomer.doc).byteLength).toBeLessThan(100_000)
      expect(writer.closeCodes).toEqual([])
    } finally {
      writer.destroy()
      newcomer.destroy()
      hostile.ws.terminate()
      await hostile.closed
    }
  })

  it(`refuses the ${MAX_CONNECTIONS_PER_IP + 1}th connection from one address with 4430, and accepts again once one leaves`, async () => {
    const w = await createWorkshop(server.url)
    const path = `/sync/${w.id}?token=${w.tokens.viewer}`
    const sockets: Raw[] = []
    for (let i = 0; i < MAX_CONNECTIONS_PER_IP; i++) {
      const s = await open(path)
      await s.welcomed
      sockets.push(s)
    }
    const extra = await open(path)
    expect(await extra.closed).toBe(CloseCode.tooManyConnections)
    sockets[0].ws.close()
    await sockets[0].closed
    const again = await open(path)
    await again.welcomed
    expect(again.ws.readyState).toBe(WebSocket.OPEN)
    for (const s of [...sockets.slice(1), again]) {
      s.ws.close()
      await s.closed
    }
  })
})
