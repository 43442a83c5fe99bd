import { readFile } from 'node:fs/promises'
import type { Download, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { accessibilityViolations } from './boardPage'
import { browserSession, screenshotPath } from './session'

/**
 * Issue 10 "programme space" end to end in real Chromium: create a space from the landing
 * page, two coalitions in different cohorts, a workshop for one, move a coalition to another
 * cohort (drag and drop, then the keyboard path), record a decision, download the booklet
 * holding both — and the read-only link that shows the panorama and offers no change.
 */

const session = browserSession()

const group = (page: Page, cohort: string) => page.locator(`[data-testid="panorama-group"][data-group="${cohort}"]`)
const card = (page: Page, title: string) =>
  page.getByTestId('coalition-card').filter({ has: page.getByRole('heading', { name: title }) })

async function addCoalition(page: Page, title: string, cohort: string): Promise<void> {
  await page.getByRole('button', { name: 'Nouvelle coalition' }).click()
  await page.getByLabel('Titre', { exact: true }).fill(title)
  await page.getByLabel('Promotion', { exact: true }).selectOption({ label: cohort })
  await page.getByRole('button', { name: 'Créer la coalition' }).click()
  await expect
    .poll(() => page.getByTestId('space-announcement').innerText())
    .toBe(`Coalition «\u202f${title}\u202f» créée.`)
}

describe('programme space', () => {
  let adminLink = ''
  let viewerLink = ''
  let admin: Page

  it('creates a space from the landing page and shows its admin and read-only links', async () => {
    const page = await session.people.newPage()
    await page.goto(`${session.server.url}/`)
    await page.getByRole('button', { name: 'Créer un espace programme' }).click()
    await page.getByLabel('Titre de l’espace').fill('Saison 2026')
    await page.getByLabel('Description (facultative)').fill('Les coalitions du programme #Reset.')
    await page.getByRole('button', { name: 'Créer l’espace' }).click()
    await page.getByTestId('space-links').waitFor()
    adminLink = await page.getByTestId('space-link-admin').inputValue()
    viewerLink = await page.getByTestId('space-link-viewer').inputValue()
    for (const link of [adminLink, viewerLink])
      expect(link).toMatch(new RegExp(`^${session.server.publicUrl}/s/[A-Za-z0-9_-]{22}#token=[A-Za-z0-9_-]{43}$`))
    expect(adminLink).not.toBe(viewerLink)
    await page.getByRole('link', { name: 'Ouvrir l’espace' }).click()
    await page.getByTestId('space-page').waitFor()
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Saison 2026')
    admin = page
  })

  it('creates two coalitions in different cohorts and starts a workshop for one', async () => {
    await addCoalition(admin, 'Pour des données environnementales', 'Pilote')
    await addCoalition(admin, 'Pour l’équité scolaire', 'Promo 1')
    await card(admin, 'Pour des données environnementales').waitFor()
    expect(await group(admin, 'pilote').getByTestId('coalition-card').count()).toBe(1)
    expect(await group(admin, 'promo-1').getByTestId('coalition-card').count()).toBe(1)

    await admin.getByRole('button', { name: 'Pour des données environnementales' }).click()
    const detail = admin.getByTestId('coalition-detail')
    await detail.waitFor()
    await detail.getByRole('button', { name: 'Lancer un atelier' }).click()
    const facilitator = await detail.getByTestId('launched-facilitator').inputValue()
    expect(facilitator).toMatch(new RegExp(`^${session.server.publicUrl}/w/[A-Za-z0-9_-]{22}#token=`))
    await expect
      .poll(() => detail.getByTestId('coalition-workshops').innerText())
      .toMatch(/Pour des données environnementales/)
    await detail.getByRole('button', { name: 'Fermer' }).click()
    await expect.poll(() => card(admin, 'Pour des données environnementales').innerText()).toMatch(/ateliers\s*: 1/)
  })

  it('moves a coalition to another cohort by drag and drop, and back with the keyboard path', async () => {
    await card(admin, 'Pour l’équité scolaire').dragTo(group(admin, 'promo-2'))
    await expect
      .poll(() => admin.getByTestId('space-announcement').innerText())
      .toBe('«\u202fPour l’équité scolaire\u202f» déplacée vers Promo 2.')
    await expect.poll(() => group(admin, 'promo-2').getByTestId('coalition-card').count()).toBe(1)
    expect(await group(admin, 'promo-1').getByTestId('coalition-card').count()).toBe(0)

    // Keyboard only: choose the cohort, confirm with the button; the focus follows the card.
    const environment = () => card(admin, 'Pour des données environnementales')
    await environment().getByLabel('Déplacer vers').focus()
    await environment().getByLabel('Déplacer vers').selectOption({ label: 'Stock à activer' })
    await admin.keyboard.press('Tab')
    await admin.keyboard.press('Enter')
    await expect.poll(() => group(admin, 'stock').getByTestId('coalition-card').count()).toBe(1)
    await expect
      .poll(() =>
        admin.evaluate(() =>
          document.activeElement?.closest('[data-testid="panorama-group"]')?.getAttribute('data-group'),
        ),
      )
      .toBe('stock')
    await environment().getByLabel('Déplacer vers').selectOption({ label: 'Pilote' })
    await environment().getByRole('button', { name: 'Déplacer', exact: true }).click()
    await expect.poll(() => group(admin, 'pilote').getByTestId('coalition-card').count()).toBe(1)
    expect(await accessibilityViolations(admin)).toEqual([])
    await admin.screenshot({ path: screenshotPath('space-panorama.png'), fullPage: true })
  })

  it('records an activation decision with its history', async () => {
    await admin.getByRole('button', { name: 'Pour l’équité scolaire' }).click()
    const detail = admin.getByTestId('coalition-detail')
    await detail.getByLabel('Activer', { exact: true }).check()
    await detail.getByLabel('Date').fill('2026-03-12')
    await detail.getByLabel('Motif').fill('Noyau constitué')
    await detail.getByRole('button', { name: 'Enregistrer la décision' }).click()
    await expect
      .poll(() => detail.getByTestId('decision-current').innerText())
      .toBe('Décision en vigueur\u202f: Activer (12 mars 2026)')
    expect(await detail.getByTestId('decision-history').innerText()).toContain('Noyau constitué')
    expect(await accessibilityViolations(admin)).toEqual([])
    await admin.screenshot({ path: screenshotPath('space-coalition.png') })
    await admin.keyboard.press('Escape')
    await detail.waitFor({ state: 'detached' })
  })

  it('downloads the booklet holding both coalitions and the cohort table', async () => {
    const [download] = (await Promise.all([
      admin.waitForEvent('download', { timeout: 30_000 }),
      admin.getByRole('button', { name: 'Livret des coalitions (Markdown)' }).click(),
    ])) as [Download, void]
    expect(download.suggestedFilename()).toMatch(/^livret-saison-2026-\d{4}-\d{2}-\d{2}\.md$/)
    const text = await readFile(await download.path(), 'utf8')
    expect(text).toContain('# Livret des coalitions — Saison 2026')
    expect(text).toContain('### Pour des données environnementales')
    expect(text).toContain('### Pour l’équité scolaire')
    expect(text).toContain('| Pilote | Pour des données environnementales |')
    expect(text).toContain('| Promo 2 | Pour l’équité scolaire |')
    expect(text).toMatch(/Décision\u00a0:\*\* Activer \(12 mars 2026\) — Noyau constitué/)
  })

  it('shows the panorama read-only through the read-only link', async () => {
    const viewer = await session.people.newPage()
    await viewer.goto(viewerLink)
    await viewer.getByTestId('space-page').waitFor()
    expect(await viewer.getByTestId('space-page').getAttribute('data-role')).toBe('viewer')
    await card(viewer, 'Pour l’équité scolaire').waitFor()
    expect(await viewer.getByText('Lecture seule').count()).toBeGreaterThan(0)
    expect(await viewer.getByRole('button', { name: 'Nouvelle coalition' }).count()).toBe(0)
    expect(await viewer.getByLabel('Déplacer vers').count()).toBe(0)
    expect(await viewer.getByTestId('coalition-card').first().getAttribute('draggable')).toBe('false')
    await viewer.getByRole('button', { name: 'Pour l’équité scolaire' }).click()
    expect(await viewer.getByRole('button', { name: 'Enregistrer la décision' }).count()).toBe(0)
    expect(await viewer.getByRole('button', { name: 'Lancer un atelier' }).count()).toBe(0)
    expect(await accessibilityViolations(viewer)).toEqual([])
    expect(session.people.foreignRequests).toEqual([])
  })
})
