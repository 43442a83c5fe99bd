import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { createWorkshop, type CreatedTestWorkshop } from '../helpers/server'
import { joinBoard } from './boardPage'
import { browserSession, screenshotPath } from './session'

/**
 * The « Boussole » phase end to end in real Chromium: a facilitator and two participants,
 * private scoring (one of them with the keyboard only), the reveal, the radar placed on the
 * board and drawn with the same values on all three pages, the flagged axes, a second round
 * and the comparison with its deltas.
 */

const session = browserSession()
let workshop: CreatedTestWorkshop
let fac: Page
let awa: Page
let bruno: Page

beforeAll(async () => {
  workshop = await createWorkshop(session.server.url, { title: 'Atelier boussole' })
})

const AXIS_LABELS = ['Capacitant', 'Inclusif', 'Frugal', 'Innovant', 'Démocratique', 'Protecteur', 'Équitable']

function panel(page: Page) {
  return page.getByRole('region', { name: 'Boussole' })
}

function stage(page: Page) {
  return page.getByRole('dialog', { name: 'Résultats' })
}

function round(page: Page, label: string) {
  return panel(page).getByRole('article', { name: label })
}

function radio(page: Page, roundLabel: string, axis: string, value: number | 'nc') {
  return round(page, roundLabel)
    .getByRole('radiogroup', { name: axis, exact: true })
    .getByRole('radio', { name: value === 'nc' ? 'Non concerné' : new RegExp(`^${value} — `) })
}

/** Clicks each axis's value, waiting for each to be saved before the next. */
async function scoreByClicks(page: Page, roundLabel: string, values: readonly (number | 'nc' | null)[]): Promise<void> {
  for (const [i, value] of values.entries()) {
    if (value === null) continue
    await radio(page, roundLabel, AXIS_LABELS[i], value).check()
    await expect.poll(() => statusOf(page, roundLabel, i), { timeout: 30_000 }).toBe('saved')
  }
}

function statusOf(page: Page, roundLabel: string, axisIndex: number): Promise<string | null> {
  return round(page, roundLabel)
    .locator('.cb-compass-axis')
    .nth(axisIndex)
    .getByRole('status')
    .getAttribute('data-state')
}

/** What the radar on this page says per axis: `label value` lines, and the flagged axes. */
async function radarText(page: Page, roundId: string): Promise<{ values: string[]; flagged: string[] }> {
  const shape = page.locator(`[data-testid="compass-shape"][data-round="${roundId}"]`)
  await shape.waitFor({ timeout: 30_000 })
  return shape.evaluate((el) => {
    const labels = [...el.querySelectorAll('[data-part="labels"] text')]
    return {
      values: labels.map((t) => t.querySelector('[data-value]')?.textContent ?? ''),
      flagged: labels.filter((t) => t.hasAttribute('data-flagged')).map((t) => t.getAttribute('data-axis') ?? ''),
    }
  })
}

/** axe-core on the compass panel only: serious and critical violations, as `rule: targets`. */
async function panelViolations(page: Page): Promise<string[]> {
  return violationsIn(page, '[data-testid="compass-panel"]')
}

async function violationsIn(page: Page, selector: string): Promise<string[]> {
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

/** axe-core on the results stage: serious and critical violations. */
async function stageViolations(page: Page): Promise<string[]> {
  return violationsIn(page, '[data-testid="results-stage"]')
}

describe('compass phase', () => {
  it('opens a round that unfolds the panel for every participant', async () => {
    ;[fac, awa, bruno] = await Promise.all([
      session.people.newPage(),
      session.people.newPage(),
      session.people.newPage(),
    ])
    await joinBoard(fac, workshop.links.facilitator, 'Fatou')
    await joinBoard(awa, workshop.links.participant, 'Awa')
    await joinBoard(bruno, workshop.links.participant, 'Bruno')

    await panel(fac).getByRole('button', { name: 'Boussole', exact: true }).click()
    await panel(fac).getByLabel('Intitulé du tour').fill('Situation actuelle')
    await panel(fac).getByRole('button', { name: 'Ouvrir le tour' }).click()
    for (const page of [fac, awa, bruno]) {
      await round(page, 'Situation actuelle').waitFor({ timeout: 30_000 })
    }
    // Each axis shows its guiding question as the description of its radio group.
    const group = round(awa, 'Situation actuelle').getByRole('radiogroup', { name: 'Frugal', exact: true })
    const describedBy = await group.getAttribute('aria-describedby')
    expect(await awa.locator(`[id="${describedBy}"]`).innerText()).toContain('réduits au nécessaire')
    expect(await panelViolations(awa)).toEqual([])
  })

  it('scores privately, with the keyboard too, and shows only counts before the reveal', async () => {
    // Awa scores Capacitant with the keyboard only: Space selects, arrows move and select.
    await radio(awa, 'Situation actuelle', 'Capacitant', 0).focus()
    await awa.keyboard.press('Space')
    for (let i = 0; i < 4; i++) await awa.keyboard.press('ArrowRight')
    await expect.poll(() => radio(awa, 'Situation actuelle', 'Capacitant', 4).isChecked()).toBe(true)
    await expect.poll(() => statusOf(awa, 'Situation actuelle', 0), { timeout: 30_000 }).toBe('saved')
    await awa.keyboard.press('Tab') // to the comment field of the same axis
    await awa.keyboard.type('Les agents se forment déjà')
    await awa.keyboard.press('Enter')
    await expect.poll(() => statusOf(awa, 'Situation actuelle', 0), { timeout: 30_000 }).toBe('saved')

    await scoreByClicks(awa, 'Situation actuelle', [null, 3, 2, 1, 0, 'nc', 4])
    await scoreByClicks(bruno, 'Situation actuelle', [2, 3, 4, 1, 2, 2, 'nc'])

    for (const page of [fac, awa, bruno]) {
      await expect
        .poll(() => round(page, 'Situation actuelle').getByTestId('compass-round-state').innerText(), {
          timeout: 30_000,
        })
        .toContain('2\u202fpersonnes ont noté')
    }
    // The facilitator sees who scored, by name, never what.
    await expect
      .poll(() => round(fac, 'Situation actuelle').getByTestId('compass-scored-by').innerText(), { timeout: 30_000 })
      .toMatch(/Awa.*Bruno|Bruno.*Awa/)
    // Bruno sees no results and nothing of Awa's comment.
    expect(await round(bruno, 'Situation actuelle').getByTestId('compass-results').count()).toBe(0)
    expect(await panel(bruno).innerText()).not.toContain('Les agents se forment déjà')
  })

  it('reveals: the radar placed on the board shows the same values on all three pages', async () => {
    await round(fac, 'Situation actuelle').getByRole('button', { name: 'Révéler' }).click()
    await round(fac, 'Situation actuelle').getByRole('button', { name: 'Placer la boussole sur le tableau' }).click()
    const roundId = await round(fac, 'Situation actuelle').locator('xpath=..').getAttribute('data-round')
    expect(roundId).toBeTruthy()

    const expected = ['3', '3', '3', '1', '1', '2', '4']
    const radars = await Promise.all([fac, awa, bruno].map((page) => radarText(page, roundId!)))
    for (const radar of radars) {
      expect(radar.values).toEqual(expected)
      expect(radar.flagged).toEqual(['capacitant', 'frugal', 'democratique'])
    }
    // The axes to discuss in the column; the table on the results stage, with Awa's comment
    // now shown without author.
    const summary = round(bruno, 'Situation actuelle')
    expect(await summary.getByTestId('compass-flagged').innerText()).toBe(
      'À discuter\u202f: Capacitant, Frugal, Démocratique',
    )
    await summary.getByRole('button', { name: 'Voir les résultats' }).click()
    const results = stage(bruno)
    expect(
      await results.getByTestId('compass-results').locator('tr[data-axis="capacitant"] [data-stat="mean"]').innerText(),
    ).toBe('3')
    expect(await results.getByTestId('compass-comments').innerText()).toContain('Les agents se forment déjà')
    await bruno.keyboard.press('Escape')
    await results.waitFor({ state: 'detached' })
  })

  it('runs a second round and compares it with the first, on the board too', async () => {
    await panel(fac).getByLabel('Intitulé du tour').fill('Visée 2030')
    await panel(fac).getByRole('button', { name: 'Ouvrir le tour' }).click()
    await round(awa, 'Visée 2030').waitFor({ timeout: 30_000 })
    await round(bruno, 'Visée 2030').waitFor({ timeout: 30_000 })
    await scoreByClicks(awa, 'Visée 2030', [4, 4])
    await scoreByClicks(bruno, 'Visée 2030', [4, 3])
    await expect
      .poll(() => round(fac, 'Visée 2030').getByTestId('compass-round-state').innerText(), { timeout: 30_000 })
      .toContain('2\u202fpersonnes')
    await round(fac, 'Visée 2030').getByRole('button', { name: 'Révéler' }).click()

    await panel(fac).getByRole('button', { name: 'Comparer dans les résultats' }).click({ timeout: 30_000 })
    const comparison = stage(fac).getByTestId('compass-comparison')
    await comparison.waitFor({ timeout: 30_000 })
    expect(await comparison.locator('tr[data-axis="capacitant"] [data-stat="delta"]').innerText()).toBe('+1')
    expect(await comparison.locator('tr[data-axis="inclusif"] [data-stat="delta"]').innerText()).toBe('+0,5')
    expect(await comparison.locator('tr[data-axis="frugal"] [data-stat="delta"]').innerText()).toBe('—')

    // Both rounds on one radar, the earlier one in its own dotted style, named in the legend.
    const radar = stage(fac).getByTestId('stage-radar')
    expect(await radar.locator('[data-series="compare"]').count()).toBe(1)
    expect(await radar.locator('[data-series="aggregate"]').count()).toBe(1)
    expect(await radar.locator('[data-part="legend"]').textContent()).toContain('Situation actuelle')
    expect(await stageViolations(fac)).toEqual([])

    await stage(fac).getByRole('button', { name: 'Placer la comparaison sur le tableau' }).click()
    await stage(fac).waitFor({ state: 'detached' })
    const aimedId = await round(fac, 'Visée 2030').locator('xpath=..').getAttribute('data-round')
    // Placed beside round 1's radar (same view), never exactly on top of it.
    const overlap = await fac.evaluate(() => {
      const editor = window.editor!
      const [a, b] = editor
        .getCurrentPageShapes()
        .filter((s) => s.type === 'compass')
        .map((s) => editor.getShapePageBounds(s)!)
      return a.collides(b)
    })
    expect(overlap).toBe(false)
    const onBruno = await radarText(bruno, aimedId!)
    expect(onBruno.values.slice(0, 2)).toEqual(['3 → 4 (+1)', '3 → 3,5 (+0,5)'])

    // The SVG export (images, print) draws the same radar, without anyone's own scores.
    const svg = await bruno.evaluate(async (id) => {
      const editor = window.editor!
      const shape = editor
        .getCurrentPageShapes()
        .find((s) => s.type === 'compass' && (s.props as { roundId?: string }).roundId === id)
      return (await editor.getSvgString([shape!.id]))?.svg ?? ''
    }, aimedId!)
    expect(svg).toContain('Capacitant')
    expect(svg).toContain('3 → 4 (+1)')
    expect(svg).toContain('Comparaison — Situation actuelle')
    expect(svg).not.toContain('Mes notes')
    await bruno.screenshot({ path: screenshotPath('compass-comparison.png') })
    expect(session.people.foreignRequests).toEqual([])
  })
})
