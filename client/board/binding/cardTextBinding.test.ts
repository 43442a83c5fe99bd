import {
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  Rectangle2d,
  ShapeUtil,
  type IndexKey,
  type TLRecord,
  type TLShape,
  type TLShapeId,
  type TLStore,
} from 'tldraw'
import { afterEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { CARD_TEXTS_MAP, Origin, RECORDS_ARRAY } from '../../../shared/board'
import { applySpliceToText, cardTextsOf, fieldText } from '../../../shared/cardText/cardTexts'
import { cardShapeProps, defaultCardProps, MAX_MAIN_TEXT } from '../../../shared/cards'
import { bindStoreToDoc, type InvalidRecord, type StoreDocBinding } from './storeDocBinding'
import { defaultDocumentRecords, PAGE_ID } from './testFixtures'

/**
 * The binding and cards' shared texts (`shared/cardText/cardTexts.ts`): texts born and gone
 * with their card, the store showing what the texts say, typing from two peers merged,
 * and a local change carrying other text (tldraw's undo) corrected instead of written.
 */

// The actor card as a minimal shape util: the real one renders React, which this test does not need.
class TestActorUtil extends ShapeUtil<TLShape> {
  static override type = 'actor' as const
  static override props = cardShapeProps.actor
  override getDefaultProps() {
    return defaultCardProps('actor') as never
  }
  override getGeometry() {
    return new Rectangle2d({ width: 240, height: 160, isFilled: true })
  }
  override component() {
    return null
  }
  override getIndicatorPath() {
    return undefined
  }
}

function newCardStore(): TLStore {
  return createTLStore({ shapeUtils: [...defaultShapeUtils, TestActorUtil], bindingUtils: defaultBindingUtils })
}

const NET = Symbol('network')

interface Peer {
  doc: Y.Doc
  store: TLStore
  binding: StoreDocBinding
  invalid: InvalidRecord[]
  inbox: Uint8Array[]
}

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.()
})

function makePeer(clientId: number, readOnly = false): Peer {
  const doc = new Y.Doc()
  doc.clientID = clientId
  const store = newCardStore()
  const invalid: InvalidRecord[] = []
  const binding = bindStoreToDoc({ store, doc, readOnly, onInvalidRecord: (r) => invalid.push(r) })
  cleanups.push(() => {
    binding.dispose()
    store.dispose()
    doc.destroy()
  })
  return { doc, store, binding, invalid, inbox: [] }
}

function connect(peers: Peer[]) {
  for (const peer of peers) {
    peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === NET) return
      for (const other of peers) if (other !== peer) other.inbox.push(update)
    })
  }
}
function deliver(peer: Peer) {
  for (const update of peer.inbox.splice(0)) Y.applyUpdate(peer.doc, update, NET)
}

function actor(id: string, props: Partial<Record<string, unknown>> = {}): TLRecord {
  return {
    id: `shape:${id}` as TLShapeId,
    typeName: 'shape',
    type: 'actor',
    parentId: PAGE_ID,
    index: 'a1' as IndexKey,
    x: 0,
    y: 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { ...defaultCardProps('actor'), ...props },
  } as unknown as TLRecord
}

function props(store: TLStore, id: string): Record<string, unknown> {
  return (store.get(`shape:${id}` as TLShapeId) as unknown as { props: Record<string, unknown> }).props
}

/** Types into a field the way the panel does: a splice on the Y.Text, as the local user. */
function type(peer: Peer, id: string, field: string, index: number, insert: string) {
  const text = fieldText(peer.doc, `shape:${id}`, field)!
  peer.doc.transact(() => applySpliceToText(text, { index, remove: 0, insert }), Origin.localUser)
}

describe('store ⇄ doc binding: cards’ shared texts', () => {
  it('writes a new card’s texts in the same update as its record, from its props', () => {
    const a = makePeer(1)
    a.store.put(defaultDocumentRecords())
    const b = new Y.Doc()
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a.doc))
    const updates: Uint8Array[] = []
    a.doc.on('update', (u: Uint8Array) => updates.push(u))
    a.store.put([actor('c', { name: 'Mairie', notes: 'Élue aux achats' })])
    expect(updates).toHaveLength(1)
    Y.applyUpdate(b, updates[0])
    expect(fieldText(b, 'shape:c', 'name')?.toString()).toBe('Mairie')
    expect(fieldText(b, 'shape:c', 'notes')?.toString()).toBe('Élue aux achats')
    expect([...cardTextsOf(b, 'shape:c')!.keys()].sort()).toEqual(['name', 'notes'])
  })

  it('removes a card’s texts with it', () => {
    const a = makePeer(2)
    a.store.put([...defaultDocumentRecords(), actor('c', { name: 'x' })])
    a.store.remove(['shape:c' as TLShapeId])
    expect(a.doc.getMap(CARD_TEXTS_MAP).has('shape:c')).toBe(false)
  })

  it('merges two peers typing in one field, and the store shows the merged text on both', () => {
    const [a, b] = [makePeer(3), makePeer(4)]
    connect([a, b])
    a.store.put([...defaultDocumentRecords(), actor('c', { notes: 'Notes : ' })])
    deliver(b)
    // Both type at the end at the same moment: neither has the other's letters yet.
    type(a, 'c', 'notes', 8, 'Awa')
    type(b, 'c', 'notes', 8, 'Bruno')
    deliver(a)
    deliver(b)
    const merged = props(a.store, 'c').notes as string
    expect(merged).toContain('Awa')
    expect(merged).toContain('Bruno')
    expect(props(b.store, 'c').notes).toBe(merged)
    expect(a.invalid).toEqual([])
  })

  it('shows a card whose record carries stale text as its texts say', () => {
    const [a, b] = [makePeer(5), makePeer(6)]
    connect([a, b])
    a.store.put([...defaultDocumentRecords(), actor('c', { name: 'Avant' })])
    deliver(b)
    type(a, 'c', 'name', 5, ' et après')
    deliver(b)
    // B moves the card: the record it writes has the text its store shows (merged), and an
    // older copy of the record (x changed only) from A leaves the text alone.
    a.store.update('shape:c' as TLShapeId, (r) => ({ ...r, x: 50 }))
    deliver(b)
    expect(props(b.store, 'c').name).toBe('Avant et après')
    expect((b.store.get('shape:c' as TLShapeId) as { x: number }).x).toBe(50)
  })

  it('puts the texts back when a local change carries other text (an undo), and never writes that text', () => {
    const [a, b] = [makePeer(7), makePeer(8)]
    connect([a, b])
    a.store.put([...defaultDocumentRecords(), actor('c', { name: 'Région' })])
    deliver(b)
    const before = a.store.get('shape:c' as TLShapeId)!
    type(b, 'c', 'name', 6, ' Bretagne')
    deliver(a)
    // tldraw's undo of a move puts back the whole old record, its old text included.
    a.store.put([{ ...before, x: 99 } as TLRecord])
    expect(props(a.store, 'c').name).toBe('Région Bretagne')
    expect(fieldText(a.doc, 'shape:c', 'name')?.toString()).toBe('Région Bretagne')
    deliver(b)
    expect(props(b.store, 'c').name).toBe('Région Bretagne')
    expect((b.store.get('shape:c' as TLShapeId) as { x: number }).x).toBe(99)
  })

  it('keeps a card without texts (from before) editable through its record, as before', () => {
    const a = makePeer(9)
    a.store.put(defaultDocumentRecords())
    const kv = new YKeyValue<unknown>(a.doc.getArray(RECORDS_ARRAY))
    a.doc.transact(() => kv.set('shape:old', actor('old', { name: 'Ancienne' })), Origin.import)
    expect(props(a.store, 'old').name).toBe('Ancienne')
    a.store.update(
      'shape:old' as TLShapeId,
      (r) => ({ ...r, props: { ...(r as unknown as { props: object }).props, name: 'Nouvelle' } }) as never,
    )
    expect((kv.get('shape:old') as { props: { name: string } }).props.name).toBe('Nouvelle')
    expect(cardTextsOf(a.doc, 'shape:old')).toBeUndefined()
  })

  it('cuts a merged text past the field’s limit in the store (valid record), keeping it whole in the text', () => {
    const [a, b] = [makePeer(10), makePeer(11)]
    connect([a, b])
    a.store.put([...defaultDocumentRecords(), actor('c')])
    deliver(b)
    type(a, 'c', 'name', 0, 'a'.repeat(MAX_MAIN_TEXT - 10))
    type(b, 'c', 'name', 0, 'b'.repeat(MAX_MAIN_TEXT - 10))
    deliver(a)
    deliver(b)
    expect(fieldText(a.doc, 'shape:c', 'name')?.length).toBe(2 * (MAX_MAIN_TEXT - 10))
    expect((props(a.store, 'c').name as string).length).toBe(MAX_MAIN_TEXT)
    expect(a.invalid).toEqual([])
    expect(b.invalid).toEqual([])
  })

  it('viewers mirror the texts and write nothing', () => {
    const [a, v] = [makePeer(12), makePeer(13, true)]
    connect([a, v])
    a.store.put([...defaultDocumentRecords(), actor('c', { name: 'Vu' })])
    deliver(v)
    type(a, 'c', 'name', 2, ' de loin')
    deliver(v)
    expect(props(v.store, 'c').name).toBe('Vu de loin')
    expect(a.inbox).toEqual([])
  })
})

/** Small seeded PRNG (mulberry32): a failing seed replays exactly. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)],
  }
}

describe('store ⇄ doc binding: cards’ shared texts, seeded fuzz', () => {
  /**
   * Three peers type tokens into cards' fields at random places, move, create and delete
   * cards and put back stale copies of cards (as tldraw's undo does), with updates delivered
   * in random order. At the end every peer holds the same document, every store shows each
   * card as its texts say, and every token typed into a card that still exists is there,
   * whole: nothing typed was lost or garbled.
   */
  function runTextFuzz(seed: number) {
    const rnd = prng(seed)
    const peers = [makePeer(2001), makePeer(2002), makePeer(2003)]
    connect(peers)
    peers[0].store.put([...defaultDocumentRecords(), actor('c0', { name: 'Carte 0' })])
    for (const peer of peers.slice(1)) deliver(peer)
    const typed = new Map<string, string[]>() // card id → tokens typed into it
    const stale: TLRecord[] = []
    let n = 0
    for (let step = 0; step < 300; step++) {
      const i = rnd.int(peers.length)
      const peer = peers[i]
      const cards = peer.store
        .allRecords()
        .filter((r) => r.typeName === 'shape' && (r as { type: string }).type === 'actor')
      const roll = rnd.next()
      if (roll < 0.35 && cards.length > 0) {
        const card = rnd.pick(cards)
        const field = rnd.pick(['name', 'notes'] as const)
        const text = fieldText(peer.doc, card.id, field)
        if (!text) continue
        const token = `[${i}.${n++}]`
        // Anywhere but inside another token (that would break it by the test's own hand).
        const current = text.toString()
        const places = Array.from({ length: current.length + 1 }, (_, k) => k).filter(
          (k) => current.slice(0, k).split('[').length === current.slice(0, k).split(']').length,
        )
        peer.doc.transact(
          () => applySpliceToText(text, { index: rnd.pick(places), remove: 0, insert: token }),
          Origin.localUser,
        )
        typed.set(card.id, [...(typed.get(card.id) ?? []), token])
      } else if (roll < 0.5 && cards.length > 0) {
        const card = rnd.pick(cards)
        if (rnd.next() < 0.5) stale.push(card)
        peer.store.update(card.id, (r) => ({ ...r, x: rnd.int(1000) }) as TLRecord)
      } else if (roll < 0.58 && stale.length > 0) {
        // tldraw's undo: a whole old copy of a card, its old text included.
        const old = rnd.pick(stale)
        if (peer.store.has(old.id)) peer.store.put([old])
      } else if (roll < 0.66) {
        const id = `p${i}-${n++}`
        peer.store.put([actor(id, { name: `Nouvelle ${id}` })])
      } else if (roll < 0.69 && cards.length > 1) {
        const card = rnd.pick(cards)
        peer.store.remove([card.id as TLShapeId])
      } else if (peer.inbox.length > 0) {
        const [update] = peer.inbox.splice(rnd.int(peer.inbox.length), 1)
        Y.applyUpdate(peer.doc, update, NET)
      }
    }
    for (let round = 0; round < 100 && peers.some((p) => p.inbox.length > 0); round++)
      for (const peer of peers) deliver(peer)
    return { peers, typed }
  }

  it.each(Array.from({ length: 12 }, (_, i) => 3 + i * 104_729))(
    'converges and loses no typed token (seed %i)',
    (seed) => {
      const { peers, typed } = runTextFuzz(seed)
      const reference = peers[0].doc.getMap(CARD_TEXTS_MAP).toJSON()
      for (const [i, peer] of peers.entries()) {
        expect(peer.doc.getMap(CARD_TEXTS_MAP).toJSON(), `seed ${seed}: peer ${i} texts`).toEqual(reference)
        expect(peer.invalid, `seed ${seed}: peer ${i} invalid`).toEqual([])
        const kv = new YKeyValue<{ props: Record<string, string> }>(peer.doc.getArray(RECORDS_ARRAY))
        for (const record of peer.store.allRecords()) {
          if (record.typeName !== 'shape') continue
          // A card deleted on one side while moved on the other comes back without texts (the
          // server then gives it new ones): its record is the truth meanwhile.
          const texts = reference[record.id] as Record<string, string> | undefined
          for (const field of ['name', 'notes']) {
            const shown = (record as unknown as { props: Record<string, string> }).props[field]
            const truth = texts
              ? texts[field].slice(0, field === 'name' ? MAX_MAIN_TEXT : 4_000)
              : kv.get(record.id)!.props[field]
            expect(shown, `seed ${seed}: peer ${i} ${record.id}.${field}`).toBe(truth)
          }
        }
      }
      const ids = new Set(peers[0].store.allRecords().map((r) => r.id as string))
      for (const [cardId, tokens] of typed) {
        if (!ids.has(cardId) || !reference[cardId]) continue
        const all = Object.values(reference[cardId] as Record<string, string>).join('\n')
        for (const token of tokens) expect(all, `seed ${seed}: ${token} in ${cardId}`).toContain(token)
      }
    },
  )
})
