import { describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { enterName, FacilitatorClient, markOrientationSeen, placeActor, waitForBoard } from './newcomerSteps'
import { browserSession } from './session'

/**
 * The app runs under its own Content-Security-Policy without a single violation: not only
 * does it work (the other browser tests), nothing it loads even tries what the policy
 * forbids (an eval probe, an inline style or script, a request elsewhere) — a violation is
 * reported in the console of everyone who opens the board, and is a request that a
 * stricter browser or a future policy would break on.
 */

const session = browserSession()

describe('Content-Security-Policy', () => {
  it('landing, board (cards, compass round) and report run without a violation', async () => {
    const workshop = await createWorkshop(session.server.url, {
      title: 'Atelier sous CSP',
      coalition: 'Coalition stricte',
      template: 'full-workshop',
    })
    const facilitator = new FacilitatorClient(session.server.url, workshop.id, workshop.tokens.facilitator)
    const context = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } })
    const violations: string[] = []
    try {
      await context.exposeBinding('reportCspViolation', (_source, text: string) => void violations.push(text))
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation
          report(
            `${location.pathname}: ${event.violatedDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`,
          )
        })
      })
      await markOrientationSeen(context)
      const page = await context.newPage()

      await page.goto(session.server.url)
      await page.getByRole('button', { name: 'Créer l’atelier' }).waitFor({ timeout: 30_000 })

      await enterName(page, workshop.links.facilitator, 'Fatou')
      await waitForBoard(page)
      await placeActor(page, 'Région Bretagne')
      await facilitator.run({ type: 'compass.openRound', label: 'Situation actuelle', subject: { kind: 'coalition' } })
      await page.getByTestId('compass-round').waitFor({ timeout: 30_000 })

      await page.goto(`${session.server.url}/w/${workshop.id}/report#token=${workshop.tokens.facilitator}`)
      await page.locator('[data-testid="report-board"] img').waitFor({ timeout: 60_000 })

      expect(violations).toEqual([])
    } finally {
      facilitator.destroy()
      await context.close()
    }
  })
})
