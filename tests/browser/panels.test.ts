import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { joinBoard } from './boardPage'
import { browserSession, screenshotPath } from './session'

/**
 * The side column at 1280 × 720, as a facilitator: every panel header in view and not
 * covered, the facilitation panel the only one open, the column beside the canvas (never
 * over it nor over tldraw's UI), a panel opened and another closed, the column hidden with
 * Shift+P (the canvas then has the whole width), and after a reload the same layout; then a
 * narrow window, where the column is a drawer that Escape folds.
 */

const session = browserSession()
let context: BrowserContext

afterAll(async () => {
  await context?.close()
})

type Box = { x: number; y: number; width: number; height: number }

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
}

/**
 * Each panel header's toggle: its `aria-expanded`, and whether its middle is on screen and
 * the topmost element there is the toggle itself (not scrolled out of the column, not under
 * tldraw's UI or another panel).
 */
async function headers(page: Page): Promise<{ id: string; expanded: string | null; reachable: boolean }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLButtonElement>('[data-testid^="panel-toggle-"]')].map((button) => {
      const box = button.getBoundingClientRect()
      const x = box.left + box.width / 2
      const y = box.top + box.height / 2
      const onScreen = box.width > 0 && x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight
      const top = onScreen ? document.elementFromPoint(x, y) : null
      return {
        id: button.dataset.testid!.replace('panel-toggle-', ''),
        expanded: button.getAttribute('aria-expanded'),
        reachable: top !== null && button.contains(top),
      }
    }),
  )
}

function toggleOf(page: Page, id: string) {
  return page.getByTestId(`panel-toggle-${id}`)
}

describe('the side column', () => {
  it('fits a facilitator at 1280 × 720, hides with Shift+P and keeps its layout on reload', async () => {
    const w = await createWorkshop(session.server.url, { title: 'Panneaux' })
    context = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 720 } })
    const page = await context.newPage()
    await joinBoard(page, w.links.facilitator, 'Awa')
    await page.getByTestId('facilitator-panel').waitFor()

    // Every header in view and reachable; only the facilitation panel open.
    const first = await headers(page)
    expect(first.map((h) => h.id).sort()).toEqual([
      'compass',
      'facilitation',
      'outcome',
      'outline',
      'sheet',
      'template',
    ])
    expect(first.filter((h) => !h.reachable)).toEqual([])
    expect(
      first
        .filter((h) => h.expanded === 'true')
        .map((h) => h.id)
        .sort(),
    ).toEqual(['facilitation'])

    // Beside the canvas, never over it nor over tldraw's style panel, toolbar or menu.
    const column = (await page.locator('#cb-column').boundingBox())!
    const canvas = (await page.locator('.cb-board__canvas').boundingBox())!
    expect(canvas.x + canvas.width).toBeLessThanOrEqual(column.x)
    expect(column.x + column.width).toBeLessThanOrEqual(1280)
    for (const selector of ['.tlui-style-panel', '.tlui-toolbar', '.tlui-menu-zone']) {
      const box = await page.locator(selector).first().boundingBox()
      expect(box, selector).not.toBeNull()
      expect(overlaps(column, box!), selector).toBe(false)
    }
    await page.screenshot({ path: screenshotPath('panels-facilitator-1280x720.png') })

    // Open the outline from its header, close the facilitation panel: still every header in view.
    await toggleOf(page, 'outline').click()
    await page.getByTestId('outline-panel').getByRole('radiogroup').waitFor()
    await toggleOf(page, 'facilitation').click()
    await expect.poll(() => toggleOf(page, 'facilitation').getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('#cb-panel-facilitation-body').count()).toBe(0)
    expect((await headers(page)).filter((h) => !h.reachable)).toEqual([])

    // Shift+P on the board hides the column: the canvas gets the screen, the button stays.
    await page.mouse.click(400, 400)
    await page.keyboard.press('Shift+P')
    await page.locator('#cb-column').waitFor({ state: 'hidden' })
    expect(await page.getByTestId('panels-toggle').getAttribute('aria-expanded')).toBe('false')
    expect(await page.evaluate(() => window.editor!.getCurrentToolId())).toBe('select')
    await expect.poll(() => page.evaluate(() => window.editor!.getViewportScreenBounds().w)).toBe(1280)

    // A reload finds the same layout: column hidden; shown again, outline open, facilitation closed.
    await page.reload()
    await page.waitForFunction(() => window.editor !== undefined, null, { timeout: 30_000 })
    await page.getByTestId('panels-toggle').waitFor()
    expect(await page.getByTestId('panels-toggle').getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('#cb-column').isVisible()).toBe(false)
    await page.getByTestId('panels-toggle').click()
    await page.locator('#cb-column').waitFor()
    const after = await headers(page)
    expect(
      after
        .filter((h) => h.expanded === 'true')
        .map((h) => h.id)
        .sort(),
    ).toEqual(['outline'])
    expect(after.filter((h) => !h.reachable)).toEqual([])

    // A narrow window: the column is a drawer over the board, folded until asked for; Escape folds it.
    await page.setViewportSize({ width: 760, height: 700 })
    await page.locator('#cb-column').waitFor({ state: 'hidden' })
    await page.getByTestId('panels-toggle').click()
    await page.locator('#cb-column').waitFor()
    expect(await page.locator('#cb-column').evaluate((el) => getComputedStyle(el).position)).toBe('fixed')
    const drawer = (await page.locator('#cb-column').boundingBox())!
    expect(drawer.x + drawer.width).toBeLessThanOrEqual(760)
    await page.screenshot({ path: screenshotPath('panels-drawer-760.png') })
    await toggleOf(page, 'outline').focus()
    await page.keyboard.press('Escape')
    await page.locator('#cb-column').waitFor({ state: 'hidden' })
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('panels-toggle')
  })

  it('gives the projection screen (viewer) no editing panel, even with a card selected', async () => {
    const w = await createWorkshop(session.server.url, { title: 'Projection' })
    const viewerContext = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 720 } })
    try {
      const page = await viewerContext.newPage()
      await joinBoard(page, w.links.viewer, 'Écran')
      await page.locator('#cb-column').waitFor()
      await page.evaluate(() => {
        const editor = window.editor!
        // Local only: a viewer's store may hold it, the server drops a viewer's updates anyway.
        editor.createShape({ id: 'shape:projected' as never, type: 'actor', x: 0, y: 0 })
        editor.select('shape:projected' as never)
      })
      await expect.poll(() => page.evaluate(() => window.editor!.getSelectedShapeIds().length)).toBe(1)
      expect((await headers(page)).map((h) => h.id).sort()).toEqual(['compass', 'outline', 'sheet'])
    } finally {
      await viewerContext.close()
    }
  })
})
