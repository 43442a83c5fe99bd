import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { accessibilityViolations, drawRectangle, joinBoard, shapeCount, waitForShapes } from './boardPage'
import { browserSession, screenshotPath } from './session'

/**
 * The issue "Live shared board" end to end: a real server serving the built client, two
 * real Chromium contexts (two people), the landing page, names, a rectangle drawn in one
 * and seen in the other, reload, viewer, invalid links — and no request to another origin.
 */

const session = browserSession()

describe('live shared board', () => {
  let participantLink = ''
  let viewerLink = ''
  let firstTwo: Page[] = []

  it('creates a workshop from the landing page and shows its three links', async () => {
    const page = await session.people.newPage()
    await page.goto(`${session.server.url}/`)
    expect(await accessibilityViolations(page)).toEqual([])
    await page.getByLabel('Titre de l’atelier').fill('Atelier numérique responsable')
    await page.getByLabel('Nom de la coalition (facultatif)').fill('Coalition test')
    await page.getByRole('button', { name: 'Créer l’atelier' }).click()
    await page.getByTestId('workshop-links').waitFor()

    participantLink = await page.getByTestId('link-participant').inputValue()
    viewerLink = await page.getByTestId('link-viewer').inputValue()
    const facilitatorLink = await page.getByTestId('link-facilitator').inputValue()
    for (const link of [participantLink, viewerLink, facilitatorLink]) {
      expect(link).toMatch(new RegExp(`^${session.server.publicUrl}/w/[A-Za-z0-9_-]{22}#token=[A-Za-z0-9_-]{43}$`))
    }
    expect(new Set([participantLink, viewerLink, facilitatorLink]).size).toBe(3)
    expect(await accessibilityViolations(page)).toEqual([])
  })

  it('syncs a rectangle, cursors and presence between two people, and keeps it on reload', async () => {
    const a = await session.people.newPage()
    const b = await session.people.newPage()
    firstTwo = [a, b]
    await joinBoard(a, participantLink, 'Awa')
    await joinBoard(b, participantLink, 'Bruno')

    await drawRectangle(a, 300, 250)
    expect(await shapeCount(a)).toBe(1)
    await waitForShapes(b, 1)
    const shapeOnB = await b.evaluate(() => window.editor!.getCurrentPageShapes()[0])
    expect(shapeOnB).toMatchObject({ type: 'geo', props: { geo: 'rectangle' } })

    // Cursors with names, live, and the presence list with roles.
    await a.mouse.move(700, 420, { steps: 4 })
    await b.mouse.move(850, 300, { steps: 4 })
    await b.waitForFunction(
      () => window.editor!.getCollaborators().some((c) => c.userName === 'Awa' && c.cursor !== null),
      null,
      { timeout: 15_000 },
    )
    await a.waitForFunction(() => window.editor!.getCollaborators().some((c) => c.userName === 'Bruno'), null, {
      timeout: 15_000,
    })
    await expect
      .poll(() => b.getByTestId('presence-list').innerText(), { timeout: 15_000 })
      .toMatch(/Awa, Participant·e/)
    expect(await b.getByTestId('presence-list').innerText()).toMatch(/Bruno \(vous\)/)
    expect(await a.getByTestId('connection-status').innerText()).toBe('connecté')

    // The name is asked once: a reload opens the board directly, with the shape.
    await b.reload()
    await waitForShapes(b, 1, 30_000)
    expect(await b.getByTestId('name-prompt').count()).toBe(0)
  })

  it('shows the board live to a viewer who cannot change it', async () => {
    const viewer = await session.people.newPage()
    const participant = await session.people.newPage()
    await joinBoard(participant, participantLink, 'Chloé')
    await joinBoard(viewer, viewerLink, 'Écran')
    await waitForShapes(viewer, 1)
    expect(await viewer.evaluate(() => window.editor!.getIsReadonly())).toBe(true)
    expect(await viewer.getByTestId('readonly-badge').innerText()).toBe('Lecture seule')

    await drawRectangle(viewer, 500, 400)
    expect(await shapeCount(viewer)).toBe(1)

    // Live: a participant's new shape reaches the viewer; the viewer's attempt reached nobody.
    await drawRectangle(participant, 600, 200)
    await waitForShapes(viewer, 2)
    expect(await shapeCount(participant)).toBe(2)

    // One look at the board with the others' cursors, as the viewer sees it (kept out of
    // git, under .tmp/): a screenshot never shows a page's own mouse pointer.
    await firstTwo[0].mouse.move(300, 500, { steps: 3 })
    await participant.mouse.move(900, 450, { steps: 3 })
    await viewer.waitForFunction(
      () =>
        ['Awa', 'Chloé'].every((name) =>
          window.editor!.getCollaborators().some((c) => c.userName === name && c.cursor !== null),
        ),
      null,
      { timeout: 15_000 },
    )
    await viewer.screenshot({ path: screenshotPath('board-cursors.png') })
  })

  it('explains an invalid or foreign link instead of showing a blank canvas', async () => {
    const other = await createWorkshop(session.server.url, { title: 'Un autre atelier' })
    const id = new URL(participantLink).pathname.split('/').pop()!
    const page = await session.people.newPage()

    // A well-formed token of another workshop opens nothing here.
    await page.goto(`${session.server.url}/w/${id}#token=${other.tokens.participant}`)
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).innerText(), { timeout: 15_000 })
      .toBe("Ce lien n'est pas valide")
    expect(await page.getByTestId('invalid-link').count()).toBe(1)
    expect(await page.locator('.tl-canvas').count()).toBe(0)
    expect(await accessibilityViolations(page)).toEqual([])

    // A malformed token never reaches the server.
    await page.goto(`${session.server.url}/w/${id}#token=nope`)
    await expect.poll(() => page.getByTestId('invalid-link').count(), { timeout: 15_000 }).toBe(1)

    // English switch.
    await page.getByRole('button', { name: 'Switch to English' }).click()
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('This link is not valid')
  })

  it('has its own page for an unknown workshop', async () => {
    const other = await createWorkshop(session.server.url, { title: 'Encore un' })
    const page = await session.people.newPage()
    await page.goto(`${session.server.url}/w/AAAAAAAAAAAAAAAAAAAAAA#token=${other.tokens.participant}`)
    await expect.poll(() => page.getByTestId('workshop-not-found').count(), { timeout: 15_000 }).toBe(1)
  })

  it('made no request to any origin other than the server', () => {
    expect(session.people.foreignRequests).toEqual([])
  })
})
