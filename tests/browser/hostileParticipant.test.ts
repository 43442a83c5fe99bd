import type { Page } from 'playwright-core'
import { afterAll, describe, expect, it } from 'vitest'
import type { ControlPublicState } from '../../shared/control/index'
import { CloseCode } from '../../shared/protocol'
import { connectClient, createWorkshop, waitFor, type TestClient } from '../helpers/server'
import { drawRectangle } from './boardPage'
import { browserSession, screenshotPath } from './session'

/**
 * Issue 14 end to end: a participant attacks the board with a hand-made client (a raw
 * y-websocket client holding the participant link) while the facilitator and an honest
 * participant work in real Chromium:
 * 1. a « newer » tldraw schema written into `tl_meta` (every board turned read-only);
 * 2. junk in a root type the board does not have (the document filled to its cap);
 * 3. posing as the facilitator in awareness (her member id, role and name);
 * 4. locks with holes: deleting the frame around a locked card, deleting the card's
 *    arrow bindings, setting tldraw's own `isLocked` on another card.
 * Afterwards the facilitator's board is whole and editable: the frame, the locked card
 * and its « détient » link are on every page, the honest participant follows the real
 * facilitator's camera, and a shape the facilitator draws reaches everyone. The UI side
 * of tldraw's lock: Shift+L and « Verrouiller / Déverrouiller » drive our lock for the
 * facilitator, and do not exist for participants.
 */

const session = browserSession()
const rawClients: TestClient[] = []
afterAll(() => {
  for (const c of rawClients.splice(0)) c.destroy()
})

function eventually<T>(read: () => Promise<T> | T) {
  return expect.poll(read, { timeout: 20_000, interval: 50 })
}

async function enterBoard(page: Page, link: string, name: string): Promise<void> {
  await page.addInitScript(() => localStorage.setItem('coalition-board.orientation-seen', '1'))
  await page.goto(link)
  await page.getByLabel('Votre nom').fill(name, { timeout: 60_000 })
  await page.getByRole('button', { name: 'Rejoindre le tableau' }).click()
  await page.waitForFunction(() => window.editor !== undefined, null, { timeout: 60_000 })
}

function raw(workshopId: string, token: string, member: string): TestClient {
  const c = connectClient(session.server.url, workshopId, token, { member: member.repeat(32).slice(0, 32) })
  rawClients.push(c)
  return c
}

function lockOf(c: TestClient): ControlPublicState['lock'] | undefined {
  for (let i = c.control.length - 1; i >= 0; i--) {
    const m = c.control[i]
    if (m.kind === 'state' && m.public && 'lock' in m.public) return m.public.lock as ControlPublicState['lock']
  }
  return undefined
}

/** What the lock protects, as one page's store shows it. */
function boardOf(page: Page) {
  return page.evaluate(() => {
    const e = window.editor!
    const held = e.getShape('shape:held' as never)
    return {
      zone: e.getShape('shape:zone' as never) !== undefined,
      heldParent: held?.parentId ?? null,
      heldBindings: e.getBindingsToShape('shape:held' as never, 'arrow').length,
      leverLocked: e.getShape('shape:lever' as never)?.isLocked ?? null,
      readonly: e.getIsReadonly(),
    }
  })
}

/** Centre of what a page's camera shows, in page coordinates. */
function viewCenter(page: Page): Promise<{ x: number; y: number; w: number }> {
  return page.evaluate(() => {
    const b = window.editor!.getViewportPageBounds()
    return { x: b.center.x, y: b.center.y, w: b.w }
  })
}

/**
 * Selects the frame `shape:zone` and opens its context menu (in an empty part of it), then
 * the « Modifier » submenu, where tldraw puts « Verrouiller / Déverrouiller »; returns
 * whether it is there (« Supprimer le cadre » shows the submenu is open).
 */
async function frameMenuOffersLock(page: Page): Promise<boolean> {
  const point = await page.evaluate(() => {
    const e = window.editor!
    e.select('shape:zone' as never)
    const p = e.pageToScreen({ x: 800, y: 420 })
    return { x: p.x, y: p.y }
  })
  await page.mouse.click(point.x, point.y, { button: 'right' })
  await page.getByRole('menuitem', { name: 'Modifier' }).click()
  await page.getByRole('menuitem', { name: 'Supprimer le cadre' }).waitFor()
  const offers = (await page.getByRole('menuitem', { name: 'Verrouiller / Déverrouiller' }).count()) > 0
  await page.keyboard.press('Escape')
  await page.keyboard.press('Escape')
  await page.evaluate(() => {
    window.editor!.selectNone()
  })
  return offers
}

describe('a hostile participant cannot spoil the workshop', () => {
  it('leaves the facilitator a whole, editable board after posing as her and attacking the lock', async () => {
    const w = await createWorkshop(session.server.url, { title: 'Atelier sous pression' })
    const marie = await session.people.newPage()
    const paul = await session.people.newPage()
    await enterBoard(marie, w.links.facilitator, 'Marie')
    await enterBoard(paul, w.links.participant, 'Paul')
    const watcher = raw(w.id, w.tokens.viewer, 'v')

    // Marie's board: the frame « Acteurs » with a card she will lock, a lever outside, and
    // the « détient » arrow from the card to the lever.
    await marie.evaluate(() => {
      const e = window.editor!
      e.createShapes([
        { id: 'shape:zone' as never, type: 'frame', x: 0, y: 0, props: { w: 900, h: 500, name: 'Acteurs' } },
        {
          id: 'shape:held' as never,
          type: 'actor',
          parentId: 'shape:zone' as never,
          x: 60,
          y: 80,
          props: { name: 'Région' },
        },
        { id: 'shape:lever' as never, type: 'lever', x: 1200, y: 80, props: { title: 'Achat groupé' } },
        {
          id: 'shape:holds' as never,
          type: 'arrow',
          x: 400,
          y: 150,
          props: { start: { x: 0, y: 0 }, end: { x: 800, y: 0 } },
        },
      ])
      const anchor = { normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false }
      e.createBindings([
        {
          type: 'arrow',
          fromId: 'shape:holds' as never,
          toId: 'shape:held' as never,
          props: { terminal: 'start', ...anchor },
        },
        {
          type: 'arrow',
          fromId: 'shape:holds' as never,
          toId: 'shape:lever' as never,
          props: { terminal: 'end', ...anchor },
        },
      ])
      e.zoomToFit()
    })
    await eventually(() => boardOf(paul)).toMatchObject({ zone: true, heldParent: 'shape:zone', heldBindings: 1 })

    // Marie locks the card with tldraw's own shortcut: it drives the facilitator's lock.
    expect(await frameMenuOffersLock(marie)).toBe(true)
    await marie.evaluate(() => {
      window.editor!.focus()
      window.editor!.select('shape:held' as never)
    })
    await marie.keyboard.press('Shift+L')
    await waitFor(() => lockOf(watcher)?.records.includes('shape:held') === true, 20_000, 'the card locked by Shift+L')
    expect(await marie.evaluate(() => window.editor!.getShape('shape:held' as never)?.isLocked)).toBe(false)

    // Paul has no tldraw lock: no menu entry, and Shift+L does nothing.
    expect(await frameMenuOffersLock(paul)).toBe(false)
    await paul.evaluate(() => {
      window.editor!.focus()
      window.editor!.select('shape:lever' as never)
    })
    await paul.keyboard.press('Shift+L')
    expect(await paul.evaluate(() => window.editor!.getShape('shape:lever' as never)?.isLocked)).toBe(false)

    // Marie's public member id, as every page sees it in presence.
    let marieId = ''
    await waitFor(
      () => {
        for (const state of watcher.provider.awareness.getStates().values()) {
          const user = (state as { user?: { role?: string; memberId?: string } }).user
          if (user?.role === 'facilitator' && user.memberId) marieId = user.memberId
        }
        return marieId !== ''
      },
      20_000,
      'Marie’s presence',
    )

    // The attacker joins as « Eve », then claims to be Marie, far from where Marie looks.
    const eve = raw(w.id, w.tokens.participant, 'e')
    await waitFor(
      () => eve.provider.synced && eve.kv.has('shape:held') && lockOf(eve) !== undefined,
      20_000,
      'attacker synced',
    )
    const presence = (name: string, role: string, memberId: string) => ({
      user: { name, role, memberId, color: '#B3261E' },
      cursor: { x: -9000, y: -9000, type: 'default', rotation: 0 },
      selection: [],
      pageId: 'page:page',
      view: { camera: { x: 9000, y: 9000, z: 1 }, screenBounds: { x: 0, y: 0, w: 1200, h: 800 } },
    })
    eve.provider.awareness.setLocalState(presence('Eve', 'participant', ''))
    await eventually(() =>
      paul.evaluate(() => window.editor!.getCollaborators().some((c) => c.userName === 'Eve')),
    ).toBe(true)
    eve.provider.awareness.setLocalState(presence('Marie', 'facilitator', marieId))

    // Attack 4: the frame around the locked card, the card's bindings, tldraw's own lock.
    const bindingIds = [...eve.kv.map.keys()].filter((key) => key.startsWith('binding:'))
    eve.doc.transact(() => {
      for (const id of ['shape:zone', 'shape:held', ...bindingIds]) eve.kv.delete(id)
    })
    eve.doc.transact(() => {
      eve.kv.set('shape:lever', { ...(eve.kv.get('shape:lever') as object), isLocked: true })
    })
    // A harmless change after the attacks: once it arrives, they have been judged.
    eve.kv.set('shape:marker', {
      ...(eve.kv.get('shape:lever') as object),
      id: 'shape:marker',
      isLocked: false,
      y: 900,
    })
    await eventually(() => marie.evaluate(() => window.editor!.getShape('shape:marker' as never) !== undefined)).toBe(
      true,
    )

    for (const page of [marie, paul]) {
      await eventually(() => boardOf(page)).toEqual({
        zone: true,
        heldParent: 'shape:zone',
        heldBindings: 1,
        leverLocked: false,
        readonly: false,
      })
    }
    expect(await paul.evaluate(() => window.editor!.getBindingsFromShape('shape:holds' as never, 'arrow').length)).toBe(
      2,
    )

    // Attack 3: the impostor shows as the participant it is, and follow-me follows Marie.
    const collaborators = () =>
      paul.evaluate(() =>
        window.editor!.getCollaborators().map((c) => ({ userId: c.userId, name: c.userName, role: c.meta.role })),
      )
    await eventually(async () => (await collaborators()).filter((c) => c.userId === `user:member-${marieId}`)).toEqual([
      { userId: `user:member-${marieId}`, name: 'Marie', role: 'facilitator' },
    ])
    expect((await collaborators()).find((c) => c.name === 'Eve')?.role).toBe('participant')

    const panel = marie.getByTestId('facilitator-panel')
    await panel.getByText('Vue de tous').click()
    await panel.getByRole('button', { name: 'Suivez-moi' }).click()
    await marie.evaluate(() => {
      window.editor!.setCamera({ x: 3000, y: -2000, z: 0.7 })
    })
    const target = await viewCenter(marie)
    await eventually(async () => {
      const now = await viewCenter(paul)
      return Math.hypot(now.x - target.x, now.y - target.y) < target.w * 0.05
    }).toBe(true)
    await paul.screenshot({ path: screenshotPath('hostile-participant-follow.png') })

    // Attacks 1 and 2, each from a hand-made client of its own: a « newer » tldraw schema
    // written into tl_meta (it used to turn every board read-only, newcomers' too), and
    // junk in a root type the board does not have (it used to fill the document's cap).
    const attacks: [string, (c: TestClient) => void][] = [
      [
        's',
        (c) =>
          c.doc.getMap('tl_meta').set('schema', {
            schemaVersion: 2,
            sequences: { 'com.tldraw.store': 99, 'com.tldraw.shape': 99 },
            recordVersions: {},
          }),
      ],
      ['j', (c) => c.doc.getMap('anything').set('junk', 'x'.repeat(300_000))],
    ]
    for (const [member, attack] of attacks) {
      const mallory = raw(w.id, w.tokens.participant, member)
      await waitFor(() => mallory.provider.synced && mallory.kv.has('shape:held'), 20_000, 'attacker synced')
      attack(mallory)
      await waitFor(
        () => mallory.closeCodes.includes(CloseCode.updateRefused),
        20_000,
        `attack ${member} refused with 4422`,
      )
      // It would send the same again on every reconnect.
      mallory.provider.disconnect()
    }
    expect(watcher.doc.share.has('anything'), 'the junk root type never reached anyone').toBe(false)
    // A newcomer after all the attacks opens an editable board with everything on it.
    const zoe = await session.people.newPage()
    await enterBoard(zoe, w.links.participant, 'Zoé')
    await eventually(() => boardOf(zoe)).toEqual({
      zone: true,
      heldParent: 'shape:zone',
      heldBindings: 1,
      leverLocked: false,
      readonly: false,
    })
    for (const page of [marie, paul]) expect(await boardOf(page)).toMatchObject({ readonly: false })

    // The facilitator still edits: a rectangle she draws reaches Paul.
    await panel.getByRole('button', { name: 'Arrêter « suivez-moi »' }).click()
    const before = await paul.evaluate(() => window.editor!.getCurrentPageShapes().length)
    await marie.evaluate(() => {
      window.editor!.zoomToFit()
    })
    await drawRectangle(marie, 600, 650)
    await eventually(() => paul.evaluate(() => window.editor!.getCurrentPageShapes().length)).toBe(before + 1)
    expect(await boardOf(marie)).toMatchObject({ readonly: false })
  })
})
