import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { browserSession, screenshotPath } from './session'

/**
 * Issue "facilitator controls live", end to end: one facilitator and two participants in
 * real Chromium. The phase the facilitator sets shows on every page; the timer reads the
 * same on every page although one participant's clock is 37 minutes off; summon moves a
 * participant's camera to the facilitator's view; the board lock reaches participants;
 * a dot vote stays hidden, then the reveal shows the same tallies everywhere.
 */

const session = browserSession()

/** A condition that must come true (on a shared, loaded machine: allow it time, never assert on it). */
function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 15_000, interval: 50 })
}

/**
 * Joins a board as a returning person would (name prompt, no first-time orientation, which
 * tests/browser/newcomer.test.ts covers): the orientation is marked seen before the page loads.
 */
async function enterBoard(page: Page, link: string, name: string): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('coalition-board.orientation-seen', '1'))
  await page.goto(link)
  await page.getByLabel('Votre nom').fill(name, { timeout: 60_000 })
  await page.getByRole('button', { name: 'Rejoindre le tableau' }).click()
  await page.waitForFunction(() => window.editor !== undefined, null, { timeout: 60_000 })
}

/** The text of the timer on a page, as a number of seconds (null when none shows). */
async function timerSeconds(page: Page): Promise<number | null> {
  const text = await page.getByTestId('timer-text').first().textContent()
  if (!text) return null
  return text.split(':').reduce((sum, part) => sum * 60 + Number(part), 0)
}

/** Centre of what a page's camera shows, in page coordinates. */
function viewCenter(page: Page): Promise<{ x: number; y: number; w: number }> {
  return page.evaluate(() => {
    const b = window.editor!.getViewportPageBounds()
    return { x: b.center.x, y: b.center.y, w: b.w }
  })
}

/** Tallies shown in a page's ranking, card id → dots. */
function rankingOf(page: Page): Promise<Record<string, number>> {
  return page
    .getByTestId('vote-ranking')
    .locator('li')
    .evaluateAll((items) =>
      Object.fromEntries(items.map((li) => [li.getAttribute('data-card-id'), Number(li.getAttribute('data-dots'))])),
    )
}

describe('facilitator controls', () => {
  it('runs phase, timer, summon, lock and a dot vote from the facilitator’s screen', async () => {
    const w = await createWorkshop(session.server.url, { title: 'Atelier priorisation', template: 'full-workshop' })
    const facilitator = await session.people.newPage()
    const alice = await session.people.newPage()
    const bob = await session.people.newPage()
    // Bob's machine is 37 minutes ahead: the timer must not care.
    await bob.addInitScript(() => {
      const realNow = Date.now.bind(Date)
      Date.now = () => realNow() + 37 * 60_000
    })
    await enterBoard(facilitator, w.links.facilitator, 'Camille')
    await enterBoard(alice, w.links.participant, 'Alice')
    await enterBoard(bob, w.links.participant, 'Bob')
    const everyone = [facilitator, alice, bob]
    for (const page of [alice, bob]) expect(await page.getByTestId('facilitator-panel').count()).toBe(0)

    // Phase: start the workshop, then the next phase, from the facilitator's panel and header.
    const panel = facilitator.getByTestId('facilitator-panel')
    // Before the start there is no phase to go back to.
    expect(await panel.getByRole('button', { name: 'Phase précédente' }).isDisabled()).toBe(true)
    await panel.getByRole('button', { name: 'Commencer l’atelier' }).click()
    for (const page of everyone) await page.getByTestId('phase-name').getByText('Tour de table').waitFor()
    expect(await panel.getByRole('button', { name: 'Phase précédente' }).isDisabled()).toBe(true)
    // The header's next step says where it leads, and launches it.
    await eventually(() => facilitator.getByTestId('launch-next').textContent()).toBe('Suivant\u202f: Cadrage — 15 min')
    await facilitator.getByTestId('launch-next').click()
    for (const page of everyone) {
      await page.getByTestId('phase-name').getByText('Cadrage').waitFor()
      await eventually(() => page.getByTestId('phase-instructions').textContent()).toBeTruthy()
    }
    // « Aller à la zone » brings a participant to the phase's frame.
    await alice.getByRole('button', { name: 'Aller à la zone' }).click()
    await eventually(() =>
      alice.evaluate(() => {
        const frame = window
          .editor!.getCurrentPageShapes()
          .find((s) => s.type === 'frame' && (s.props as { name: string }).name.includes('Cadrage'))
        const bounds = frame && window.editor!.getShapePageBounds(frame)
        return bounds ? window.editor!.getViewportPageBounds().contains(bounds) : false
      }),
    ).toBe(true)

    // Timer: 5 minutes, the same reading on every page whatever their clock.
    // Launching the phase started its own timer (15 min): the facilitator sets another length.
    await panel.getByLabel('Durée du minuteur (minutes)').fill('5')
    await panel.getByRole('button', { name: 'Relancer', exact: true }).click()
    // Each page shows the new timer (not the phase's 15 minutes) once the change reached it.
    for (const page of everyone) await eventually(() => timerSeconds(page)).toBeLessThanOrEqual(300)
    const running = await Promise.all(everyone.map(timerSeconds))
    for (const seconds of running) {
      expect(seconds).toBeGreaterThan(240)
      expect(seconds).toBeLessThanOrEqual(300)
      expect(Math.abs(seconds! - running[0]!)).toBeLessThanOrEqual(1)
    }
    await panel.getByRole('button', { name: 'Pause' }).click()
    for (const page of everyone)
      await page.getByTestId('timer').first().and(page.locator('[data-status="paused"]')).waitFor()
    const paused = await Promise.all(everyone.map(timerSeconds))
    expect(new Set(paused).size).toBe(1)

    // Summon: the facilitator looks far away and brings Alice there.
    await facilitator.evaluate(() => {
      window.editor!.setCamera({ x: -4000, y: -2500, z: 0.8 })
    })
    const target = await viewCenter(facilitator)
    const before = await viewCenter(alice)
    expect(Math.hypot(before.x - target.x, before.y - target.y)).toBeGreaterThan(500)
    await panel.getByText('Vue de tous').click()
    await panel.getByRole('button', { name: 'Rappeler tout le monde ici' }).click()
    await eventually(async () => {
      const now = await viewCenter(alice)
      return Math.hypot(now.x - target.x, now.y - target.y) < target.w * 0.05
    }).toBe(true)

    // Lock the whole board: participants become read-only and are told so; unlock restores.
    await panel.getByText('Verrouillage').click()
    // A controlled checkbox: it turns on when the server accepted the lock.
    const boardLock = panel.getByLabel('Verrouiller tout le tableau')
    await boardLock.click()
    await eventually(() => boardLock.isChecked()).toBe(true)
    await bob.getByTestId('board-locked').waitFor()
    await eventually(() => bob.evaluate(() => window.editor!.getInstanceState().isReadonly)).toBe(true)
    await boardLock.click()
    await eventually(() => boardLock.isChecked()).toBe(false)
    await eventually(() => bob.evaluate(() => window.editor!.getInstanceState().isReadonly)).toBe(false)

    // Dot vote on three notes, two dots each, one per card.
    const cardIds = await facilitator.evaluate(() => {
      const editor = window.editor!
      const ids = ['shape:vote-a', 'shape:vote-b', 'shape:vote-c'] as const
      const centre = editor.getViewportPageBounds().center
      editor.createShapes(
        ids.map((id, i) => ({
          id: id as never,
          type: 'note',
          x: centre.x - 400 + i * 300,
          y: centre.y - 100,
          props: {
            richText: {
              type: 'doc',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: `Idée ${i + 1}` }] }],
            },
          },
        })),
      )
      editor.select(...(ids as unknown as Parameters<typeof editor.select>))
      return [...ids] as string[]
    })
    await panel.getByText('Vote par points').click()
    await eventually(() => panel.getByTestId('vote-scope-count').textContent()).toContain('3')
    await panel.getByLabel('Points par personne (1 à 10)').fill('2')
    await panel.getByRole('button', { name: 'Lancer le vote' }).click()

    // Alice votes from the panel (the keyboard path), Bob on the cards themselves.
    const aliceVotes = alice.getByTestId('votes-panel')
    await aliceVotes.getByRole('button', { name: 'Ajouter un point à « Idée 1 »' }).click()
    await eventually(() => aliceVotes.getByTestId('votes-remaining').textContent()).toContain('1 point sur 2')
    await aliceVotes.getByRole('button', { name: 'Ajouter un point à « Idée 2 »' }).click()
    await eventually(() => aliceVotes.getByTestId('votes-remaining').textContent()).toContain('0 point sur 2')
    await bob.evaluate((id) => {
      // At 100 %: closer, the card's badge would rise under the phase header.
      window.editor!.zoomToBounds(window.editor!.getShapePageBounds(id as never)!, { inset: 200, targetZoom: 1 })
    }, cardIds[0])
    await bob
      .locator(`[data-testid="vote-badge"][data-card-id="${cardIds[0]}"]`)
      .getByRole('button', { name: /Ajouter un point/ })
      .click()
    await eventually(() => bob.getByTestId('votes-remaining').textContent()).toContain('1 point sur 2')

    // Hidden: nobody sees tallies, the facilitator sees two voters.
    await eventually(() => facilitator.getByTestId('vote-admin').first().textContent()).toContain('Votant·es\u202f: 2')
    // The facilitator's presence list says who has voted (never what); participants' lists do not.
    const votedMarks = (page: Page) => page.getByTestId('presence-details').filter({ hasText: 'a voté' }).count()
    await eventually(() => votedMarks(facilitator)).toBe(2)
    expect(await votedMarks(alice)).toBe(0)
    for (const page of everyone) {
      expect(await page.getByTestId('vote-ranking').count()).toBe(0)
      expect(await page.getByTestId('vote-tally').count()).toBe(0)
    }

    await facilitator.getByTestId('vote-admin').first().getByRole('button', { name: 'Révéler' }).click()
    const expected = { [cardIds[0]]: 2, [cardIds[1]]: 1, [cardIds[2]]: 0 }
    for (const page of everyone) {
      await page.getByTestId('vote-ranking').waitFor()
      await eventually(() => rankingOf(page)).toEqual(expected)
    }
    // The first-ranked card is Idée 1 on every page, with its tally on the card.
    for (const page of everyone) {
      expect(await page.getByTestId('vote-ranking').locator('li').first().getAttribute('data-card-id')).toBe(cardIds[0])
    }
    await eventually(() =>
      bob.locator(`[data-testid="vote-badge"][data-card-id="${cardIds[0]}"]`).getByTestId('vote-tally').textContent(),
    ).toContain('2')

    await facilitator.screenshot({ path: screenshotPath('facilitation-facilitator.png') })
    await bob.screenshot({ path: screenshotPath('facilitation-participant.png') })
  })
})
