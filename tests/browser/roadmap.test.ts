import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createWorkshop } from '../helpers/server'
import { joinBoard } from './boardPage'
import { browserSession } from './session'

/**
 * Issue 18 end to end, two people in real Chromium: an Action placed from the card bar with
 * the keyboard alone (its button found by its accessible name « Action »), its text typed in
 * place, its owner, due date and status set in the side panel; the other person's page
 * shows it, and the facilitator's sheet has it in the roadmap table.
 */

const session = browserSession()

type Props = Record<string, unknown>

function actions(page: Page): Promise<{ id: string; props: Props }[]> {
  return page.evaluate(() =>
    window
      .editor!.getCurrentPageShapes()
      .filter((s) => s.type === 'action')
      .map((s) => ({ id: s.id, props: s.props as Record<string, unknown> })),
  )
}

describe('roadmap actions', () => {
  it('places an Action by keyboard, fills owner and date, and a peer sees it; the sheet lists it', async () => {
    const w = await createWorkshop(session.server.url, { title: 'Feuille de route', template: 'roadmap', locale: 'fr' })
    const a = await session.people.newPage()
    const b = await session.people.newPage()
    await joinBoard(a, w.links.participant, 'Awa')
    await joinBoard(b, w.links.participant, 'Bruno')

    // Keyboard only: focus the « Action » button of the card bar, Enter places the card in
    // the middle of the view with its text open for typing.
    const button = a.getByRole('toolbar', { name: 'Cartes' }).getByRole('button', { name: 'Action', exact: true })
    await button.focus()
    await a.keyboard.press('Enter')
    await a.waitForFunction(() => document.activeElement?.classList.contains('cb-card-shape__input') ?? false, null, {
      timeout: 10_000,
    })
    await a.keyboard.type('Rédiger la charte')
    await a.keyboard.press('Escape')
    await a.waitForFunction(() => window.editor!.getEditingShapeId() === null, null, { timeout: 10_000 })
    const [placed] = await actions(a)
    expect(placed).toBeDefined()

    // The side panel of the selected action: owner typed, a due date, a status.
    await a.evaluate((id) => {
      window.editor!.select(id as never)
    }, placed.id)
    const panel = a.getByTestId('card-panel')
    await panel.waitFor()
    await panel.getByLabel('Porteur (nom)').click()
    await a.keyboard.type('Awa Diallo')
    await panel.getByLabel('Date prévue').fill('2027-03-31')
    await panel.getByLabel('Statut').selectOption({ label: 'En cours' })

    // The other page has the same action, with every field.
    await b.waitForFunction(
      (id) => {
        const props = window.editor!.getShape(id as never)?.props as Record<string, unknown> | undefined
        return (
          props?.what === 'Rédiger la charte' &&
          props.owner === 'Awa Diallo' &&
          props.due === '2027-03-31' &&
          props.status === 'doing'
        )
      },
      placed.id,
      { timeout: 20_000 },
    )
    // …and shows it on the card: status and date on its summary line, owner on the next.
    const card = b.locator(`[data-card-type="action"]`).first()
    await expect
      .poll(async () => (await card.innerText()).replace(/\s+/g, ' '), { timeout: 10_000 })
      .toMatch(/Rédiger la charte.*En cours · Date prévue 2027-03-31.*Awa Diallo/)

    // The sheet the facilitator downloads has it in the roadmap.
    const md = await (
      await fetch(`${session.server.url}/api/workshops/${w.id}/export?format=md`, {
        headers: { authorization: `Bearer ${w.tokens.facilitator}` },
      })
    ).text()
    expect(md).toContain('| Rédiger la charte | Awa Diallo | 31 mars 2027 | En cours | – |')
  })
})
