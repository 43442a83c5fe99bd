import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { joinBoard } from './boardPage'
import { browserSession } from './session'

/**
 * Issue 17, labelled links: « Relier à… » in the card panel links two cards far apart from
 * the keyboard alone (combobox and listbox), the arrow carries its meaning as a label that
 * the SVG export shows, and changing the meaning in the panel rewrites the label and is
 * what the server's export reads (the server kept the arrow's stored choice).
 */

const session = browserSession()

async function newWorkshop(): Promise<{ id: string; links: { participant: string; facilitator: string } }> {
  const res = await fetch(`${session.server.url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Liens', template: 'blank', locale: 'fr' }),
  })
  return (await res.json()) as { id: string; links: { participant: string; facilitator: string } }
}

/** An actor far left, a lever and an impact far right (no zoom shows both), as a person would have typed them. */
async function threeCards(page: Page): Promise<{ actor: string; lever: string; impact: string }> {
  return page.evaluate(() => {
    const editor = window.editor!
    const make = (type: string, x: number, y: number, props: Record<string, unknown>) => {
      editor.createShape({ type: type as never, x, y, props })
      return editor.getCurrentPageShapes().find((s) => s.type === type)!.id as string
    }
    return {
      actor: make('actor', 0, 0, { name: 'Région Bretagne' }),
      lever: make('lever', 9000, 0, { title: 'Clauses d’achat' }),
      impact: make('impact', 9000, 3000, { statement: 'Moins de déchets' }),
    }
  })
}

function arrowLabels(page: Page): Promise<{ id: string; text: string; start?: string; end?: string }[]> {
  return page.evaluate(() => {
    const editor = window.editor!
    return editor
      .getCurrentPageShapes()
      .filter((s) => s.type === 'arrow')
      .map((arrow) => {
        const ends: Record<string, string> = {}
        for (const b of editor.getBindingsFromShape(arrow.id, 'arrow'))
          ends[(b.props as { terminal: string }).terminal] = b.toId
        const doc = (arrow.props as { richText: { content?: { content?: { text?: string }[] }[] } }).richText
        const text = (doc.content ?? []).map((p) => (p.content ?? []).map((n) => n.text ?? '').join('')).join('\n')
        return { id: arrow.id as string, text, start: ends.start, end: ends.end }
      })
  })
}

describe('labelled links', () => {
  it('links two far cards from the keyboard alone, with the meaning written on the arrow and in the SVG export', async () => {
    const workshop = await newWorkshop()
    const page = await session.people.newPage()
    await joinBoard(page, workshop.links.participant, 'Awa')
    const ids = await threeCards(page)
    await page.evaluate((id) => {
      window.editor!.select(id as never)
    }, ids.lever)

    // Keyboard only: focus « Relier à… », open it, filter, pick the actor, Enter.
    const panel = page.getByTestId('card-panel')
    await panel.getByRole('button', { name: 'Relier à…' }).focus()
    await page.keyboard.press('Enter')
    const combo = panel.getByRole('combobox', { name: 'Carte à relier' })
    await expect.poll(() => combo.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await combo.getAttribute('aria-expanded')).toBe('true')
    const listbox = panel.getByRole('listbox', { name: 'Carte à relier' })
    expect(await listbox.getByRole('option').allInnerTexts()).toHaveLength(2)
    await page.keyboard.type('regi')
    await expect
      .poll(() => listbox.getByRole('option').allInnerTexts())
      .toEqual([expect.stringMatching(/Acteur\s+Région Bretagne\s+—\s+hors cadre/)])
    await page.keyboard.press('ArrowDown') // wraps back to the only option
    const active = await combo.getAttribute('aria-activedescendant')
    expect(await listbox.getByRole('option', { selected: true }).getAttribute('id')).toBe(active)
    await page.keyboard.press('Enter')

    // The arrow reads the method's way (actor → lever, « détient »), bound at both ends, labelled.
    await expect
      .poll(() => arrowLabels(page), { timeout: 10_000 })
      .toEqual([expect.objectContaining({ text: 'détient', start: ids.actor, end: ids.lever })])
    await expect.poll(() => panel.getByTestId('card-links').innerText()).toMatch(/détenu par\s+Acteur Région Bretagne/)
    expect(await panel.getByRole('status').filter({ hasText: 'Lien tracé' }).innerText()).toMatch(
      /Lien tracé\s*:\s*détenu par Acteur Région Bretagne/,
    )
    // Focus is back on the button, ready for another link.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Relier à…')

    // The SVG export of the board shows the label.
    const svg = await page.evaluate(async () => {
      const editor = window.editor!
      const result = await editor.getSvgString([...editor.getCurrentPageShapeIds()])
      return result?.svg ?? ''
    })
    expect(svg).toContain('détient')

    // Another meaning, chosen in the panel: the label follows, and the server's export agrees.
    await panel.getByLabel('Sens du lien avec Acteur Région Bretagne').selectOption('relates-to')
    await expect.poll(async () => (await arrowLabels(page))[0]?.text, { timeout: 10_000 }).toBe('est lié à')
    const facilitatorToken = new URL(workshop.links.facilitator).hash.replace('#token=', '')
    await expect
      .poll(
        async () => {
          const res = await fetch(`${session.server.url}/api/workshops/${workshop.id}/export?format=json`, {
            headers: { authorization: `Bearer ${facilitatorToken}` },
          })
          const doc = (await res.json()) as { links: { from: string; to: string; kind: string }[] }
          return doc.links
        },
        { timeout: 15_000 },
      )
      .toEqual([expect.objectContaining({ from: ids.actor, to: ids.lever, kind: 'relates-to' })])
  })

  it('writes the label on an arrow drawn by hand between two cards', async () => {
    const workshop = await newWorkshop()
    const page = await session.people.newPage()
    await joinBoard(page, workshop.links.participant, 'Awa')
    const ids = await page.evaluate(() => {
      const editor = window.editor!
      editor.createShape({ type: 'lever' as never, x: 0, y: 0, props: { title: 'Achat public' } })
      editor.createShape({ type: 'impact' as never, x: 500, y: 0, props: { statement: 'Air sain' } })
      const shapes = editor.getCurrentPageShapes()
      const lever = shapes.find((s) => s.type === 'lever')!
      const impact = shapes.find((s) => s.type === 'impact')!
      editor.zoomToBounds(editor.getCurrentPageBounds()!, { targetZoom: 1, inset: 100 })
      const at = (id: string) => editor.pageToScreen(editor.getShapePageBounds(id as never)!.center)
      return { lever: lever.id as string, impact: impact.id as string, from: at(lever.id), to: at(impact.id) }
    })
    await page.mouse.click(5, 400)
    await page.keyboard.press('a')
    await page.mouse.move(ids.from.x, ids.from.y)
    await page.mouse.down()
    await page.mouse.move(ids.to.x, ids.to.y, { steps: 8 })
    await page.mouse.up()
    await expect
      .poll(() => arrowLabels(page), { timeout: 10_000 })
      .toEqual([expect.objectContaining({ text: 'contribue à', start: ids.lever, end: ids.impact })])

    // The arrow's own menu: right click on it, « Sens du lien », another meaning.
    await page.keyboard.press('Escape')
    const middle = { x: (ids.from.x + ids.to.x) / 2, y: (ids.from.y + ids.to.y) / 2 }
    await page.mouse.click(middle.x, middle.y, { button: 'right' })
    await page.getByRole('menuitem', { name: 'Sens du lien' }).click()
    await page.getByRole('menuitemcheckbox', { name: 'est lié à' }).click()
    await expect.poll(async () => (await arrowLabels(page))[0]?.text, { timeout: 10_000 }).toBe('est lié à')
  })
})
