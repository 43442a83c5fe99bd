import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLStore } from 'tldraw'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { bindStoreToDoc, type InvalidRecord } from '../../client/board/binding/storeDocBinding'
import { CARD_SHAPE_UTILS } from '../../client/board/cards/cardShapeUtils'
import { RECORDS_ARRAY } from '../../shared/board'
import { defaultCardProps } from '../../shared/cards'
import { buildTemplateRecords, isPowerInterestGridFrame } from '../../shared/templates'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * Coalition cards through the real server: a card with every field crosses intact, a card
 * with invalid props is reverted by the server (the rest of the same update still syncs,
 * nothing bad is stored), and a workshop created from a template opens, in a tldraw store
 * bound like the client's, on the template's single page.
 */

let server: TestServer
const clients: TestClient[] = []
const stores: { store: TLStore; dispose(): void }[] = []

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
})
afterEach(() => {
  for (const s of stores.splice(0)) s.dispose()
  for (const c of clients.splice(0)) c.destroy()
})

function client(id: string, token: string): TestClient {
  const c = connectClient(server.url, id, token)
  clients.push(c)
  return c
}
const synced = (c: TestClient) => waitFor(() => c.provider.synced, 10_000, 'sync')

function card(id: string, type: string, props: Record<string, unknown>, x = 0) {
  return {
    id,
    typeName: 'shape',
    type,
    parentId: 'page:page',
    index: 'a1',
    x,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props,
  }
}

const ACTOR = card('shape:region', 'actor', {
  w: 260,
  h: 182,
  name: 'Région Bretagne',
  kind: 'public-body',
  sphere: 'commande',
  circle: 'noyau',
  power: 5,
  interest: 4,
  notes: 'Porte le volet achats.\nÀ relancer en mars.',
})
const IMPACT = card(
  'shape:impact',
  'impact',
  { w: 280, h: 160, statement: 'Moins de déchets numériques', horizon: '2030', qualities: ['frugal', 'equitable'] },
  400,
)
const INDICATOR = card(
  'shape:indicator',
  'indicator',
  {
    w: 240,
    h: 160,
    name: 'Équipements reconditionnés',
    unit: '%',
    baseline: '≈ 12',
    target: '40',
    deadline: 'fin 2027',
    source: 'Observatoire régional',
  },
  800,
)

/** A tldraw store with our cards, bound to a client's doc as the board page binds it. */
function boundStore(doc: Y.Doc, invalid: InvalidRecord[] = []): TLStore {
  const store = createTLStore({
    shapeUtils: [...defaultShapeUtils, ...CARD_SHAPE_UTILS],
    bindingUtils: defaultBindingUtils,
  })
  const binding = bindStoreToDoc({ store, doc, readOnly: false, onInvalidRecord: (r) => invalid.push(r) })
  stores.push({
    store,
    dispose() {
      binding.dispose()
      store.dispose()
    },
  })
  return store
}

describe('coalition cards over the sync endpoint', () => {
  it('delivers cards with every field intact to another client, a late joiner and a tldraw store', async () => {
    const w = await createWorkshop(server.url)
    const a = client(w.id, w.tokens.participant)
    const b = client(w.id, w.tokens.facilitator)
    await Promise.all([synced(a), synced(b)])
    a.doc.transact(() => {
      for (const record of [ACTOR, IMPACT, INDICATOR]) a.kv.set(record.id, record)
    })
    await waitFor(() => b.kv.has(ACTOR.id) && b.kv.has(IMPACT.id) && b.kv.has(INDICATOR.id), 10_000, 'cards at b')
    for (const record of [ACTOR, IMPACT, INDICATOR]) expect(b.kv.get(record.id)).toEqual(record)

    const late = client(w.id, w.tokens.viewer)
    await synced(late)
    await waitFor(() => late.kv.has(INDICATOR.id), 10_000, 'late joiner')
    expect(late.kv.get(ACTOR.id)).toEqual(ACTOR)

    const invalid: InvalidRecord[] = []
    const store = boundStore(late.doc, invalid)
    expect(invalid).toEqual([])
    expect(store.get(ACTOR.id as never)).toEqual(ACTOR)
    expect(store.get(IMPACT.id as never)).toEqual(IMPACT)
  })

  it('reverts a card with invalid props while the rest of the same update syncs, and never stores it', async () => {
    const w = await createWorkshop(server.url)
    const a = client(w.id, w.tokens.participant)
    const b = client(w.id, w.tokens.participant)
    await Promise.all([synced(a), synced(b)])
    const lever = card('shape:lever', 'lever', { ...defaultCardProps('lever'), title: 'Clauses d’achat responsable' })
    const badActor = card('shape:bad-actor', 'actor', { ...defaultCardProps('actor'), name: 'Pouvoir 7', power: 7 })
    const badSphere = card('shape:bad-lever', 'lever', { ...defaultCardProps('lever'), sphere: 'ailleurs' })
    a.doc.transact(() => {
      a.kv.set(lever.id, lever)
      a.kv.set(badActor.id, badActor)
      a.kv.set(badSphere.id, badSphere)
    })
    // A valid edit of a valid card, then an invalid one: the card goes back to the valid value.
    await waitFor(() => b.kv.has(lever.id), 10_000, 'the valid card')
    a.kv.set(lever.id, { ...lever, props: { ...lever.props, kind: 'procurement' } })
    a.kv.set(lever.id, { ...lever, props: { ...lever.props, kind: 'magic' } })
    // The server's revert reaches the writer too: everyone converges on the valid state.
    await waitFor(() => !a.kv.has(badActor.id) && !a.kv.has(badSphere.id), 10_000, 'revert at the writer')
    await waitFor(
      () => (a.kv.get(lever.id) as typeof lever).props.kind === 'procurement',
      10_000,
      'last valid value at the writer',
    )
    await waitFor(
      () => (b.kv.get(lever.id) as typeof lever | undefined)?.props.kind === 'procurement',
      10_000,
      'last valid value at b',
    )
    expect(b.kv.has(badActor.id)).toBe(false)
    expect(b.kv.has(badSphere.id)).toBe(false)

    // What the server stored: a newcomer gets the lever and nothing invalid.
    const late = client(w.id, w.tokens.viewer)
    await synced(late)
    await waitFor(() => late.kv.has(lever.id), 10_000, 'late joiner')
    expect(late.kv.has(badActor.id)).toBe(false)
    expect(late.kv.has(badSphere.id)).toBe(false)
    expect((late.kv.get(lever.id) as typeof lever).props.kind).toBe('procurement')
  })

  it('skips and reports a card with invalid props already in a client’s copy, keeping the board usable', () => {
    // A copy written before the server refused such cards (an offline cache, an old backup).
    const doc = new Y.Doc()
    const good = card('shape:good', 'impact', { ...defaultCardProps('impact'), statement: 'Inclusion' })
    const bad = card('shape:bad', 'actor', { ...defaultCardProps('actor'), interest: 0 })
    const kv = new YKeyValue<unknown>(doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
    doc.transact(() => {
      kv.set(good.id, good)
      kv.set(bad.id, bad)
    })
    const invalid: InvalidRecord[] = []
    const store = boundStore(doc, invalid)
    expect(store.get(good.id as never)).toEqual(good)
    expect(store.get(bad.id as never)).toBeUndefined()
    expect(invalid).toEqual([{ key: bad.id, reason: expect.stringContaining('interest must be between 1 and 5') }])
    // Corrected by a peer later, the card comes in like any other.
    const fixed = { ...bad, props: { ...bad.props, interest: 2 } }
    doc.transact(() => kv.set(bad.id, fixed), 'peer')
    expect(store.get(bad.id as never)).toEqual(fixed)
  })

  it('opens a workshop created from a template on one page holding the template, like a blank board', async () => {
    const w = await createWorkshop(server.url, { title: 'Carte des acteurs', template: 'actors-map', locale: 'en' })
    const blank = await createWorkshop(server.url, { title: 'Vide' })
    const expected = buildTemplateRecords('actors-map', 'en')

    for (const [workshop, shapes] of [
      [w, expected.length],
      [blank, 0],
    ] as const) {
      const c = client(workshop.id, workshop.tokens.participant)
      await synced(c)
      await waitFor(() => c.kv.map.size >= shapes, 10_000, 'template records')
      const store = boundStore(c.doc)
      // What tldraw's editor does on mount: add the document and a page if there is none.
      ;(store as unknown as { ensureStoreIsUsable(): void }).ensureStoreIsUsable()
      const pages = store.allRecords().filter((r) => r.typeName === 'page')
      expect(pages.map((p) => p.id)).toEqual(['page:page'])
      expect(store.allRecords().filter((r) => r.typeName === 'shape')).toHaveLength(shapes)
      // The client completed the doc with what tldraw created (document, and page if blank).
      await waitFor(() => c.kv.has('document:document') && c.kv.has('page:page'), 10_000, 'client records in the doc')
    }
    const grid = (await (async () => {
      const c = client(w.id, w.tokens.viewer)
      await synced(c)
      await waitFor(() => c.kv.map.size > expected.length, 10_000, 'late joiner')
      return [...c.kv.map.values()].map((entry) => entry.val).find(isPowerInterestGridFrame)
    })()) as { props: { name: string } } | undefined
    expect(grid?.props.name).toBe('Power / interest grid')
  })
})
