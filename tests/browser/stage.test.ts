import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createWorkshop, type CreatedTestWorkshop } from '../helpers/server'
import { joinBoard } from './boardPage'
import { browserSession, screenshotPath } from './session'

/**
 * The results stage (issue 16) in real Chromium against a real server: a facilitator and
 * two participants. Before the reveal a participant's stage shows no value of the round
 * (Shift+R opens it); after, the stage's table says exactly what the exported sheet says
 * (every column, « Écart » included, the axes to discuss first), axe finds nothing serious,
 * Tab stays inside and Escape gives the focus back. « Clore » leaves the compass panel
 * open; the presence row holds five people on one line.
 */

const session = browserSession()
let workshop: CreatedTestWorkshop
let fac: Page
let awa: Page
let bruno: Page

beforeAll(async () => {
  workshop = await createWorkshop(session.server.url, { title: 'Atelier scène' })
})

const AXIS_LABELS = ['Capacitant', 'Inclusif', 'Frugal', 'Innovant', 'Démocratique', 'Protecteur', 'Équitable']
const ROUND = 'Situation actuelle'

function panel(page: Page) {
  return page.getByRole('region', { name: 'Boussole' })
}

function round(page: Page, label: string) {
  return panel(page).getByRole('article', { name: label })
}

function stage(page: Page) {
  return page.getByRole('dialog', { name: 'Résultats' })
}

async function score(page: Page, values: readonly number[]): Promise<void> {
  for (const [i, value] of values.entries()) {
    const axis = round(page, ROUND).locator('.cb-compass-axis').nth(i)
    await round(page, ROUND)
      .getByRole('radiogroup', { name: AXIS_LABELS[i], exact: true })
      .getByRole('radio', { name: new RegExp(`^${value} — `) })
      .check()
    await expect.poll(() => axis.getByRole('status').getAttribute('data-state'), { timeout: 30_000 }).toBe('saved')
  }
}

async function seriousViolations(page: Page, selector: string): Promise<string[]> {
  const source = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
  await page.evaluate(source)
  return page.evaluate(async (context) => {
    type Result = { violations: { id: string; impact: string | null; nodes: { target: unknown[] }[] }[] }
    const axe = (window as unknown as { axe: { run(context: string): Promise<Result> } }).axe
    const result = await axe.run(context)
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`)
  }, selector)
}

/** The stage table as rows: axis label → the cells (n, mean, median, min, max, spread), in the shown order. */
async function stageRows(page: Page): Promise<{ axis: string; cells: string[] }[]> {
  return stage(page)
    .getByTestId('compass-results')
    .locator('tbody tr')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        axis: row.getAttribute('data-axis') ?? '',
        cells: [...row.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? ''),
      })),
    )
}

/** The exported sheet's table of `label`: axis label → its cells (n, mean, median, min, max, spread, à discuter). */
async function exportedRows(label: string): Promise<Map<string, string[]>> {
  const response = await fetch(`${session.server.url}/api/workshops/${workshop.id}/export?format=md`, {
    headers: { authorization: `Bearer ${workshop.tokens.facilitator}` },
  })
  expect(response.status).toBe(200)
  const sheet = await response.text()
  const section = sheet.slice(sheet.indexOf(`### ${label}`))
  const rows = new Map<string, string[]>()
  for (const line of section.split('\n').slice(1)) {
    if (line.startsWith('###')) break
    if (!line.startsWith('| ')) continue
    const [axis, ...cells] = line
      .slice(2, -2)
      .split(' | ')
      .map((c) => c.trim())
    if (AXIS_LABELS.includes(axis)) rows.set(axis, cells)
  }
  return rows
}

describe('results stage', () => {
  it('shows a participant nothing of a round before its reveal', async () => {
    ;[fac, awa, bruno] = await Promise.all([
      session.people.newPage(),
      session.people.newPage(),
      session.people.newPage(),
    ])
    await joinBoard(fac, workshop.links.facilitator, 'Fatou')
    await joinBoard(awa, workshop.links.participant, 'Awa')
    await joinBoard(bruno, workshop.links.participant, 'Bruno')

    await panel(fac).getByRole('button', { name: 'Boussole', exact: true }).click()
    await panel(fac).getByLabel('Intitulé du tour').fill(ROUND)
    await panel(fac).getByRole('button', { name: 'Ouvrir le tour' }).click()
    await round(awa, ROUND).waitFor({ timeout: 30_000 })
    await round(bruno, ROUND).waitFor({ timeout: 30_000 })
    // Spreads of 3 (Capacitant, Frugal) and 2 (Innovant) are « à discuter ».
    await score(awa, [4, 3, 0, 1, 2, 2, 3])
    await score(bruno, [1, 3, 3, 3, 2, 1, 3])

    // Shift+R on the board opens the stage on the round: hidden, no table, no radar.
    await awa.mouse.click(400, 400)
    await awa.keyboard.press('Shift+R')
    await stage(awa).waitFor()
    expect(await awa.evaluate(() => window.editor!.getCurrentToolId())).toBe('select')
    await stage(awa).getByTestId('stage-hidden').waitFor()
    expect(await stage(awa).getByTestId('compass-results').count()).toBe(0)
    expect(await stage(awa).getByTestId('stage-radar').count()).toBe(0)
    expect(await stage(awa).innerText()).toContain(ROUND)
    // Escape closes it.
    await awa.keyboard.press('Escape')
    await stage(awa).waitFor({ state: 'detached' })
    expect(await awa.getByTestId('compass-show-results').count()).toBe(0)
  })

  it('after the reveal, shows the numbers of the exported sheet, « à discuter » axes first', async () => {
    await round(fac, ROUND).getByRole('button', { name: 'Révéler' }).click()
    // The column keeps a summary and the way to the stage, not the table.
    const show = round(awa, ROUND).getByTestId('compass-show-results')
    await show.waitFor({ timeout: 30_000 })
    expect(await panel(awa).getByTestId('compass-results').count()).toBe(0)
    expect(await round(awa, ROUND).getByTestId('compass-flagged').innerText()).toBe(
      'À discuter\u202f: Capacitant, Frugal, Innovant',
    )
    await show.click()
    await stage(awa).getByTestId('compass-results').waitFor({ timeout: 30_000 })

    const rows = await stageRows(awa)
    expect(rows.map((r) => r.axis)).toEqual([
      'capacitant',
      'frugal',
      'innovant',
      'inclusif',
      'democratique',
      'protecteur',
      'equitable',
    ])
    const exported = await exportedRows(ROUND)
    expect(exported.size).toBe(7)
    const labelOf = (code: string) =>
      AXIS_LABELS.find((l) => l.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase() === code)!
    for (const row of rows) {
      // n, mean, median, min, max, spread: the same six numbers as the sheet's columns.
      expect(row.cells, row.axis).toEqual(exported.get(labelOf(row.axis))!.slice(0, 6))
    }
    expect(rows[0].cells).toEqual(['2', '2,5', '2,5', '1', '4', '3'])

    // Every column in view, « Écart » included, on the 1200 px screen.
    const dialogBox = (await stage(awa).boundingBox())!
    const spreadHeader = stage(awa).getByRole('columnheader', { name: 'Écart' })
    const spreadBox = (await spreadHeader.boundingBox())!
    expect(spreadBox.x + spreadBox.width).toBeLessThanOrEqual(dialogBox.x + dialogBox.width)
    expect(await spreadHeader.isVisible()).toBe(true)
    // The radar is one image with a name (Playwright reads U+202F as a plain space).
    const radar = stage(awa).getByRole('img', { name: /^Radar du tour « Situation actuelle »/ })
    expect(await radar.count()).toBe(1)

    expect(await seriousViolations(awa, '[data-testid="results-stage"]')).toEqual([])
    await awa.screenshot({ path: screenshotPath('stage-compass.png') })

    // Tab never leaves the stage; Escape gives the focus back to the button that opened it.
    for (let i = 0; i < 12; i++) {
      await awa.keyboard.press('Tab')
      expect(await awa.evaluate(() => document.activeElement?.closest('[data-testid="results-stage"]') !== null)).toBe(
        true,
      )
    }
    await awa.keyboard.press('Escape')
    await stage(awa).waitFor({ state: 'detached' })
    expect(await awa.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('compass-show-results')

    // The board's « Résultats » button opens the same for Bruno.
    await bruno.getByTestId('stage-button').click()
    await stage(bruno).getByTestId('compass-results').waitFor({ timeout: 30_000 })
    expect((await stageRows(bruno)).map((r) => r.cells)).toEqual(rows.map((r) => r.cells))
    await bruno.keyboard.press('Escape')
  })

  it('keeps the compass panel open when the facilitator closes the round', async () => {
    const toggle = fac.getByTestId('panel-toggle-compass')
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    await round(fac, ROUND).getByRole('button', { name: 'Clore' }).click()
    await expect
      .poll(() => round(fac, ROUND).getByTestId('compass-round-state').innerText(), { timeout: 30_000 })
      .toContain('clos')
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    // The closed round folds below: its sheet no longer sits above the next round's.
    expect(await fac.getByTestId('compass-closed-rounds').count()).toBe(1)
  })

  it('shows five people as one compact row that leaves the column to the panels', async () => {
    const [chloe, screen] = await Promise.all([session.people.newPage(), session.people.newPage()])
    await joinBoard(chloe, workshop.links.participant, 'Chloé Martin')
    await joinBoard(screen, workshop.links.viewer, 'Écran')
    const row = fac.getByTestId('presence-list')
    await expect.poll(() => row.locator('li').count(), { timeout: 30_000 }).toBe(5)
    const texts = await row.locator('.cb-avatar__initials').allTextContents()
    expect(texts).toEqual(expect.arrayContaining(['F', 'A', 'B', 'CM', 'É']))
    expect(await row.locator('[data-role="facilitator"] .cb-avatar__role').innerText()).toBe('A')
    expect(await row.locator('[data-role="viewer"] .cb-avatar__role').innerText()).toBe('O')
    expect(await row.innerText()).toMatch(/Fatou \(vous\)/)

    const presence = (await fac.getByTestId('presence').boundingBox())!
    const column = (await fac.locator('#cb-column').boundingBox())!
    // One line of 32 px avatars: the row stays under 56 px, a tenth of the column's height at most.
    expect(presence.height).toBeLessThanOrEqual(56)
    expect(presence.height).toBeLessThanOrEqual(column.height / 10)
    // Every avatar on that one line, whole (not clipped by the row).
    const placed = await row.evaluate((list) => {
      const edge = list.getBoundingClientRect()
      return [...list.querySelectorAll('li')].map((li) => {
        const box = li.getBoundingClientRect()
        return { top: box.top, inside: box.left >= edge.left && box.right <= edge.right + 0.5 }
      })
    })
    expect(new Set(placed.map((p) => p.top)).size).toBe(1)
    expect(placed.every((p) => p.inside)).toBe(true)
    await fac.screenshot({ path: screenshotPath('stage-presence-row.png') })

    // The full list unfolds from the row, with the follow buttons.
    await fac.getByRole('button', { name: 'Voir tout le monde (5)' }).click()
    await expect.poll(() => fac.getByTestId('presence-all').locator('li').count()).toBe(5)
    expect(
      await fac
        .getByTestId('presence-all')
        .getByRole('button', { name: /Suivre la vue de Awa/ })
        .count(),
    ).toBe(1)
    expect(session.people.foreignRequests).toEqual([])
  })
})
