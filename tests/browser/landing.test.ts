import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { browserSession } from './session'

/**
 * The landing page stays light (PERFORMANCE.md: ≤ 80 KB of gzipped JS before any click):
 * its first paint loads neither the board, nor the full string catalogues, nor the code of
 * what shows only after a click — and each of those arrives, in the right language, when
 * the click happens. Sizes are measured by `scripts/landing-size.ts` and the browser bench,
 * not here.
 */

const session = browserSession()

/** The names of the script chunks a page has downloaded so far (`BoardRoute`, `fr`, …). */
function recordChunks(page: Page): Set<string> {
  const chunks = new Set<string>()
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return
    const match = /\/assets\/(.+)-[\w-]{8}\.js$/.exec(new URL(response.url()).pathname)
    if (match) chunks.add(match[1])
  })
  return chunks
}

const LATER = ['BoardRoute', 'fr', 'en', 'coreEn', 'CreateSpace', 'WorkshopLinks', 'WorkshopGonePages']

describe('landing page', () => {
  it('first paints without the board, the full catalogues or the after-click code; a click brings them', async () => {
    const page = await session.people.newPage()
    const chunks = recordChunks(page)
    await page.goto(`${session.server.url}/`)
    await page.getByRole('heading', { name: 'Créer un atelier' }).waitFor()
    await page.waitForLoadState('networkidle')
    expect(await page.getByTestId('my-workshops').getByRole('heading').innerText()).toBe('Mes ateliers')
    expect(await page.getByLabel('Modèle de départ').locator('option').count()).toBeGreaterThan(1)
    expect([...chunks].filter((name) => LATER.includes(name))).toEqual([])

    // « Créer un espace programme »: its form and the full strings come with the click.
    await page.getByRole('button', { name: 'Créer un espace programme' }).click()
    const spaceTitle = page.getByLabel('Titre de l’espace')
    await spaceTitle.waitFor()
    expect(await spaceTitle.evaluate((input) => input === document.activeElement)).toBe(true)
    expect(await page.getByRole('button', { name: 'Créer l’espace' }).isVisible()).toBe(true)
    expect(chunks.has('CreateSpace') && chunks.has('fr') && chunks.has('en')).toBe(true)
    expect(chunks.has('BoardRoute')).toBe(false)
  })

  it('switches to English with the core strings, then creates a workshop whose links load on submit', async () => {
    const page = await session.people.newPage()
    const chunks = recordChunks(page)
    await page.goto(`${session.server.url}/`)
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await page.getByRole('heading', { name: 'Create a workshop' }).waitFor()
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(chunks.has('coreEn')).toBe(true)
    expect(chunks.has('WorkshopLinks') || chunks.has('en')).toBe(false)

    await page.getByLabel('Workshop title').fill('Light landing')
    await page.getByRole('button', { name: 'Create the workshop' }).click()
    await page.getByRole('heading', { name: 'Workshop created: Light landing' }).waitFor()
    expect(chunks.has('WorkshopLinks')).toBe(true)
    const participant = await page.getByTestId('link-participant').inputValue()
    expect(participant).toMatch(/\/w\/[A-Za-z0-9_-]{22}#token=[A-Za-z0-9_-]{43}$/)
    expect(chunks.has('BoardRoute')).toBe(false)
  })

  it('opens in English for an English browser, never showing a message key', async () => {
    const context = await session.browser.newContext({ locale: 'en-GB' })
    try {
      const page = await context.newPage()
      const chunks = recordChunks(page)
      await page.goto(`${session.server.url}/`)
      await page.getByRole('heading', { name: 'Create a workshop' }).waitFor()
      expect(chunks.has('coreEn')).toBe(true)
      expect(await page.getByTestId('my-workshops').getByRole('heading').innerText()).toBe('My workshops')
      expect(await page.locator('body').innerText()).not.toMatch(/\b(app|landing|links|mine|page|space|cards)\.[a-z]/)
    } finally {
      await context.close()
    }
  })

  it('shows the not-found page of a mistyped address, in French', async () => {
    const page = await session.people.newPage()
    await page.goto(`${session.server.url}/nimporte/quoi`)
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor()
    expect(await page.getByText('Cette adresse ne correspond à aucune page.').isVisible()).toBe(true)
  })
})
