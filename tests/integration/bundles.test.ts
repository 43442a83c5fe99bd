import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { bundleReading } from '../../client/board/session/bundleReading'
import { RECORDS_ARRAY } from '../../shared/board'
import { BUNDLE_FORMAT, BUNDLE_PARAM } from '../../shared/bundle'
import { MessageType } from '../../shared/protocol'
import { geoShape } from '../helpers/records'
import { createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'

/**
 * Compressed bundles (shared/bundle.ts) go only to clients that asked for them: our
 * client (the app's provider with `bundleReading` and `?bundle=deflate-raw`) gets each
 * flush deflated, a stock y-websocket client in the same room gets the plain frames, and
 * both end with the same board. BUNDLE_FROM_RECIPIENTS=2 makes a three-person room "big".
 */

let server: TestServer
beforeAll(async () => {
  server = await startServer({ env: { BUNDLE_FROM_RECIPIENTS: '2' } })
})
afterAll(async () => {
  await server.stop()
})

interface Person {
  doc: Y.Doc
  kv: YKeyValue<unknown>
  provider: WebsocketProvider
  /** First byte of every message the socket received, before any decoding. */
  types: number[]
  destroy(): void
}

function join(workshopId: string, token: string, bundles: boolean): Person {
  const types: number[] = []
  class RecordingSocket extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols)
      this.on('message', (data: Buffer | ArrayBuffer) => types.push(new Uint8Array(data)[0]))
    }
  }
  const doc = new Y.Doc()
  const params: Record<string, string> = { token }
  if (bundles) params[BUNDLE_PARAM] = BUNDLE_FORMAT
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, workshopId, doc, {
    WebSocketPolyfill: (bundles
      ? bundleReading(RecordingSocket)
      : RecordingSocket) as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
  })
  const kv = new YKeyValue(doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
  return {
    doc,
    kv,
    provider,
    types,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('bundles in a big room', () => {
  it('our client gets deflated bundles, a stock client plain frames, and both hold the same board', async () => {
    const w = await createWorkshop(server.url)
    const ours = join(w.id, w.tokens.participant, true)
    const stock = join(w.id, w.tokens.participant, false)
    const other = join(w.id, w.tokens.facilitator, false)
    const people = [ours, stock, other]
    try {
      await waitFor(() => people.every((p) => p.provider.synced), 20_000, 'everyone synced')
      for (let round = 0; round < 10; round++) {
        for (const [i, p] of people.entries()) {
          // Five shapes in one transaction: a flush big enough to be worth a bundle (BUNDLE_MIN_BYTES).
          p.doc.transact(() => {
            for (let k = 0; k < 5; k++) {
              const id = `shape:bundle-${i}-${k}`
              p.kv.set(id, { ...geoShape(id, { x: round * 10, y: i * 100 + k * 10 }) })
            }
          })
          p.provider.awareness.setLocalStateField('cursor', { x: round, y: i })
        }
        await sleep(50)
      }
      const done = (p: Person) =>
        [0, 1, 2].every((i) => (p.kv.get(`shape:bundle-${i}-4`) as { x?: number } | undefined)?.x === 90)
      await waitFor(() => people.every(done), 20_000, 'every last move everywhere')
      expect(Y.encodeStateVector(ours.doc)).toEqual(Y.encodeStateVector(stock.doc))
      expect(ours.types).toContain(MessageType.bundle)
      expect(stock.types).not.toContain(MessageType.bundle)
      expect(other.types).not.toContain(MessageType.bundle)
      // Our client also read the cursors that came inside bundles.
      const cursorOf = (p: Person, from: Person) =>
        (p.provider.awareness.getStates().get(from.doc.clientID) as { cursor?: { x: number } } | undefined)?.cursor?.x
      await waitFor(() => cursorOf(ours, stock) === 9 && cursorOf(stock, ours) === 9, 10_000, 'last cursors')
    } finally {
      for (const p of people) p.destroy()
    }
  })
})
