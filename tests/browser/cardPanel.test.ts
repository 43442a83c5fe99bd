import { describe, expect, it } from 'vitest'
import { joinBoard } from './boardPage'
import { browserSession } from './session'

/**
 * Issue 17, the card panel: a viewer clicking a card reads its details, read-only; and the
 * panel never scrolls sideways, even for a link to a card with a very long title.
 */

const session = browserSession()

async function newWorkshop(): Promise<{ participant: string; viewer: string }> {
  const res = await fetch(`${session.server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Panneau', template: 'blank', locale: 'fr' }),
  })
  return ((await res.json()) as { links: { participant: string; viewer: string } }).links
}

const LONG_TITLE =
  'Clauses-sociales-et-environnementales-dans-tous-les-marchés-publics-de-la-métropole-et-des-communes-membres-avant-2030'

describe('card panel', () => {
  it('shows a viewer the details of the card it clicks, read-only', async () => {
    const links = await newWorkshop()
    const participant = await session.people.newPage()
    await joinBoard(participant, links.participant, 'Awa')
    await participant.evaluate(() => {
      window.editor!.createShape({
        type: 'actor' as never,
        x: 0,
        y: 0,
        props: { name: 'Région Bretagne', notes: 'Pilote la démarche' },
      })
    })
    const viewer = await session.people.newPage()
    await joinBoard(viewer, links.viewer, 'Écran')
    await viewer.waitForFunction(() => window.editor!.getCurrentPageShapes().some((s) => s.type === 'actor'), null, {
      timeout: 15_000,
    })
    const centre = await viewer.evaluate(() => {
      const editor = window.editor!
      const actor = editor.getCurrentPageShapes().find((s) => s.type === 'actor')!
      editor.zoomToBounds(editor.getShapePageBounds(actor)!, { targetZoom: 1, inset: 200 })
      return editor.pageToScreen(editor.getShapePageBounds(actor)!.center)
    })
    await viewer.mouse.click(centre.x, centre.y)

    const panel = viewer.getByTestId('card-panel')
    await panel.waitFor({ timeout: 10_000 })
    expect(await panel.getByLabel('Nom').inputValue()).toBe('Région Bretagne')
    expect(await panel.getByLabel('Notes').inputValue()).toBe('Pilote la démarche')
    expect(await panel.getByLabel('Nom').isDisabled()).toBe(true)
    expect(await panel.getByLabel('Sphère').isDisabled()).toBe(true)
    expect(await panel.getByRole('button', { name: 'Relier à…' }).count()).toBe(0)
    expect(await panel.innerText()).toContain('Lecture seule')
  })

  it('wraps a long link title instead of scrolling sideways', async () => {
    const links = await newWorkshop()
    const page = await session.people.newPage()
    await page.setViewportSize({ width: 1280, height: 800 })
    await joinBoard(page, links.participant, 'Awa')
    await page.evaluate((title) => {
      const editor = window.editor!
      editor.createShape({ type: 'actor' as never, x: 0, y: 0, props: { name: 'Région Bretagne' } })
      editor.createShape({ type: 'lever' as never, x: 600, y: 0, props: { title } })
      const shapes = editor.getCurrentPageShapes()
      const actor = shapes.find((s) => s.type === 'actor')!
      const lever = shapes.find((s) => s.type === 'lever')!
      editor.select(lever.id)
      return { actor: actor.id, lever: lever.id }
    }, LONG_TITLE)
    // Linked through the panel's own picker, then the actor's panel shows the long title.
    const panel = page.getByTestId('card-panel')
    await panel.getByRole('button', { name: 'Relier à…' }).click()
    await page.keyboard.type('Région')
    await page.keyboard.press('Enter')
    await page.evaluate(() => {
      const editor = window.editor!
      editor.select(editor.getCurrentPageShapes().find((s) => s.type === 'actor')!.id)
    })
    await expect
      .poll(() => panel.getByTestId('card-links').innerText(), { timeout: 10_000 })
      .toContain(LONG_TITLE.slice(0, 20))
    const sizes = await panel.evaluate((el) =>
      [el, ...el.querySelectorAll('*')]
        .filter((node) => node instanceof HTMLElement && getComputedStyle(node).overflowX !== 'visible')
        .map((node) => ({ cls: node.className, scroll: node.scrollWidth, client: node.clientWidth })),
    )
    expect(sizes.length).toBeGreaterThan(0)
    for (const size of sizes) expect(size.scroll, String(size.cls)).toBeLessThanOrEqual(size.client)
    // The labels are whole: « Nom » starts inside the panel.
    const [labelBox, panelBox] = await Promise.all([
      panel.getByText('Nom', { exact: true }).boundingBox(),
      panel.boundingBox(),
    ])
    expect(labelBox!.x).toBeGreaterThanOrEqual(panelBox!.x)
  })
})
