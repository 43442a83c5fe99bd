import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWorkshop, type CreatedTestWorkshop } from '../helpers/server'
import { accessibilityViolations, forcePseudoState, textContrast } from './boardPage'
import {
  enterName,
  FacilitatorClient,
  markOrientationSeen,
  phoneContext,
  placeActor,
  unfoldAllPanels,
  waitForBoard,
} from './newcomerSteps'
import { browserSession } from './session'

/**
 * The accessibility audit of issue 9: axe-core in real Chromium on every page a newcomer
 * meets — landing (with « Mes ateliers »), the links, the name prompt, the orientation, the
 * board with every panel unfolded through its button (card, outline, template, compass
 * with an open round, facilitation, votes, outcomes) and the help, the board on a phone,
 * the report, and the failure pages — in French and English. Zero serious or critical
 * violations; each check names the rule and the elements when it fails.
 */

const session = browserSession()
let workshop: CreatedTestWorkshop
let facilitator: FacilitatorClient

beforeAll(async () => {
  workshop = await createWorkshop(session.server.url, {
    title: 'Atelier accessible',
    coalition: 'Coalition a11y',
    template: 'full-workshop',
  })
  facilitator = new FacilitatorClient(session.server.url, workshop.id, workshop.tokens.facilitator)
})

afterAll(() => {
  facilitator?.destroy()
})

/** Audits the page as it is now; `where` names the state in the failure message. */
async function audit(page: Page, where: string): Promise<void> {
  expect(await accessibilityViolations(page), where).toEqual([])
}

describe('accessibility audit (axe-core, serious and critical)', () => {
  it('landing, « Mes ateliers » and the links of a new workshop, in French and English', async () => {
    const page = await session.people.newPage()
    await page.goto(`${session.server.url}/`)
    await page.getByTestId('my-workshops').waitFor()
    await audit(page, 'landing, empty Mes ateliers')
    await page.getByLabel('Titre de l’atelier').fill('Atelier audité')
    await page.getByRole('button', { name: 'Créer l’atelier' }).click()
    await page.getByTestId('workshop-links').waitFor()
    await audit(page, 'links of a new workshop')
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await page.getByRole('heading', { name: 'My workshops' }).waitFor()
    await page.getByText('Links to share').click()
    await audit(page, 'links and My workshops, English, links unfolded')
  })

  it('name prompt, first-time orientation and help dialog', async () => {
    const page = await session.people.newPage()
    await page.goto(workshop.links.viewer)
    await page.getByTestId('name-prompt').waitFor({ timeout: 30_000 })
    await audit(page, 'name prompt')
    await page.getByLabel('Votre nom').fill('Awa')
    await page.getByRole('button', { name: 'Rejoindre le tableau' }).click()
    await page.getByTestId('orientation').waitFor({ timeout: 60_000 })
    await audit(page, 'orientation dialog (viewer)')
    await page.keyboard.press('Escape')
    await waitForBoard(page)
    await page.getByTestId('help-button').click()
    await page.getByTestId('help-dialog').waitFor()
    await audit(page, 'help dialog (viewer)')
  })

  it('the board with every panel unfolded, an open compass round and a vote, as facilitator', async () => {
    const context = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1400, height: 900 } })
    await markOrientationSeen(context)
    const page = await context.newPage()
    try {
      await enterName(page, workshop.links.facilitator, 'Fatou')
      await waitForBoard(page)
      const cardId = await placeActor(page, 'Région Bretagne')
      await page.getByTestId('card-panel').waitFor({ timeout: 30_000 })
      await facilitator.run({ type: 'compass.openRound', label: 'Situation actuelle', subject: { kind: 'coalition' } })
      await facilitator.run({ type: 'votes.start', label: 'Priorisation', cardIds: [cardId], budget: 3 })
      await page.getByTestId('votes-panel').waitFor({ timeout: 30_000 })
      await page.getByTestId('compass-round').waitFor({ timeout: 30_000 })
      expect(await unfoldAllPanels(page)).toBeGreaterThan(0)
      expect(await page.locator('#cb-column button[aria-expanded="false"][aria-controls]:visible').count()).toBe(0)
      await audit(page, 'board, all panels unfolded (facilitator)')
      // Leading « suivez-moi », its pressed button under the mouse: the hover background once
      // turned pale (#eef2fb) under the pressed state's white text.
      const column = page.getByTestId('facilitator-panel')
      await column.getByText('Vue de tous').click()
      await column.getByRole('button', { name: 'Suivez-moi' }).click()
      const stop = column.getByRole('button', { name: 'Arrêter « suivez-moi »' })
      // Forced through DevTools: axe scrolls as it checks, and a real mouse's hover would not survive it.
      const release = await forcePseudoState(page, '[data-testid="facilitator-panel"] button[aria-pressed="true"]', [
        'hover',
      ])
      // axe leaves this button's colours « incomplete » (it sees it as overlapped), so its
      // contrast is also measured here from the computed colours, as WCAG defines it.
      expect(await textContrast(stop)).toBeGreaterThanOrEqual(4.5)
      await audit(page, 'follow-me led, its button hovered (facilitator)')
      await release()
      await stop.click()
      await column.getByRole('button', { name: 'Suivez-moi' }).waitFor()
      await page.getByTestId('help-button').click()
      await page.getByTestId('help-dialog').waitFor()
      await audit(page, 'board with help open (facilitator)')
    } finally {
      await context.close()
    }
  })

  it('the board on a phone, panels shown, and the report page', async () => {
    const context = await phoneContext(session.browser)
    await markOrientationSeen(context)
    const page = await context.newPage()
    try {
      await enterName(page, workshop.links.participant, 'Bruno')
      await waitForBoard(page)
      await page.getByTestId('panels-toggle').tap()
      await page.locator('#cb-column').waitFor()
      await audit(page, 'phone board, panels shown (participant)')
      await page.goto(`${session.server.url}/w/${workshop.id}/report#token=${workshop.tokens.facilitator}`)
      await page.getByTestId('report-sheet').waitFor({ timeout: 60_000 })
      await audit(page, 'report page (phone)')
    } finally {
      await context.close()
    }
  })

  it('failure pages: invalid link, unknown workshop, browser too old, board that failed to load', async () => {
    const page = await session.people.newPage()
    await page.goto(`${session.server.url}/w/${workshop.id}#token=nope`)
    await page.getByTestId('invalid-link').waitFor()
    await audit(page, 'invalid link page')
    await page.goto(`${session.server.url}/w/AAAAAAAAAAAAAAAAAAAAAA#token=${workshop.tokens.participant}`)
    await page.getByTestId('workshop-not-found').waitFor({ timeout: 30_000 })
    await audit(page, 'workshop not found page')

    const old = await session.browser.newContext({ locale: 'en-GB' })
    try {
      await old.addInitScript(() => {
        delete (window as { structuredClone?: unknown }).structuredClone
      })
      const oldPage = await old.newPage()
      await oldPage.goto(`${session.server.url}/`)
      await oldPage.getByTestId('browser-too-old').waitFor()
      await audit(oldPage, 'browser too old page')
    } finally {
      await old.close()
    }

    // The board's code cannot be downloaded (network cut after the landing loaded).
    const cut = await session.people.newPage()
    await cut.route(/\/assets\/BoardRoute-[^/]+\.js$/, (route) => route.abort('connectionrefused'))
    await cut.goto(workshop.links.participant)
    await cut.getByTestId('board-load-failed').waitFor({ timeout: 30_000 })
    await audit(cut, 'board load failed page')
  })
})
