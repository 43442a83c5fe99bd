import { describe, expect, it } from 'vitest'
import { createWorkshop, waitFor } from '../helpers/server'
import { enterName, FacilitatorClient, markOrientationSeen, waitForBoard } from './newcomerSteps'
import { browserSession } from './session'

/**
 * The report's image of the board draws the compass radars placed on it with the revealed
 * results — the image is drawn by tldraw outside any live session, so the radars must take
 * the rounds from the export, not from a control channel that is not there.
 */

const session = browserSession()

describe('report: compass radars in the board image', () => {
  it('draws a revealed round on the board radar, and a hidden one without its results', async () => {
    const workshop = await createWorkshop(session.server.url, {
      title: 'Atelier boussole',
      coalition: 'Coalition rapport',
    })
    const facilitator = new FacilitatorClient(session.server.url, workshop.id, workshop.tokens.facilitator)
    const context = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } })
    try {
      await facilitator.run({ type: 'compass.openRound', label: 'Boussole révélée', subject: { kind: 'coalition' } })
      await facilitator.run({ type: 'compass.openRound', label: 'Boussole cachée', subject: { kind: 'coalition' } })
      await facilitator.run({ type: 'compass.score', roundId: 'compass-1', axis: 'frugal', value: 4 })
      await facilitator.run({ type: 'compass.score', roundId: 'compass-1', axis: 'inclusif', value: 2 })
      await facilitator.run({ type: 'compass.score', roundId: 'compass-2', axis: 'frugal', value: 1 })
      await facilitator.run({ type: 'compass.reveal', roundId: 'compass-1' })

      await markOrientationSeen(context)
      const board = await context.newPage()
      await enterName(board, workshop.links.facilitator, 'Fatou')
      await waitForBoard(board)
      await board.evaluate(() => {
        const editor = window.editor!
        editor.createShape({ type: 'compass', x: 0, y: 0, props: { roundId: 'compass-1' } } as never)
        editor.createShape({ type: 'compass', x: 600, y: 0, props: { roundId: 'compass-2' } } as never)
      })
      // Both radars must be stored before the report asks for the export.
      await waitFor(
        async () => {
          const res = await fetch(`${session.server.url}/api/workshops/${workshop.id}/export?format=json`, {
            headers: { authorization: `Bearer ${workshop.tokens.facilitator}` },
          })
          const doc = (await res.json()) as { board: { records: { type?: string }[] } }
          return doc.board.records.filter((r) => r.type === 'compass').length === 2
        },
        20_000,
        'both radars stored',
      )

      // The image is a blob: URL; the page's CSP (connect-src 'self') keeps a script from
      // fetching it, so the report is read in a context that lets the test read it back.
      const reader = await session.browser.newContext({ locale: 'fr-FR', bypassCSP: true })
      const report = await reader.newPage()
      await report.goto(`${session.server.url}/w/${workshop.id}/report#token=${workshop.tokens.facilitator}`)
      const image = report.locator('[data-testid="report-board"] img')
      await image.waitFor({ timeout: 60_000 })
      const svg = await report.evaluate(async (src) => (await fetch(src)).text(), (await image.getAttribute('src'))!)

      // The revealed round: its title and the group's polygon.
      expect(svg).toContain('Boussole révélée')
      expect(svg).toContain('Boussole cachée')
      expect((svg.match(/data-series="aggregate"/g) ?? []).length).toBe(1)
      // No one's own scores leave the room in an image.
      expect(svg).not.toContain('data-series="own"')
      await reader.close()
    } finally {
      facilitator.destroy()
      await context.close()
    }
  })
})
