import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ControlPublicState } from '../../shared/control/index'
import { arrow, card } from '../../shared/export/testWorkshop'
import { defaultPageRecord } from '../../shared/templates'
import {
  connectClient,
  createWorkshop,
  sendCommand as command,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * Issue 14, attack 4: « locks with holes ». A card the facilitator locked must not be
 * lost or unlinked through what it depends on, whatever a participant's client sends
 * (raw y-websocket clients with a participant token, against a real server):
 * - its frame (any ancestor): deleting or moving it is refused — before, deleting the
 *   unlocked frame made the locked card vanish from every board;
 * - its arrows' bindings: deleting, changing or creating a binding to or from it is
 *   refused, and so is deleting the arrow that carries one — before, Delete on a locked
 *   card kept the card but removed its bindings, so « détient » links disappeared;
 * - tldraw's own `isLocked`: a participant can neither set nor clear it; a facilitator can.
 * A participant's other changes in the same update still pass, and a facilitator is never
 * blocked. Records are complete tldraw records, as a browser writes them.
 */

let server: TestServer
const clients: TestClient[] = []
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})

function client(id: string, token: string): TestClient {
  const c = connectClient(server.url, id, token)
  clients.push(c)
  return c
}

function latestLock(c: TestClient): ControlPublicState['lock'] | undefined {
  for (let i = c.control.length - 1; i >= 0; i--) {
    const m = c.control[i]
    if (m.kind === 'state' && m.public && 'lock' in m.public) return m.public.lock as ControlPublicState['lock']
  }
  return undefined
}

const frame = (id: string, x = 0) => ({
  id,
  typeName: 'shape',
  type: 'frame',
  x,
  y: 0,
  rotation: 0,
  index: 'a1',
  parentId: 'page:page',
  isLocked: false,
  opacity: 1,
  props: { w: 1200, h: 800, name: 'Acteurs', color: 'black' },
  meta: {},
})

/**
 * The board every test starts from: frame `zone` holding the locked actor `held` and a free
 * actor `free`; a lever `lever` outside; the arrow `holds` (« détient ») from `held` to `lever`.
 */
function board() {
  return [
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
    defaultPageRecord(),
    frame('shape:zone'),
    card('shape:held', 'actor', 'shape:zone', 40, 40, { name: 'Région' }),
    card('shape:free', 'actor', 'shape:zone', 400, 40, { name: 'Association' }),
    card('shape:lever', 'lever', 'page:page', 1600, 40, { title: 'Achat groupé' }),
    card('shape:marker', 'lever', 'page:page', 1600, 900, { title: 'Repère' }),
    ...arrow('holds', 'shape:held', 'shape:lever'),
  ] as { id: string }[]
}

interface Workshop {
  facilitator: TestClient
  participant: TestClient
  watcher: TestClient
}

/** A workshop with `board()`, `shape:held` locked, everybody synced and seeing the lock. */
async function lockedWorkshop(): Promise<Workshop> {
  const w = await createWorkshop(server.url)
  const facilitator = client(w.id, w.tokens.facilitator)
  const participant = client(w.id, w.tokens.participant)
  const watcher = client(w.id, w.tokens.viewer)
  await waitFor(
    () =>
      [facilitator, participant, watcher].every((c) => c.provider.synced && c.control.some((m) => m.kind === 'state')),
    10_000,
    'connected',
  )
  facilitator.doc.transact(() => {
    for (const record of board()) facilitator.kv.set(record.id, record)
  })
  await waitFor(
    () => participant.kv.has('binding:holds-end') && watcher.kv.has('binding:holds-end'),
    10_000,
    'board relayed',
  )
  expect(await command(facilitator, { type: 'lock.lockRecords', ids: ['shape:held'] })).toMatchObject({ ok: true })
  await waitFor(() => latestLock(participant)?.records.includes('shape:held') === true, 10_000, 'lock seen')
  return { facilitator, participant, watcher }
}

type Rec = Record<string, unknown> & { props: Record<string, unknown> }
const get = (c: TestClient, id: string) => c.kv.get(id) as Rec | undefined

/** A marker change that is allowed, sent after the attack: once it arrives, the attack's fate is known. */
async function settle(w: Workshop, n: number): Promise<void> {
  w.participant.kv.set('shape:marker', { ...get(w.participant, 'shape:marker')!, x: 1600 + n })
  await waitFor(() => get(w.watcher, 'shape:marker')?.x === 1600 + n, 10_000, `marker ${n} relayed`)
  await waitFor(() => get(w.participant, 'shape:marker')?.x === 1600 + n, 10_000, `marker ${n} kept`)
}

describe('a locked card keeps what it depends on', () => {
  it('refuses a participant deleting or moving the frame around it, as tldraw deletes (frame and children) or as a bare write', async () => {
    const w = await lockedWorkshop()
    const { participant, watcher, facilitator } = w

    // tldraw's Delete on the frame: the frame and every descendant in one transaction.
    participant.doc.transact(() => {
      for (const id of ['shape:zone', 'shape:held', 'shape:free', 'binding:holds-start']) participant.kv.delete(id)
    })
    await settle(w, 1)
    for (const c of [participant, watcher]) {
      expect(c.kv.has('shape:zone'), 'the frame is back').toBe(true)
      expect(get(c, 'shape:held')?.parentId, 'the locked card is still in its frame').toBe('shape:zone')
      expect(c.kv.has('binding:holds-start'), 'its binding too').toBe(true)
    }
    // The unlocked card inside was the participant's to delete.
    expect(watcher.kv.has('shape:free')).toBe(false)

    // The frame alone (a hand-made client), then moved, then moved into another frame.
    participant.kv.delete('shape:zone')
    await settle(w, 2)
    expect(watcher.kv.has('shape:zone')).toBe(true)
    participant.kv.set('shape:zone', { ...get(participant, 'shape:zone')!, x: 5000 })
    await settle(w, 3)
    expect(get(watcher, 'shape:zone')?.x).toBe(0)
    participant.kv.set('shape:other', frame('shape:other', 3000))
    participant.kv.set('shape:zone', { ...get(participant, 'shape:zone')!, parentId: 'shape:other' })
    await settle(w, 4)
    expect(get(watcher, 'shape:zone')?.parentId).toBe('page:page')
    expect(watcher.kv.has('shape:other'), 'the other frame itself was allowed').toBe(true)
    // The page holds it too.
    participant.kv.delete('page:page')
    await settle(w, 5)
    expect(watcher.kv.has('page:page')).toBe(true)

    // Renaming the frame is no threat to the card: allowed.
    participant.kv.set('shape:zone', {
      ...get(participant, 'shape:zone')!,
      props: { ...get(participant, 'shape:zone')!.props, name: 'Acteurs clés' },
    })
    await waitFor(() => get(watcher, 'shape:zone')?.props.name === 'Acteurs clés', 10_000, 'rename relayed')

    // The facilitator may move and delete it.
    facilitator.kv.set('shape:zone', { ...get(facilitator, 'shape:zone')!, x: 100 })
    await waitFor(() => get(watcher, 'shape:zone')?.x === 100, 10_000, 'facilitator move')
    facilitator.doc.transact(() => {
      for (const id of ['shape:zone', 'shape:held', 'binding:holds-start']) facilitator.kv.delete(id)
    })
    await waitFor(() => !watcher.kv.has('shape:zone') && !watcher.kv.has('shape:held'), 10_000, 'facilitator delete')
  })

  it('refuses a participant deleting, changing or creating a binding to or from it, or deleting the arrow carrying one', async () => {
    const w = await lockedWorkshop()
    const { participant, watcher, facilitator } = w

    // tldraw's Delete on the locked card: the card and its bindings.
    participant.doc.transact(() => {
      participant.kv.delete('shape:held')
      participant.kv.delete('binding:holds-start')
    })
    await settle(w, 1)
    for (const c of [participant, watcher]) {
      expect(c.kv.has('shape:held')).toBe(true)
      expect(get(c, 'binding:holds-start')?.toId, '« détient » still starts at the locked card').toBe('shape:held')
    }

    // Changing the binding (re-anchoring it), or pointing it elsewhere.
    const start = get(participant, 'binding:holds-start')!
    participant.kv.set('binding:holds-start', {
      ...start,
      props: { ...start.props, normalizedAnchor: { x: 0.1, y: 0.9 } },
    })
    await settle(w, 2)
    expect(get(watcher, 'binding:holds-start')?.props.normalizedAnchor).toEqual({ x: 0.5, y: 0.5 })
    participant.kv.set('binding:holds-start', { ...start, toId: 'shape:free' })
    await settle(w, 3)
    expect(get(watcher, 'binding:holds-start')?.toId).toBe('shape:held')

    // Deleting the arrow (tldraw deletes its bindings with it).
    participant.doc.transact(() => {
      for (const id of ['shape:holds', 'binding:holds-start', 'binding:holds-end']) participant.kv.delete(id)
    })
    await settle(w, 4)
    for (const id of ['shape:holds', 'binding:holds-start', 'binding:holds-end'])
      expect(watcher.kv.has(id), id).toBe(true)

    // Creating a new link to the locked card: the binding is refused, the arrow itself may stay.
    participant.doc.transact(() => {
      for (const record of arrow('sneaky', 'shape:lever', 'shape:held')) participant.kv.set(record.id, record)
    })
    await settle(w, 5)
    expect(watcher.kv.has('binding:sneaky-end'), 'no binding to the locked card').toBe(false)
    expect(watcher.kv.has('binding:sneaky-start'), 'the binding to the free lever is allowed').toBe(true)

    // A locked arrow: the free lever at its other end cannot be deleted from under its binding.
    expect(await command(facilitator, { type: 'lock.lockRecords', ids: ['shape:holds'] })).toMatchObject({ ok: true })
    await waitFor(() => latestLock(participant)?.records.includes('shape:holds') === true, 10_000, 'arrow lock seen')
    participant.doc.transact(() => {
      participant.kv.delete('shape:lever')
      participant.kv.delete('binding:holds-end')
      participant.kv.delete('binding:sneaky-start')
    })
    await settle(w, 6)
    expect(watcher.kv.has('shape:lever'), 'the lever stays under the locked binding').toBe(true)
    expect(get(watcher, 'binding:holds-end')?.toId).toBe('shape:lever')
    expect(watcher.kv.has('binding:sneaky-start'), 'an unlocked binding to it was the participant’s to delete').toBe(
      false,
    )

    // The facilitator may unlink it.
    facilitator.kv.delete('binding:holds-start')
    await waitFor(() => !watcher.kv.has('binding:holds-start'), 10_000, 'facilitator unlink')
  })

  it('keeps tldraw’s own lock (isLocked) the facilitator’s: a participant can neither set nor clear it', async () => {
    const w = await lockedWorkshop()
    const { participant, watcher, facilitator } = w

    participant.kv.set('shape:free', { ...get(participant, 'shape:free')!, isLocked: true })
    await settle(w, 1)
    expect(get(watcher, 'shape:free')?.isLocked).toBe(false)
    expect(get(participant, 'shape:free')?.isLocked).toBe(false)

    facilitator.kv.set('shape:free', { ...get(facilitator, 'shape:free')!, isLocked: true })
    await waitFor(() => get(watcher, 'shape:free')?.isLocked === true, 10_000, 'facilitator lock')
    await waitFor(() => get(participant, 'shape:free')?.isLocked === true, 10_000, 'facilitator lock seen')

    // « Tout déverrouiller » from a participant.
    participant.kv.set('shape:free', { ...get(participant, 'shape:free')!, isLocked: false })
    await settle(w, 2)
    expect(get(watcher, 'shape:free')?.isLocked).toBe(true)

    facilitator.kv.set('shape:free', { ...get(facilitator, 'shape:free')!, isLocked: false })
    await waitFor(() => get(watcher, 'shape:free')?.isLocked === false, 10_000, 'facilitator unlock')
  })
})
