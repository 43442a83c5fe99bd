import type { Response } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { joinBoard } from './boardPage'
import { browserSession } from './session'

/**
 * The first board load over the wire, as Chromium receives it: every script comes Brotli
 * encoded (the build's `.br` copies, server/http/staticClient.ts), and the scripts of a first
 * board visit (landing chunk, tldraw, the board) weigh less than 800 KB on the wire, against
 * 2.4 MB raw. Sizes, not times: the encoded bytes are the same on any machine.
 */

const session = browserSession()
const FIRST_BOARD_JS_BUDGET = 800 * 1024

interface Fetched {
  url: string
  encoding: string | undefined
  wireBytes: number
  rawBytes: number
}

describe('compression', () => {
  it('sends a first board load its JavaScript Brotli-encoded, under 800 KB on the wire', async () => {
    const workshop = await createWorkshop(session.server.url, { title: 'Atelier compressé' })
    const context = await session.browser.newContext({ locale: 'fr-FR' })
    const pending: Promise<Fetched>[] = []
    const track = async (response: Response): Promise<Fetched> => {
      const sizes = await response.request().sizes()
      return {
        url: new URL(response.url()).pathname,
        encoding: (await response.allHeaders())['content-encoding'],
        wireBytes: sizes.responseBodySize,
        rawBytes: (await response.body()).length,
      }
    }
    try {
      const page = await context.newPage()
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') pending.push(track(response))
      })
      await joinBoard(page, workshop.links.facilitator, 'Fatou')
      await page.waitForLoadState('networkidle')
      const scripts = await Promise.all(pending)

      const wire = scripts.reduce((sum, s) => sum + s.wireBytes, 0)
      const raw = scripts.reduce((sum, s) => sum + s.rawBytes, 0)
      console.log(
        `first board load: ${scripts.length} scripts, ${(wire / 1024).toFixed(0)} KB on the wire (Brotli), ${(raw / 1024).toFixed(0)} KB raw\n` +
          scripts
            .map(
              (s) =>
                `  ${s.url}: ${(s.wireBytes / 1024).toFixed(1)} KB ${s.encoding ?? 'identity'} (${(s.rawBytes / 1024).toFixed(1)} KB raw)`,
            )
            .join('\n'),
      )
      expect(scripts.length).toBeGreaterThan(1)
      // Every script worth compressing comes compressed (the build skips files under 1 KB).
      expect(scripts.filter((s) => s.rawBytes >= 1024 && s.encoding !== 'br').map((s) => s.url)).toEqual([])
      expect(raw).toBeGreaterThan(FIRST_BOARD_JS_BUDGET)
      expect(wire).toBeLessThan(FIRST_BOARD_JS_BUDGET)
    } finally {
      await context.close()
    }
  })
})
