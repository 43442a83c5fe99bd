import Database from 'better-sqlite3'
import { createHash, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { accessibilityViolations, joinBoard } from './boardPage'
import { browserSession } from './session'

/**
 * Issue 16, links always at hand: the facilitator's « Partager » shows the participant and
 * viewer links again (any computer opened with the facilitator link), a QR code drawn in
 * the page and an invitation in the workshop's language; those links open the board in a
 * fresh browser. An older workshop's « Nouveaux liens » disconnects the old links at once.
 */

const session = browserSession()

type Links = { facilitator: string; participant: string; viewer: string }

async function newWorkshop(title: string): Promise<{ id: string; links: Links }> {
  const res = await fetch(`${session.server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title, template: 'blank', locale: 'fr' }),
  })
  return (await res.json()) as { id: string; links: Links }
}

async function openShare(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Partager' }).click()
  await page.getByRole('dialog', { name: 'Partager l’atelier' }).waitFor()
}

describe('« Partager »', () => {
  it('shows the links, a QR code and an invitation; the links work in a fresh browser', async () => {
    const workshop = await newWorkshop('Mobilités douces')
    const facilitator = await session.people.newPage()
    await joinBoard(facilitator, workshop.links.facilitator, 'Claire')
    await openShare(facilitator)
    const dialog = facilitator.getByTestId('share-dialog')
    await expect.poll(() => dialog.getByTestId('share-link-participant').inputValue()).toBe(workshop.links.participant)
    expect(await dialog.getByTestId('share-link-viewer').inputValue()).toBe(workshop.links.viewer)
    await dialog.getByRole('img', { name: 'Code QR du lien de participation' }).waitFor()
    const invitation = await dialog.getByTestId('share-invitation').inputValue()
    expect(invitation).toContain('«\u202fMobilités douces\u202f»')
    expect(invitation).toContain(workshop.links.participant)
    expect(invitation).toContain(workshop.links.viewer)
    expect(await accessibilityViolations(facilitator)).toEqual([])

    // The shown participant link, in a browser that never saw the workshop.
    const participant = await session.people.newPage()
    await joinBoard(participant, await dialog.getByTestId('share-link-participant').inputValue(), 'Awa')
    expect(await participant.getByTestId('invalid-link').count()).toBe(0)
    const viewer = await session.people.newPage()
    await joinBoard(viewer, await dialog.getByTestId('share-link-viewer').inputValue(), 'Bea')
    await participant.getByTestId('connection-status').waitFor()
    expect(session.people.foreignRequests).toEqual([])
  })

  it('« Nouveaux liens » on an older workshop disconnects the old links and hands out working ones', async () => {
    const workshop = await newWorkshop('Ancien atelier')
    // As created before derivation: random participant and viewer links, only hashes kept.
    const old = randomBytes(32).toString('base64url')
    const db = new Database(join(session.server.dataDir, 'coalition.db'))
    db.pragma('busy_timeout = 5000')
    db.prepare('UPDATE tokens SET hash = ? WHERE workshop_id = ? AND role = ?').run(
      createHash('sha256').update(old).digest(),
      workshop.id,
      'participant',
    )
    db.prepare('UPDATE tokens SET hash = ? WHERE workshop_id = ? AND role = ?').run(
      randomBytes(32),
      workshop.id,
      'viewer',
    )
    db.close()
    const oldLink = workshop.links.participant.replace(/#token=.*$/, `#token=${old}`)

    const participant = await session.people.newPage()
    await joinBoard(participant, oldLink, 'Awa')
    const facilitator = await session.people.newPage()
    await joinBoard(facilitator, workshop.links.facilitator, 'Claire')
    await openShare(facilitator)
    const dialog = facilitator.getByTestId('share-dialog')
    await dialog.getByRole('heading', { name: 'Nouveaux liens' }).waitFor()
    expect(await dialog.getByTestId('share-link-participant').count()).toBe(0)
    await dialog.getByRole('button', { name: 'Nouveaux liens' }).click()
    await dialog.getByRole('button', { name: 'Remplacer les liens' }).click()
    await dialog.getByTestId('share-replaced').waitFor()

    // The old link's page says why it stopped, instead of reconnecting for ever.
    await participant.getByTestId('link-replaced').waitFor({ timeout: 15_000 })
    expect(await participant.getByRole('heading', { name: 'Ce lien a été remplacé' }).count()).toBe(1)

    const fresh = await session.people.newPage()
    await joinBoard(fresh, await dialog.getByTestId('share-link-participant').inputValue(), 'Awa')
    expect(await fresh.getByTestId('link-replaced').count()).toBe(0)
  })
})
