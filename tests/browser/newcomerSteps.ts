import type { Browser, BrowserContext, Page } from 'playwright-core'
import { connectClient, sendCommand, type TestClient } from '../helpers/server'

/**
 * Steps shared by the newcomer and accessibility tests (a11y.test.ts, newcomer.test.ts):
 * phones, returning people, a facilitator driving rounds from a plain sync client, every
 * side panel unfolded through its own button.
 */

/** A phone: 390×844, touch, mobile viewport, French unless told otherwise. */
export function phoneContext(browser: Browser, locale = 'fr-FR'): Promise<BrowserContext> {
  return browser.newContext({ locale, viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true })
}

/** A returning person: the first-time orientation counts as already seen in this context. */
export async function markOrientationSeen(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => localStorage.setItem('coalition-board.orientation-seen', '1'))
}

/** Waits for tldraw and for the board's help layer (rendered with the editor's UI). */
export async function waitForBoard(page: Page): Promise<void> {
  await page.waitForFunction(() => window.editor !== undefined, null, { timeout: 60_000 })
  await page.getByTestId('help-button').waitFor({ timeout: 30_000 })
}

/** Opens a board link and answers the name prompt (French UI). */
export async function enterName(page: Page, link: string, name: string): Promise<void> {
  await page.goto(link)
  await page.getByLabel('Votre nom').fill(name, { timeout: 60_000 })
  await page.getByRole('button', { name: 'Rejoindre le tableau' }).click()
}

/** A facilitator's sync client: runs control commands the way the facilitator panel would. */
export class FacilitatorClient {
  readonly client: TestClient

  constructor(url: string, workshopId: string, facilitatorToken: string) {
    this.client = connectClient(url, workshopId, facilitatorToken)
  }

  /** Sends a command and resolves with the server's answer (throws if refused). */
  async run(command: { type: string } & Record<string, unknown>): Promise<void> {
    const result = await sendCommand(this.client, command, 20_000)
    if (!result.ok) throw new Error(`${command.type} refused: ${JSON.stringify(result)}`)
  }

  destroy(): void {
    this.client.destroy()
  }
}

/**
 * Unfolds every folded panel of the board's right column through its own button (a
 * disclosure: `aria-expanded="false"` with `aria-controls`), as a person would, until none
 * is left folded. Tree items and per-item "edit" toggles stay as they are.
 */
export async function unfoldAllPanels(page: Page): Promise<number> {
  let unfolded = 0
  for (let i = 0; i < 30; i++) {
    const folded = page.locator('#cb-column button[aria-expanded="false"][aria-controls]:visible')
    if ((await folded.count()) === 0) break
    await folded.first().click()
    unfolded++
  }
  return unfolded
}

/** Creates an actor card through the editor (as its tool would) and selects it; returns its id. */
export function placeActor(page: Page, name: string): Promise<string> {
  return page.evaluate((text) => {
    const editor = window.editor!
    const center = editor.getViewportPageBounds().center
    const id = `shape:newcomer-${Math.random().toString(36).slice(2, 10)}`
    editor.createShape({
      id: id as never,
      type: 'actor',
      x: center.x - 100,
      y: center.y - 60,
      props: { name: text } as never,
    })
    editor.select(id as never)
    return id
  }, name)
}
