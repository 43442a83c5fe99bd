import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { accessibilityViolations } from './boardPage'
import { FacilitatorClient, phoneContext } from './newcomerSteps'
import { browserSession, screenshotPath } from './session'

/**
 * Issue 16, « a phase is an activity », end to end: a facilitator and two participants (one
 * on a 390×844 phone) on an « Atelier complet » board. One action per phase: launching the
 * compass phase moves both participants to its frame, starts its 25-minute timer and opens
 * their scoring sheet; launching « Priorisation » opens the voting panel; « +5 min » adds
 * five minutes on every screen; the facilitation panel passes axe.
 */

const session = browserSession()
const contexts: BrowserContext[] = []
afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => {})
})

/** A condition that must come true (on a shared, loaded machine: allow it time, never assert on it). */
function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 20_000, interval: 100 })
}

/** Joins as a returning person (no first-time orientation) and waits for tldraw. */
async function enterBoard(page: Page, link: string, name: string): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('coalition-board.orientation-seen', '1'))
  await page.goto(link)
  await page.getByLabel('Votre nom').fill(name, { timeout: 60_000 })
  await page.getByRole('button', { name: 'Rejoindre le tableau' }).click()
  await page.waitForFunction(() => window.editor !== undefined, null, { timeout: 60_000 })
}

/** The header's timer on a page, in seconds (null when none shows). */
async function timerSeconds(page: Page): Promise<number | null> {
  const timer = page.getByTestId('phase-header').getByTestId('timer-text')
  if ((await timer.count()) === 0) return null
  const text = await timer.textContent()
  return text ? text.split(':').reduce((sum, part) => sum * 60 + Number(part), 0) : null
}

/** Whether the page's view is on the frame whose name contains `name`. */
function viewOnFrame(page: Page, name: string): Promise<boolean> {
  return page.evaluate((frameName) => {
    const editor = window.editor!
    const frame = editor
      .getCurrentPageShapes()
      .find((s) => s.type === 'frame' && (s.props as { name: string }).name.includes(frameName))
    const bounds = frame && editor.getShapePageBounds(frame)
    if (!bounds) return false
    // A wide screen shows the whole frame, a phone its top-left at a readable zoom: either way
    // the view's centre lies in the frame.
    return bounds.containsPoint(editor.getViewportPageBounds().center)
  }, name)
}

/** Whether a side panel is unfolded and its body visible on the page. */
/** Whether the ranking's top-left corner lies in the frame whose name contains `name` (page space). */
async function rankingInFrame(page: Page, name: string): Promise<boolean> {
  return page.evaluate((frameName) => {
    const editor = window.editor!
    const element = document.querySelector('[data-testid="phase-ranking"]')
    const frame = editor
      .getCurrentPageShapes()
      .find((s) => s.type === 'frame' && String((s.props as { name?: string }).name ?? '').includes(frameName))
    if (!element || !frame) return false
    const box = element.getBoundingClientRect()
    const corner = editor.screenToPage({ x: box.left + 2, y: box.top + 2 })
    return editor.getShapePageBounds(frame)!.containsPoint(corner)
  }, name)
}

async function panelShown(page: Page, id: string): Promise<boolean> {
  const toggle = page.getByTestId(`panel-toggle-${id}`)
  if ((await toggle.count()) === 0 || !(await toggle.isVisible())) return false
  return (await toggle.getAttribute('aria-expanded')) === 'true'
}

describe('a phase is an activity', () => {
  it('launches each phase in one action: zone, timer, activity on every screen', async () => {
    const w = await createWorkshop(session.server.url, { title: 'Atelier mobilités', template: 'full-workshop' })
    const facilitator = await session.people.newPage()
    const alice = await session.people.newPage()
    const phone = await phoneContext(session.browser)
    contexts.push(phone)
    const bob = await phone.newPage()
    await enterBoard(facilitator, w.links.facilitator, 'Camille')
    await enterBoard(alice, w.links.participant, 'Alice')
    await enterBoard(bob, w.links.participant, 'Bob')
    const participants = [alice, bob]
    const everyone = [facilitator, alice, bob]

    // « Commencer l’atelier » launches phase 1: its name and its 15-minute timer everywhere.
    const next = facilitator.getByTestId('launch-next')
    expect(await next.textContent()).toBe('Commencer l’atelier')
    await next.click()
    for (const page of everyone) await page.getByTestId('phase-name').getByText('Tour de table').waitFor()
    for (const page of everyone) await eventually(() => timerSeconds(page)).toBeGreaterThan(14 * 60)
    // The next step says what comes next.
    await eventually(() => next.textContent()).toBe('Suivant\u202f: Cadrage — 15 min')

    // The participants look elsewhere; launching « Boussole » brings them to its frame.
    for (const page of participants)
      await page.evaluate(() => void window.editor!.setCamera({ x: 5000, y: 5000, z: 1 }))
    for (const page of participants) expect(await viewOnFrame(page, 'Boussole')).toBe(false)
    const panel = facilitator.getByTestId('facilitator-panel')
    await panel.getByRole('button', { name: 'Lancer la phase «\u202fBoussole\u202f»' }).click()
    for (const page of everyone) await page.getByTestId('phase-name').getByText('Boussole').waitFor()
    for (const page of participants) await eventually(() => viewOnFrame(page, 'Boussole')).toBe(true)
    // Its own timer (25 min) replaced phase 1's, on every screen.
    for (const page of everyone) {
      await eventually(() => timerSeconds(page)).toBeGreaterThan(24 * 60)
      expect(await timerSeconds(page)).toBeLessThanOrEqual(25 * 60)
    }
    // A round opened, and each participant's scoring sheet is open in front of them.
    for (const page of participants) {
      await eventually(() => panelShown(page, 'compass')).toBe(true)
      await eventually(() => page.locator('.cb-compass-sheet [data-axis="capacitant"]').isVisible()).toBe(true)
    }
    await bob.screenshot({ path: screenshotPath('phases-compass-phone.png') })
    // Bob scores from his phone: the sheet is usable where it opened.
    await bob.locator('.cb-compass-sheet [data-axis="capacitant"] input[value="3"]').check()
    await eventually(() =>
      facilitator.getByTestId('compass-round').first().getByTestId('compass-round-state').textContent(),
    ).toContain('1\u202fpersonne a noté')

    // « Priorisation » with two ideas selected: one action opens the vote on them and the
    // voting panel for both participants (on the phone too).
    const ideas = await facilitator.evaluate(() => {
      const editor = window.editor!
      const ids = ['shape:idea-1', 'shape:idea-2']
      editor.createShapes(
        ids.map((id, i) => ({
          id: id as never,
          type: 'note',
          x: i * 300,
          y: -2000,
          props: {
            richText: {
              type: 'doc',
              content: [{ type: 'paragraph', content: [{ type: 'text', text: `Idée ${i + 1}` }] }],
            },
          },
        })),
      )
      editor.select(...(ids as never[]))
      return ids
    })
    await panel.getByRole('button', { name: 'Lancer la phase «\u202fPriorisation\u202f»' }).click()
    for (const page of everyone) await page.getByTestId('phase-name').getByText('Priorisation').waitFor()
    for (const page of participants) {
      await eventually(() => panelShown(page, 'votes')).toBe(true)
      await eventually(() => viewOnFrame(page, 'Priorisation')).toBe(true)
      const round = page.getByTestId('votes-panel').getByTestId('vote-round')
      await eventually(() => round.getByTestId('votes-remaining').textContent()).toContain('3')
      expect(await round.getByRole('button', { name: /Ajouter un point/ }).count()).toBe(ideas.length)
    }
    await eventually(() => next.textContent()).toBe('Suivant\u202f: Feuille de route et engagement — 20 min')

    // The ranking takes the stage in the « Priorisation » frame: Alice gives « Idée 2 » a
    // dot; once the vote is closed and revealed, every screen draws the ranking in that
    // frame, « Idée 2 » first.
    const aliceRound = alice.getByTestId('votes-panel').getByTestId('vote-round')
    await aliceRound.getByRole('button', { name: /^Ajouter un point à «.Idée 2.»$/ }).click()
    await eventually(() => aliceRound.getByTestId('votes-remaining').textContent()).toContain('2')
    for (const page of everyone) expect(await page.getByTestId('phase-ranking').count()).toBe(0)
    const lead = new FacilitatorClient(session.server.url, w.id, w.tokens.facilitator)
    try {
      await lead.run({ type: 'votes.close', roundId: 'votes-1' })
      await lead.run({ type: 'votes.reveal', roundId: 'votes-1' })
    } finally {
      lead.destroy()
    }
    for (const page of everyone) {
      const ranking = page.getByTestId('phase-ranking')
      await ranking.waitFor({ timeout: 20_000 })
      const rows = await ranking.locator('li').allInnerTexts()
      expect(rows[0]).toContain('Idée 2')
      expect(rows[0]).toContain('1 point')
      // Drawn inside the « Priorisation » frame.
      expect(await rankingInFrame(page, 'Priorisation')).toBe(true)
    }

    // « +5 min »: five more minutes on every screen.
    const before = await Promise.all(everyone.map(timerSeconds))
    for (const seconds of before) expect(seconds).toBeLessThanOrEqual(15 * 60)
    await facilitator.getByTestId('timer-add-five').click()
    for (const [i, page] of everyone.entries()) {
      await eventually(() => timerSeconds(page)).toBeGreaterThan(before[i]! + 4 * 60)
      expect(await timerSeconds(page)).toBeLessThanOrEqual(20 * 60)
    }
    // The sound at zero: off by default for participants, on for the facilitator, a toggle.
    expect(await alice.getByTestId('timer-sound').getAttribute('aria-pressed')).toBe('false')
    expect(await facilitator.getByTestId('timer-sound').getAttribute('aria-pressed')).toBe('true')
    await alice.getByTestId('timer-sound').click()
    await eventually(() => alice.getByTestId('timer-sound').getAttribute('aria-pressed')).toBe('true')

    // The facilitation panel, its phase editor open (activity, « amener tout le monde »), passes axe.
    const boussole = panel.locator('li', { has: facilitator.getByText('Boussole', { exact: true }) })
    await boussole.getByRole('button', { name: 'Modifier' }).click()
    await panel.getByLabel('Activité').first().waitFor()
    expect(await panel.getByLabel('Activité').first().inputValue()).toBe('compass')
    await facilitator.screenshot({ path: screenshotPath('phases-facilitator.png') })
    expect(await accessibilityViolations(facilitator)).toEqual([])
  })

  it('shows every participant « Temps écoulé » at zero', async () => {
    const w = await createWorkshop(session.server.url, { title: 'Atelier court', template: 'full-workshop' })
    const facilitator = await session.people.newPage()
    const alice = await session.people.newPage()
    await enterBoard(facilitator, w.links.facilitator, 'Camille')
    await enterBoard(alice, w.links.participant, 'Alice')
    await facilitator.getByTestId('launch-next').click()
    const panel = facilitator.getByTestId('facilitator-panel')
    // A two-second countdown from the timer controls reaches zero for everyone.
    await panel.getByLabel('Durée du minuteur (minutes)').fill('0,05')
    await panel.getByRole('button', { name: 'Relancer', exact: true }).click()
    for (const page of [facilitator, alice]) {
      await page.getByTestId('phase-header').getByTestId('timer-up').waitFor({ timeout: 20_000 })
      expect(await page.getByTestId('phase-header').getByTestId('timer').getAttribute('data-status')).toBe('finished')
    }
  })
})
