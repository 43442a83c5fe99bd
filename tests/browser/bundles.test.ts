import { describe, expect, it } from 'vitest'
import { MessageType } from '../../shared/protocol'
import { connectClient, createWorkshop, waitFor } from '../helpers/server'
import { joinBoard, waitForShapes } from './boardPage'
import { browserSession } from './session'

/**
 * Bundles (shared/bundle.ts) in the real client: with BUNDLE_FROM_RECIPIENTS=2 a room of
 * three is "big". The app's provider asks for bundles and reads them (bundleReading.ts in
 * Chromium, DecompressionStream); a stock y-websocket client in the same room gets plain
 * frames; all three hold the same board.
 */

const session = browserSession({ env: { BUNDLE_FROM_RECIPIENTS: '2' } })

describe('bundles in the browser', () => {
  it('the app reads deflated bundles and stays in sync with a stock client that gets plain frames', async () => {
    const w = await createWorkshop(session.server.url)
    const a = await session.people.newPage()
    const b = await session.people.newPage()
    const firstBytes: number[] = []
    b.on('websocket', (socket) =>
      socket.on('framereceived', ({ payload }) => {
        if (typeof payload !== 'string') firstBytes.push(payload[0])
      }),
    )
    const stock = connectClient(session.server.url, w.id, w.tokens.participant)
    const stockBytes: number[] = []
    try {
      await joinBoard(a, w.links.participant, 'Awa')
      await joinBoard(b, w.links.participant, 'Bruno')
      await waitFor(() => stock.provider.synced, 20_000, 'stock client synced')
      stock.provider.ws?.addEventListener('message', (event: { data: unknown }) =>
        stockBytes.push(new Uint8Array(event.data as ArrayBuffer)[0]),
      )
      // Ten rectangles in one change: a flush well over BUNDLE_MIN_BYTES.
      await a.evaluate(() => {
        const editor = window.editor!
        editor.createShapes(
          Array.from({ length: 10 }, (_, i) => ({ type: 'geo', x: 100 + i * 120, y: 200, props: { w: 100, h: 80 } })),
        )
      })
      await waitForShapes(b, 10)
      await waitFor(
        () => [...stock.kv.map.keys()].filter((k) => k.startsWith('shape:')).length === 10,
        20_000,
        'the stock client has the ten shapes',
      )
      expect(firstBytes).toContain(MessageType.bundle)
      expect(stockBytes.length).toBeGreaterThan(0)
      expect(stockBytes).not.toContain(MessageType.bundle)
      // And back: what the stock client writes reaches the app through the bundles.
      const first = [...stock.kv.map.keys()].find((k) => k.startsWith('shape:'))!
      const record = stock.kv.get(first) as { x: number }
      stock.kv.set(first, { ...record, x: 1234 })
      await b.waitForFunction((id) => window.editor!.getShape(id as never)?.x === 1234, first, { timeout: 15_000 })
    } finally {
      stock.destroy()
    }
  })
})
