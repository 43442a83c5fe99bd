import { readFile } from 'node:fs/promises'
import type { Download, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createWorkshop, type CreatedTestWorkshop } from '../helpers/server'
import { accessibilityViolations, joinBoard, waitForShapes } from './boardPage'
import { browserSession, screenshotPath } from './session'

/**
 * Issue "workshop outcomes" in the browser: the facilitator's panel downloads PNG and SVG
 * of the board and of a frame (cards drawn through their SVG export), the sheet, CSV and
 * backup; a checkpoint is saved and restored; the report prints to PDF; the workshop is
 * deleted after a confirmation.
 */

/** Screenshots of the panel and the report, to look at by hand (`.tmp/` is ignored by git). */
const session = browserSession()

const INSIDE = { actor: 'Ville de Besançon', lever: 'Clauses achat public responsable' }
const OUTSIDE = 'Indicateur hors cadre'

/** A frame holding an actor and a lever, and an indicator outside it, drawn through the editor. */
async function drawBoard(page: Page): Promise<void> {
  await page.evaluate(
    ({ inside, outside }) => {
      const editor = window.editor!
      editor.createShape({
        id: 'shape:frame-cadrage' as never,
        type: 'frame',
        x: 0,
        y: 0,
        props: { w: 900, h: 500, name: 'Cadrage' },
      })
      editor.createShape({
        type: 'actor',
        x: 60,
        y: 80,
        parentId: 'shape:frame-cadrage' as never,
        props: { name: inside.actor },
      } as never)
      editor.createShape({
        type: 'lever',
        x: 460,
        y: 80,
        parentId: 'shape:frame-cadrage' as never,
        props: { title: inside.lever },
      } as never)
      editor.createShape({ type: 'indicator', x: 1100, y: 80, props: { name: outside } } as never)
    },
    { inside: INSIDE, outside: OUTSIDE },
  )
  await waitForShapes(page, 4)
}

/** The text an SVG shows: tldraw lays words out as separate `<tspan>`s, so read them joined. */
function svgText(svg: string): string {
  return svg
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\u200b/g, '')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
}

async function openPanel(page: Page): Promise<void> {
  await page.getByTestId('panel-toggle-outcome').click()
  await page.getByTestId('export-downloads').waitFor()
}

/** Clicks a button and returns the download it starts, with its bytes. */
async function downloadOf(page: Page, testId: string): Promise<{ name: string; bytes: Buffer }> {
  const [download] = (await Promise.all([
    page.waitForEvent('download', { timeout: 30_000 }),
    page.getByTestId(testId).click(),
  ])) as [Download, void]
  const path = await download.path()
  return { name: download.suggestedFilename(), bytes: await readFile(path) }
}

describe('outcomes from the board', () => {
  let w: CreatedTestWorkshop
  let page: Page

  it('downloads PNG and SVG of the whole board and of a frame, cards included', async () => {
    w = await createWorkshop(session.server.url, { title: 'Mobilités scolaires' })
    page = await session.people.newPage()
    await joinBoard(page, w.links.facilitator, 'Awa')
    await drawBoard(page)
    await openPanel(page)

    const png = await downloadOf(page, 'export-png')
    expect(png.name).toMatch(/^mobilites-scolaires-\d{4}-\d{2}-\d{2}\.png$/)
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
    expect(png.bytes.length).toBeGreaterThan(5_000)

    const svg = await downloadOf(page, 'export-svg')
    expect(svg.name).toMatch(/^mobilites-scolaires-\d{4}-\d{2}-\d{2}\.svg$/)
    const board = svg.bytes.toString('utf8')
    expect(board).toMatch(/^<svg/)
    for (const text of [INSIDE.actor, INSIDE.lever, OUTSIDE]) expect(svgText(board)).toContain(text)

    await page.getByTestId('export-image-scope').selectOption({ label: 'Cadre\u202f: Cadrage' })
    const frame = await downloadOf(page, 'export-svg')
    expect(frame.name).toMatch(/^mobilites-scolaires-\d{4}-\d{2}-\d{2}-cadrage\.svg$/)
    const framed = svgText(frame.bytes.toString('utf8'))
    for (const text of [INSIDE.actor, INSIDE.lever]) expect(framed).toContain(text)
    expect(framed).not.toContain(OUTSIDE)
  })

  it('downloads the sheet, the CSV and the backup in one click each', async () => {
    const sheet = await downloadOf(page, 'export-md')
    expect(sheet.name).toMatch(/^mobilites-scolaires-\d{4}-\d{2}-\d{2}\.md$/)
    expect(sheet.bytes.toString('utf8')).toContain(INSIDE.actor)
    const csv = await downloadOf(page, 'export-csv')
    expect(csv.bytes.toString('utf8')).toContain(OUTSIDE)
    const backup = JSON.parse((await downloadOf(page, 'export-json')).bytes.toString('utf8')) as {
      format: string
      board: { records: { id: string }[] }
    }
    expect(backup.format).toBe('coalition-board/workshop@1')
    expect(backup.board.records.filter((r) => r.id.startsWith('shape:'))).toHaveLength(4)
  })

  it('saves a checkpoint and restores it after a change, with a confirmation', async () => {
    await page.screenshot({ path: screenshotPath('export-panel.png') })
    await page.getByTestId('export-checkpoints-section').locator('summary').click()
    await page.getByTestId('checkpoint-name').fill('Après le cadrage')
    await page.getByTestId('checkpoint-save').click()
    await expect.poll(() => page.getByTestId('checkpoint').count()).toBe(1)
    expect(await page.getByTestId('checkpoint').innerText()).toMatch(/Après le cadrage[\s\S]*Awa/)

    await page.evaluate(() => {
      window.editor!.deleteShapes(window.editor!.getCurrentPageShapes().filter((s) => s.type === 'indicator'))
    })
    await waitForShapes(page, 3)
    await page.getByTestId('checkpoint-restore').click()
    await page.getByTestId('checkpoint-confirm').click()
    await waitForShapes(page, 4)
    await expect.poll(() => page.getByTestId('checkpoint').count()).toBe(2)
    expect(await page.getByTestId('checkpoint').first().innerText()).toMatch(/Avant restauration[\s\S]*automatique/)
  })

  it('opens the report, which prints to PDF', async () => {
    const [report] = await Promise.all([page.context().waitForEvent('page'), page.getByTestId('export-report').click()])
    await report.getByTestId('report-sheet').waitFor({ timeout: 30_000 })
    expect(await report.locator('h1').first().innerText()).toBe('Mobilités scolaires')
    expect(await report.getByTestId('report-sheet').innerText()).toContain(INSIDE.actor)
    await report.locator('[data-testid="report-board"] img').waitFor({ timeout: 30_000 })
    await report.screenshot({ path: screenshotPath('report.png'), fullPage: true })
    expect(await accessibilityViolations(report)).toEqual([])
    await report.emulateMedia({ media: 'print' })
    expect(await report.getByTestId('report-print').isVisible()).toBe(false)
    const pdf = await report.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    await report.close()
  })

  it('deletes the workshop after a confirmation: the board shows why, the link is dead', async () => {
    await page.getByTestId('export-delete').locator('summary').click()
    await page.getByTestId('delete-workshop').click()
    await page.getByTestId('delete-dialog').waitFor()
    await page.getByTestId('delete-confirm').click()
    await page.getByText('Atelier supprimé').first().waitFor({ timeout: 15_000 })
    const res = await fetch(`${session.server.url}/api/workshops/${w.id}`, {
      headers: { authorization: `Bearer ${w.tokens.facilitator}` },
    })
    expect(res.status).toBe(404)
    expect(session.people.foreignRequests).toEqual([])
  })
})
