import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { joinBoard } from './boardPage'
import { browserSession } from './session'

/**
 * A link's token leaves the address bar once the page has read it (client/addressToken.ts):
 * nothing to leak in a screenshot, a screen share or the history list; a reload opens the
 * same page with the same role; the facilitator copies the link from the outcomes panel.
 */

const session = browserSession()

const hashOf = (page: Page) => page.evaluate(() => location.hash)
const readOnly = (page: Page) => page.evaluate(() => window.editor!.getInstanceState().isReadonly)

describe('the token leaves the address bar', () => {
  it('board: gone from the address once read, same role after a reload, the facilitator link copyable again', async () => {
    const w = await createWorkshop(session.server.url, { title: 'Atelier discret' })
    const page = await session.people.newPage()
    await joinBoard(page, w.links.facilitator, 'Fatou')
    expect(await hashOf(page)).toBe('')
    expect(page.url()).toBe(`${session.server.url}/w/${w.id}`)
    expect(await page.evaluate(() => history.length)).toBe(2)

    await page.reload()
    await page.waitForFunction(() => window.editor !== undefined, null, { timeout: 30_000 })
    expect(await hashOf(page)).toBe('')
    expect(await readOnly(page)).toBe(false)
    // Still the facilitator: the outcomes panel (facilitators only) gives the link to copy.
    await page.getByTestId('panel-toggle-outcome').click()
    await page.getByTestId('export-link').locator('summary').click()
    expect(await page.getByTestId('board-link-facilitator').inputValue()).toBe(w.links.facilitator)

    // A viewer's link: read-only, and still read-only after a reload.
    const viewer = await session.people.newPage()
    await joinBoard(viewer, w.links.viewer, 'Écran')
    expect(await hashOf(viewer)).toBe('')
    expect(await readOnly(viewer)).toBe(true)
    await viewer.reload()
    await viewer.waitForFunction(() => window.editor !== undefined, null, { timeout: 30_000 })
    expect(await readOnly(viewer)).toBe(true)
    expect(await viewer.getByTestId('panel-toggle-outcome').count()).toBe(0)
  })

  it('space: gone from the address once read, still the admin after a reload', async () => {
    const res = await fetch(`${session.server.url}/api/spaces`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Saison discrète' }),
    })
    const { id, links } = (await res.json()) as { id: string; links: { admin: string; viewer: string } }
    const page = await session.people.newPage()
    await page.goto(links.admin)
    await page.getByTestId('space-page').waitFor({ timeout: 30_000 })
    expect(await hashOf(page)).toBe('')
    expect(page.url()).toBe(`${session.server.url}/s/${id}`)
    await page.reload()
    await page.getByTestId('space-page').waitFor({ timeout: 30_000 })
    expect(await hashOf(page)).toBe('')
    // Admins see the links to share again (read-only visitors do not).
    await page.locator('.cb-space-links summary').click()
    expect(await page.getByTestId('space-viewer-link').inputValue()).toBe(links.viewer)
  })
})
