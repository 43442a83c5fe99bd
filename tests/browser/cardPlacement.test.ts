import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { joinBoard } from './boardPage'
import { browserSession } from './session'

/**
 * Issue 17, defaults from placement: a card placed in the full workshop's « Leviers —
 * Commande » lane takes the sphere commande; placed on the open canvas it has none (the
 * panel says « non renseigné ») instead of an invented « Offre ».
 */

const session = browserSession()

async function newWorkshop(template: string): Promise<string> {
  const res = await fetch(`${session.server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Placement', template, locale: 'fr' }),
  })
  const { links } = (await res.json()) as { links: { participant: string } }
  return links.participant
}

async function placeLever(page: Page, at: { x: number; y: number }): Promise<string> {
  const before = await page.evaluate(() =>
    window
      .editor!.getCurrentPageShapes()
      .filter((s) => s.type === 'lever')
      .map((s) => s.id),
  )
  await page.getByRole('toolbar', { name: 'Cartes' }).getByRole('button', { name: 'Levier', exact: true }).click()
  await page.mouse.click(at.x, at.y)
  await page.waitForFunction(() => document.activeElement?.classList.contains('cb-card-shape__input') ?? false, null, {
    timeout: 10_000,
  })
  await page.keyboard.type('Clauses d’achat')
  await page.keyboard.press('Escape')
  const ids: string[] = await page.evaluate(() =>
    window
      .editor!.getCurrentPageShapes()
      .filter((s) => s.type === 'lever')
      .map((s) => s.id as string),
  )
  return ids.find((id) => !before.includes(id as never))!
}

function sphereOf(page: Page, id: string): Promise<unknown> {
  return page.evaluate(
    (shapeId) => (window.editor!.getShape(shapeId as never)!.props as { sphere: unknown }).sphere,
    id,
  )
}

describe('defaults from placement', () => {
  it('gives a lever placed in « Leviers — Commande » the sphere commande, and none elsewhere', async () => {
    const page = await session.people.newPage()
    await joinBoard(page, await newWorkshop('full-workshop'), 'Awa')
    const lane = await page.evaluate(() => {
      const editor = window.editor!
      const frame = editor
        .getCurrentPageShapes()
        .find((s) => s.type === 'frame' && s.meta.cbRole === 'lane:levers:commande')!
      const bounds = editor.getShapePageBounds(frame)!
      editor.setCamera({ x: -bounds.x + 100, y: -bounds.y + 80, z: 1 })
      return {
        name: (frame.props as { name: string }).name,
        centre: editor.pageToScreen({ x: bounds.x + 300, y: bounds.y + 400 }),
      }
    })
    expect(lane.name).toMatch(/^Leviers — Commande/)
    const inLane = await placeLever(page, lane.centre)
    await expect.poll(() => sphereOf(page, inLane), { timeout: 10_000 }).toBe('commande')

    // Far from any frame: no sphere, shown as such in the panel.
    await page.evaluate(() => {
      window.editor!.setCamera({ x: 20_000, y: 20_000, z: 1 })
    })
    const loose = await placeLever(page, { x: 400, y: 300 })
    expect(await sphereOf(page, loose)).toBe('')
    await page.evaluate((id) => {
      window.editor!.select(id as never)
    }, loose)
    const sphere = page.getByTestId('card-panel').getByLabel('Sphère')
    await expect
      .poll(async () => sphere.evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent))
      .toBe('non renseigné')
  })
})
