import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { createWorkshop, type CreatedTestWorkshop } from '../helpers/server'
import { connectionStatus, joinBoard } from './boardPage'
import { browserSession } from './session'
import { seededRandom } from '../../shared/testRandom'

/**
 * Issue 17, « two people typing in the same card field garble it »: two people type
 * different sentences into the same field of the same card at the same moment, with random
 * (seeded) timing, again and again; both sentences must come out whole on both pages and in
 * the server's JSON export. The same with one side offline (merged on reconnect) and for the
 * card's main text typed on the canvas. A locked board shows the fields disabled, with why.
 */

const session = browserSession()

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Types `text` key by key at the caret, each key after a random pause (0–`maxPause` ms). */
async function typeSlowly(page: Page, text: string, random: () => number, maxPause: number): Promise<void> {
  for (const char of text) {
    await sleep(Math.floor(random() * maxPause))
    await page.keyboard.type(char)
  }
}

/** A lever card made on `page`, seen by every page in `others`; returns its id. */
async function placeCard(page: Page, others: Page[], type: string, props: Record<string, unknown>): Promise<string> {
  const id = await page.evaluate(
    ({ type, props }) => {
      const editor = window.editor!
      const id = `shape:typing-${Math.random().toString(36).slice(2, 10)}`
      editor.createShape({ id: id as never, type: type as never, x: 200, y: 200, props: props as never })
      return id
    },
    { type, props },
  )
  for (const other of others)
    await other.waitForFunction((shapeId) => window.editor?.getShape(shapeId as never) !== undefined, id, {
      timeout: 15_000,
    })
  return id
}

/** Selects the card on the page (its panel opens) and puts the caret at the end of a field. */
async function caretAtEnd(page: Page, cardId: string, label: string): Promise<void> {
  await page.evaluate((id) => {
    window.editor!.select(id as never)
  }, cardId)
  const field = page.getByTestId('card-panel').getByLabel(label, { exact: true })
  await field.click()
  await field.evaluate((el: HTMLInputElement | HTMLTextAreaElement) =>
    el.setSelectionRange(el.value.length, el.value.length),
  )
}

function fieldValue(page: Page, label: string): Promise<string> {
  return page.getByTestId('card-panel').getByLabel(label, { exact: true }).inputValue()
}

function cardProp(page: Page, cardId: string, prop: string): Promise<string> {
  return page.evaluate(
    ({ id, prop }) =>
      String((window.editor!.getShape(id as never)?.props as Record<string, unknown> | undefined)?.[prop] ?? ''),
    { id: cardId, prop },
  )
}

async function exportedCard(
  url: string,
  workshop: CreatedTestWorkshop,
  type: string,
  cardId: string,
): Promise<Record<string, unknown>> {
  const res = await fetch(`${url}/api/workshops/${workshop.id}/export?format=json`, {
    headers: { authorization: `Bearer ${workshop.tokens.facilitator}` },
  })
  expect(res.status).toBe(200)
  const body = (await res.json()) as { cards: Record<string, { id: string; fields: Record<string, unknown> }[]> }
  const card = body.cards[type].find((c) => c.id === cardId)
  if (!card) throw new Error(`card ${cardId} not in the export`)
  return card.fields
}

/** The sentence person `who` types in round `round`: distinct letters, so a garble shows. */
function sentence(who: 'A' | 'B', round: number): string {
  return who === 'A' ? `Awa propose la piste ${round} (achats). ` : `Bruno : budget ${round} voté en 2022. `
}

describe('typing together', () => {
  it('merges two people typing in the same panel field at the same moment, 20 rounds, both sentences whole everywhere', async () => {
    const workshop = await createWorkshop(session.server.url, { title: 'Écrire ensemble' })
    const a = await session.people.newPage()
    const b = await session.people.newPage()
    await joinBoard(a, workshop.links.participant, 'Awa')
    await joinBoard(b, workshop.links.participant, 'Bruno')
    const cardId = await placeCard(a, [b], 'actor', { name: 'Mairie de Rennes' })
    await caretAtEnd(a, cardId, 'Notes')
    await caretAtEnd(b, cardId, 'Notes')

    const random = seededRandom(17_2026)
    for (let round = 1; round <= 20; round++) {
      const [sa, sb] = [sentence('A', round), sentence('B', round)]
      // Both start within the same few milliseconds and type at a random pace.
      await Promise.all([
        sleep(Math.floor(random() * 20)).then(() => typeSlowly(a, sa, random, 25)),
        sleep(Math.floor(random() * 20)).then(() => typeSlowly(b, sb, random, 25)),
      ])
      await expect
        .poll(async () => (await fieldValue(a, 'Notes')) === (await fieldValue(b, 'Notes')), {
          timeout: 15_000,
          message: `round ${round}: both pages agree`,
        })
        .toBe(true)
      const merged = await fieldValue(a, 'Notes')
      expect(merged, `round ${round}: A's sentence whole`).toContain(sa)
      expect(merged, `round ${round}: B's sentence whole`).toContain(sb)
      // Each goes on typing where their caret is: at the end of what they typed.
      for (const page of [a, b]) {
        await page
          .getByTestId('card-panel')
          .getByLabel('Notes', { exact: true })
          .evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length))
      }
    }

    const notes = await fieldValue(a, 'Notes')
    for (let round = 1; round <= 20; round++) {
      expect(notes).toContain(sentence('A', round))
      expect(notes).toContain(sentence('B', round))
    }
    // The card itself (what the canvas, the outline and peers read) holds the merged text.
    await expect.poll(() => cardProp(b, cardId, 'notes'), { timeout: 10_000 }).toBe(notes)
    expect(await cardProp(a, cardId, 'notes')).toBe(notes)
    // And the server's export, built from the stored document.
    await expect
      .poll(async () => (await exportedCard(session.server.url, workshop, 'actor', cardId)).notes, { timeout: 10_000 })
      .toBe(notes)
  }, 300_000)

  it('merges what one person typed offline with what the other typed meanwhile, on reconnect', async () => {
    const workshop = await createWorkshop(session.server.url, { title: 'Hors ligne' })
    const a = await session.people.newPage()
    const b = await session.people.newPage()
    // B's board socket goes through the test, which can cut it (an open WebSocket outlives
    // the page going offline) and refuse new ones until B is back online.
    let cut = false
    const sockets: { close(): Promise<void> }[] = []
    await b.routeWebSocket(/\/sync\//, (ws) => {
      if (cut) return void ws.close()
      ws.connectToServer()
      sockets.push(ws)
    })
    const goOffline = async () => {
      cut = true
      await b.context().setOffline(true)
      for (const ws of sockets.splice(0)) await ws.close()
    }
    const goOnline = async () => {
      cut = false
      await b.context().setOffline(false)
    }
    await joinBoard(a, workshop.links.participant, 'Awa')
    await joinBoard(b, workshop.links.participant, 'Bruno')
    const cardId = await placeCard(a, [b], 'lever', { title: 'Commande publique', description: 'Contexte : ' })
    await caretAtEnd(a, cardId, 'Description')
    await caretAtEnd(b, cardId, 'Description')

    await goOffline()
    await expect.poll(() => connectionStatus(b), { timeout: 30_000 }).not.toBe('online')
    const random = seededRandom(4242)
    const [sa, sb] = ['Awa, en ligne, cite la loi Egalim. ', 'Bruno, hors ligne, chiffre le budget. ']
    await Promise.all([typeSlowly(a, sa, random, 20), typeSlowly(b, sb, random, 20)])
    // Each sees only their own sentence while B is cut off.
    expect(await fieldValue(b, 'Description')).toBe(`Contexte : ${sb}`)
    expect(await fieldValue(a, 'Description')).toBe(`Contexte : ${sa}`)

    await goOnline()
    await expect.poll(() => connectionStatus(b), { timeout: 60_000 }).toBe('online')
    await expect
      .poll(async () => (await fieldValue(a, 'Description')) === (await fieldValue(b, 'Description')), {
        timeout: 30_000,
      })
      .toBe(true)
    const merged = await fieldValue(a, 'Description')
    expect(merged).toContain(sa)
    expect(merged).toContain(sb)
    expect(merged.startsWith('Contexte : ')).toBe(true)
    await expect
      .poll(async () => (await exportedCard(session.server.url, workshop, 'lever', cardId)).description, {
        timeout: 10_000,
      })
      .toBe(merged)
  }, 300_000)

  it('merges two people typing a card’s main text on the canvas at the same moment', async () => {
    const workshop = await createWorkshop(session.server.url, { title: 'Sur le tableau' })
    const a = await session.people.newPage()
    const b = await session.people.newPage()
    await joinBoard(a, workshop.links.participant, 'Awa')
    await joinBoard(b, workshop.links.participant, 'Bruno')
    const cardId = await placeCard(a, [b], 'impact', { statement: 'Impact : ' })
    const editOnCanvas = async (page: Page) => {
      await page.evaluate((id) => {
        const editor = window.editor!
        editor.select(id as never)
        editor.setEditingShape(id as never)
      }, cardId)
      await page.waitForFunction(
        () => document.activeElement?.classList.contains('cb-card-shape__input') ?? false,
        null,
        { timeout: 10_000 },
      )
    }
    const canvasText = (page: Page) => page.locator('.cb-card-shape__input').inputValue()
    await editOnCanvas(a)
    await editOnCanvas(b)
    const random = seededRandom(1717)
    for (let round = 1; round <= 5; round++) {
      const [sa, sb] = [`Awa ${round} : moins de gaspillage. `, `Bruno ${round} : repas locaux. `]
      for (const page of [a, b])
        await page
          .locator('.cb-card-shape__input')
          .evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length))
      await Promise.all([typeSlowly(a, sa, random, 25), typeSlowly(b, sb, random, 25)])
      await expect
        .poll(async () => (await canvasText(a)) === (await canvasText(b)), {
          timeout: 15_000,
          message: `round ${round}`,
        })
        .toBe(true)
      const merged = await canvasText(a)
      expect(merged).toContain(sa)
      expect(merged).toContain(sb)
    }
    const statement = await canvasText(a)
    await a.keyboard.press('Escape')
    await expect.poll(() => cardProp(b, cardId, 'statement'), { timeout: 10_000 }).toBe(statement)
    await expect
      .poll(async () => (await exportedCard(session.server.url, workshop, 'impact', cardId)).statement, {
        timeout: 10_000,
      })
      .toBe(statement)
  }, 300_000)

  it('shows a locked card’s fields disabled, and why, to participants; the facilitator still edits', async () => {
    const workshop = await createWorkshop(session.server.url, { title: 'Verrous' })
    const facilitator = await session.people.newPage()
    const p = await session.people.newPage()
    await joinBoard(facilitator, workshop.links.facilitator, 'Camille')
    await joinBoard(p, workshop.links.participant, 'Awa')
    const cardId = await placeCard(facilitator, [p], 'actor', { name: 'Département' })
    await caretAtEnd(p, cardId, 'Notes')
    const notes = p.getByTestId('card-panel').getByLabel('Notes', { exact: true })
    expect(await notes.isDisabled()).toBe(false)

    // The facilitator locks the card.
    await facilitator.evaluate((id) => {
      window.editor!.select(id as never)
    }, cardId)
    const panel = facilitator.getByTestId('facilitator-panel')
    await panel.getByText('Verrouillage').click()
    await panel.getByRole('button', { name: 'Verrouiller la sélection (1)' }).click()
    await expect.poll(() => notes.isDisabled(), { timeout: 15_000 }).toBe(true)
    const reason = p.getByTestId('card-lock-reason')
    expect(await reason.innerText()).toContain('Carte verrouillée par l’animation')
    for (const label of ['Nom', 'Type', 'Pouvoir'])
      expect(await p.getByTestId('card-panel').getByLabel(label, { exact: true }).isDisabled()).toBe(true)
    // Nor can it be linked from its panel (the server refuses a binding to a locked card).
    expect(await p.getByTestId('card-panel').getByText('Relier à…').count()).toBe(0)
    expect(await facilitator.getByTestId('card-panel').getByText('Relier à…').count()).toBe(1)
    expect(await notes.getAttribute('aria-describedby')).toContain('cb-card-lock-reason')
    // The facilitator is never locked out.
    expect(await facilitator.getByTestId('card-panel').getByLabel('Notes', { exact: true }).isDisabled()).toBe(false)

    // Unlocked, then the whole board locked: the reason says so.
    await panel.getByRole('button', { name: 'Tout déverrouiller' }).click()
    await expect.poll(() => notes.isDisabled(), { timeout: 15_000 }).toBe(false)
    const boardLock = panel.getByLabel('Verrouiller tout le tableau')
    await boardLock.click()
    await expect.poll(() => notes.isDisabled(), { timeout: 15_000 }).toBe(true)
    expect(await reason.innerText()).toContain('Tableau verrouillé par l’animation')
  }, 300_000)

  it('keeps a character being composed (a dead key) while the other types, and writes it where it was typed', async () => {
    const workshop = await createWorkshop(session.server.url, { title: 'Accents' })
    const a = await session.people.newPage()
    const b = await session.people.newPage()
    await joinBoard(a, workshop.links.participant, 'Awa')
    await joinBoard(b, workshop.links.participant, 'Bruno')
    const cardId = await placeCard(a, [b], 'actor', { name: 'Commune', notes: 'Rôle : tr' })
    await caretAtEnd(a, cardId, 'Notes')
    await caretAtEnd(b, cardId, 'Notes')
    await b
      .getByTestId('card-panel')
      .getByLabel('Notes', { exact: true })
      .evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(0, 0))
    // A presses the dead key « ^ » (composition starts), B types meanwhile, A presses « e ».
    const cdp = await a.context().newCDPSession(a)
    await cdp.send('Input.imeSetComposition', { text: '^', selectionStart: 1, selectionEnd: 1 })
    await b.keyboard.type('Bruno : ')
    await expect.poll(() => fieldValue(b, 'Notes')).toBe('Bruno : Rôle : tr')
    await cdp.send('Input.insertText', { text: 'ê' })
    await a.keyboard.type('s actif')
    const expected = 'Bruno : Rôle : três actif'
    await expect.poll(() => fieldValue(a, 'Notes'), { timeout: 15_000 }).toBe(expected)
    await expect.poll(() => fieldValue(b, 'Notes'), { timeout: 15_000 }).toBe(expected)
  }, 300_000)
})
