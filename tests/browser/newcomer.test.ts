import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { enterName, FacilitatorClient, markOrientationSeen, phoneContext, waitForBoard } from './newcomerSteps'
import { browserSession } from './session'

/**
 * Issue 9, "the first minute", end to end in real Chromium: « Mes ateliers » (created and
 * joined workshops, reopened in one click, removed), the one-time orientation (keyboard
 * only: focus kept inside, Escape, never twice), the help (`?` key and button, shortcuts,
 * the seven axes, roles) in French then English with tldraw's UI following, a phone taking
 * part by touch (card, panels, compass, vote, follow-me), and the failure pages.
 */

const session = browserSession()
const contexts: BrowserContext[] = []
const facilitators: FacilitatorClient[] = []

afterAll(async () => {
  for (const f of facilitators) f.destroy()
  for (const c of contexts) await c.close().catch(() => {})
})

function facilitatorOf(id: string, token: string): FacilitatorClient {
  const client = new FacilitatorClient(session.server.url, id, token)
  facilitators.push(client)
  return client
}

/** The element that has keyboard focus: its accessible text and whether it is in the dialog. */
function focused(page: Page, dialogTestId: string): Promise<{ text: string; inside: boolean }> {
  return page.evaluate((testId) => {
    const active = document.activeElement as HTMLElement | null
    return { text: active?.textContent?.trim() ?? '', inside: !!active?.closest(`[data-testid="${testId}"]`) }
  }, dialogTestId)
}

describe('newcomer experience', () => {
  it('lists the workshops created and joined in this browser, reopens one in one click, removes one', async () => {
    const page = await session.people.newPage()
    await page.goto(`${session.server.url}/`)
    const mine = page.getByTestId('my-workshops')
    expect(await mine.innerText()).toContain('Aucun atelier pour l’instant')

    // Created here: listed with its three links to share again.
    await page.getByLabel('Titre de l’atelier').fill('Atelier mobilités')
    await page.getByRole('button', { name: 'Créer l’atelier' }).click()
    await page.getByTestId('workshop-links').waitFor()
    const facilitatorLink = await page.getByTestId('link-facilitator').inputValue()
    const participantLink = await page.getByTestId('link-participant').inputValue()
    const created = mine.getByTestId('my-workshop')
    await created.waitFor()
    expect(await created.getByRole('link', { name: 'Atelier mobilités' }).getAttribute('href')).toBe(facilitatorLink)
    expect(await created.innerText()).toMatch(/Animation · ouvert maintenant · créé ici/)
    await created.getByText('Liens à partager').click()
    expect(await created.getByLabel('Participant·e', { exact: true }).inputValue()).toBe(participantLink)

    // Joined here (another workshop, someone else's link): listed first, with its role.
    const other = await createWorkshop(session.server.url, { title: 'Atelier voisin' })
    await enterName(page, other.links.participant, 'Awa')
    await page.getByTestId('orientation').getByRole('button', { name: 'Passer' }).click({ timeout: 60_000 })
    await waitForBoard(page)
    await page.goto(`${session.server.url}/`)
    await expect.poll(() => mine.getByTestId('my-workshop').count()).toBe(2)
    const first = mine.getByTestId('my-workshop').first()
    expect(await first.getByRole('link').innerText()).toBe('Atelier voisin')
    expect(await first.innerText()).toContain('Participant·e')

    // One click reopens the created one as facilitator: no name asked, no orientation again.
    await mine.getByRole('link', { name: 'Atelier mobilités' }).click()
    await waitForBoard(page)
    // The token is read, then taken out of the address bar (client/addressToken.ts).
    expect(page.url()).toBe(facilitatorLink.split('#')[0])
    expect(await page.getByTestId('orientation').count()).toBe(0)
    expect(await page.getByTestId('name-prompt').count()).toBe(0)

    // Removing one announces it, keeps the keyboard in the section, and lasts.
    await page.goto(`${session.server.url}/`)
    await mine
      .getByRole('button', { name: 'Retirer «\u202fAtelier voisin\u202f» (Participant·e) de Mes ateliers' })
      .click()
    await expect.poll(() => mine.getByTestId('my-workshop').count()).toBe(1)
    expect(await mine.getByRole('status').innerText()).toBe(
      '«\u202fAtelier voisin\u202f» a été retiré de Mes ateliers.',
    )
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('cb-mine-title')
    await page.reload()
    await expect.poll(() => mine.getByTestId('my-workshop').count()).toBe(1)

    // A workshop deleted since: its page offers to remove it from the list.
    const response = await fetch(
      `${session.server.url}/api/workshops/${facilitatorLink.split('/w/')[1].split('#')[0]}`,
      {
        method: 'DELETE',
        headers: { Authorization: `Bearer ${facilitatorLink.split('#token=')[1]}` },
      },
    )
    expect(response.status).toBe(204)
    await mine.getByRole('link', { name: 'Atelier mobilités' }).click()
    await page.getByTestId('workshop-not-found').waitFor({ timeout: 30_000 })
    await page.getByRole('button', { name: 'Retirer de Mes ateliers' }).click()
    await page.getByText('Retiré de Mes ateliers.').waitFor()
    await page.getByRole('link', { name: 'Retour à l’accueil' }).click()
    await mine.getByText('Aucun atelier pour l’instant').waitFor()
  })

  it('orients a first-timer once, with the keyboard only: focus stays inside, Escape closes, never again', async () => {
    const workshop = await createWorkshop(session.server.url, { title: 'Atelier clavier' })
    const page = await session.people.newPage()
    await page.goto(workshop.links.participant)
    await page.getByTestId('name-prompt').waitFor({ timeout: 30_000 })
    await page.keyboard.type('Kim') // the name field has focus
    await page.keyboard.press('Enter')

    const dialog = page.getByRole('dialog', { name: 'Bienvenue, Kim\u202f!' })
    await dialog.waitFor({ timeout: 60_000 })
    for (const step of ['Ajouter une carte', 'Noter la boussole', 'Voter', 'Suivre l’animation']) {
      await dialog.getByRole('heading', { name: step }).waitFor()
    }
    // Focus starts on the title (read first), then Tab cycles between the two buttons only.
    expect(await focused(page, 'orientation')).toEqual({ text: 'Bienvenue, Kim\u202f!', inside: true })
    await page.keyboard.press('Tab')
    expect(await focused(page, 'orientation')).toEqual({ text: 'Commencer', inside: true })
    await page.keyboard.press('Tab')
    expect(await focused(page, 'orientation')).toEqual({ text: 'Passer', inside: true })
    await page.keyboard.press('Tab')
    expect(await focused(page, 'orientation')).toEqual({ text: 'Commencer', inside: true })
    await page.keyboard.press('Shift+Tab')
    expect(await focused(page, 'orientation')).toEqual({ text: 'Passer', inside: true })
    // A letter typed in the dialog picks no drawing tool behind it.
    await page.keyboard.press('r')
    expect(await page.evaluate(() => window.editor!.getCurrentToolId())).toBe('select')

    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await page.reload()
    await waitForBoard(page)
    expect(await page.getByTestId('orientation').count()).toBe(0)
    const second = await createWorkshop(session.server.url, { title: 'Autre atelier' })
    await page.goto(second.links.participant)
    await waitForBoard(page)
    expect(await page.getByTestId('orientation').count()).toBe(0)

    // The help, by its key: shortcuts, the seven axes with their questions, the roles.
    await page.locator('.tl-canvas').click({ position: { x: 400, y: 400 } })
    await page.keyboard.press('?')
    const help = page.getByRole('dialog', { name: 'Aide' })
    await help.waitFor()
    expect(await focused(page, 'help-dialog')).toEqual({ text: 'Fermer', inside: true })
    const text = await help.innerText()
    expect(text).toMatch(/Maj\s*\+\s*A/)
    expect(text).toContain('Ouvrir cette aide')
    expect(await help.locator('.cb-help__axis').count()).toBe(7)
    expect(text).toContain('Les besoins en matériel, énergie et données sont-ils réduits au nécessaire')
    expect(await help.locator('[data-role="participant"]').innerText()).toContain('votre rôle')
    await page.keyboard.press('Escape')
    await help.waitFor({ state: 'detached' })

    // In English: our strings, the help, <html lang> and tldraw's own UI all follow.
    expect(await page.getByTestId('tools.select').getAttribute('aria-label')).toContain('Sélection')
    await page.getByRole('button', { name: 'Switch to English' }).click()
    await page.getByTestId('help-button').click()
    const helpEn = page.getByRole('dialog', { name: 'Help' })
    await helpEn.getByRole('heading', { name: 'Keyboard shortcuts' }).waitFor()
    expect(await helpEn.innerText()).toContain('Empowering')
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en')
    await helpEn.getByRole('button', { name: 'Close' }).first().click()
    await expect.poll(() => page.getByTestId('tools.select').getAttribute('aria-label')).toMatch(/^Select/)
  })

  it(
    'takes part from a phone by touch: a card, the panels, the compass, a vote, follow-me',
    { timeout: 240_000 },
    async () => {
      const workshop = await createWorkshop(session.server.url, {
        title: 'Atelier téléphone',
        template: 'full-workshop',
      })
      const facilitator = facilitatorOf(workshop.id, workshop.tokens.facilitator)
      const lead = await session.browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } })
      contexts.push(lead)
      await markOrientationSeen(lead)
      const leadPage = await lead.newPage()
      await enterName(leadPage, workshop.links.facilitator, 'Fatou')
      await waitForBoard(leadPage)

      const phone = await phoneContext(session.browser)
      contexts.push(phone)
      const page = await phone.newPage()
      await page.goto(workshop.links.participant)
      await page.getByLabel('Votre nom').tap({ timeout: 30_000 })
      await page.keyboard.type('Noé')
      await page.getByRole('button', { name: 'Rejoindre le tableau' }).tap()
      const orientation = page.getByTestId('orientation')
      await orientation.waitFor({ timeout: 60_000 })
      expect(await orientation.innerText()).toContain('deux doigts pour déplacer la vue et zoomer')
      await orientation.getByRole('button', { name: 'Passer' }).tap()
      await waitForBoard(page)

      // The panels start folded away on a phone; « Panneaux » shows them.
      const toggle = page.getByTestId('panels-toggle')
      expect(await toggle.getAttribute('aria-expanded')).toBe('false')
      expect(await page.locator('#cb-column').isVisible()).toBe(false)
      await toggle.tap()
      await page.locator('#cb-column').waitFor()
      await toggle.tap()
      await page.locator('#cb-column').waitFor({ state: 'hidden' })

      // A card by touch: the folded card bar opened, the tool by its name, then a tap on
      // the board, then its text.
      await page.getByTestId('card-toolbar-toggle').tap()
      await page.getByRole('toolbar', { name: 'Cartes' }).getByRole('button', { name: 'Acteur', exact: true }).tap()
      await page.touchscreen.tap(240, 620)
      await page.waitForFunction(
        () => document.activeElement?.classList.contains('cb-card-shape__input') ?? false,
        null,
        { timeout: 15_000 },
      )
      await page.keyboard.type('Mairie')
      await page.waitForFunction(
        () =>
          window
            .editor!.getCurrentPageShapes()
            .some((s) => s.type === 'actor' && (s.props as { name?: string }).name === 'Mairie'),
        null,
        { timeout: 15_000 },
      )
      const cardId = await page.evaluate(
        () => window.editor!.getCurrentPageShapes().find((s) => s.type === 'actor')!.id,
      )
      await page.touchscreen.tap(300, 300) // leave the card

      // A compass round opens: the folded panels unfold by themselves; a tap scores.
      await facilitator.run({ type: 'compass.openRound', label: 'Situation actuelle', subject: { kind: 'coalition' } })
      await expect.poll(() => toggle.getAttribute('aria-expanded'), { timeout: 30_000 }).toBe('true')
      const round = page.getByTestId('compass-round')
      await round.waitFor({ timeout: 30_000 })
      const frugal = round.getByRole('radiogroup', { name: 'Frugal', exact: true })
      await frugal.getByRole('radio').nth(3).tap()
      await expect
        .poll(() => round.getByTestId('compass-round-state').innerText(), { timeout: 30_000 })
        .toContain('1\u202fpersonne a noté')

      // A dot vote on the card, from the votes panel.
      await facilitator.run({ type: 'votes.start', label: 'Priorisation', cardIds: [cardId], budget: 3 })
      const votes = page.getByTestId('votes-panel')
      await votes.waitFor({ timeout: 30_000 })
      await votes.getByRole('button', { name: /^Ajouter un point à.*Mairie/ }).tap()
      await expect
        .poll(() => votes.getByTestId('votes-remaining').innerText(), { timeout: 30_000 })
        .toMatch(/Il vous reste 2 point/)

      // Follow-me: the facilitator leads, the phone follows their view.
      await leadPage.getByTestId('facil-view').locator('summary').click()
      await leadPage.getByRole('button', { name: 'Suivez-moi' }).click()
      await expect
        .poll(() => page.evaluate(() => window.editor!.getInstanceState().followingUserId), { timeout: 30_000 })
        .not.toBeNull()
    },
  )

  it('says why instead of a blank page: browser too old, board code that cannot load', async () => {
    const old = await session.browser.newContext({ locale: 'fr-FR' })
    contexts.push(old)
    await old.addInitScript(() => {
      delete (window as { structuredClone?: unknown }).structuredClone
      delete (window as { indexedDB?: unknown }).indexedDB
    })
    const oldPage = await old.newPage()
    await oldPage.goto(`${session.server.url}/`)
    const tooOld = oldPage.getByTestId('browser-too-old')
    await tooOld.waitFor()
    expect(await tooOld.getByRole('heading').innerText()).toBe('Navigateur trop ancien')
    expect(await tooOld.innerText()).toContain('Fonctions absentes\u202f: IndexedDB, structuredClone')

    const workshop = await createWorkshop(session.server.url, { title: 'Atelier coupé' })
    const page = await session.people.newPage()
    await page.route(/\/assets\/BoardRoute-[^/]+\.js$/, (route) => route.abort('connectionrefused'))
    await page.goto(workshop.links.participant)
    const failed = page.getByTestId('board-load-failed')
    await failed.waitFor({ timeout: 30_000 })
    expect(await failed.innerText()).toContain('Vérifiez votre connexion')
    expect(await failed.innerText()).not.toMatch(/at \S+ \(|TypeError|\.js:\d+/)
    await page.unroute(/\/assets\/BoardRoute-[^/]+\.js$/)
    await failed.getByRole('button', { name: 'Recharger la page' }).click()
    await page.getByTestId('name-prompt').waitFor({ timeout: 30_000 })
  })
})
