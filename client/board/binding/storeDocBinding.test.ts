import { toRichText, type TLFrameShape, type TLParentId, type TLRecord, type TLShapeId, type TLStore } from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { META_MAP, META_SCHEMA_KEY, Origin, RECORDS_ARRAY } from '../../../shared/board'
import type { ChunkLimits } from './docWriteChunks'
import { bindStoreToDoc, type InvalidRecord, type StoreDocBinding } from './storeDocBinding'
import { defaultDocumentRecords, geoShape, newStore } from './testFixtures'

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

const NET = Symbol('network')

interface Peer {
  doc: Y.Doc
  store: TLStore
  binding: StoreDocBinding
  inbox: Uint8Array[]
  invalid: InvalidRecord[]
}

const cleanups: (() => void)[] = []
afterEach(() => {
  while (cleanups.length) cleanups.pop()?.()
})

function makePeer(clientId: number, options: { readOnly?: boolean; doc?: Y.Doc; chunk?: ChunkLimits } = {}): Peer {
  const doc = options.doc ?? new Y.Doc()
  doc.clientID = clientId // deterministic conflict resolution: the seed alone replays a run
  const store = newStore()
  const invalid: InvalidRecord[] = []
  const binding = bindStoreToDoc({
    store,
    doc,
    readOnly: options.readOnly ?? false,
    onInvalidRecord: (r) => invalid.push(r),
    chunk: options.chunk,
  })
  const peer: Peer = { doc, store, binding, inbox: [], invalid }
  cleanups.push(() => {
    binding.dispose()
    store.dispose()
    doc.destroy()
  })
  return peer
}

/**
 * Every update a peer produces goes to every other peer's inbox, in the order produced: the
 * sync server relays each update to each connection in the order it got them, so a peer never
 * receives an update before one it depends on. (Out-of-order delivery is not ours to survive:
 * Yjs 13.6's pending-update queue can stay stuck with every update delivered — random order
 * did that at seed 1726343 on a bare Y.Doc, no binding involved.) When each peer reads its
 * inbox, and how local edits and frames interleave with that, stays random.
 */
function connect(peers: Peer[]) {
  for (const peer of peers) {
    peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === NET) return
      for (const other of peers) if (other !== peer) other.inbox.push(update)
    })
  }
}

/**
 * Frames on demand: tldraw delivers store changes to listeners on the next animation frame
 * in a browser, synchronously under NODE_ENV=test. With `__FORCE_RAF_IN_TESTS__` and this fake
 * `requestAnimationFrame`, the fuzz decides when frames run, so local edits can wait while
 * remote ones arrive — the interleaving a real browser produces.
 *
 * The clock is the test's too. tldraw's frame scheduler (`FpsScheduler`, a module singleton)
 * flushes only when `Date.now()` moved a frame's time (7.2 ms at 120 fps) since its last
 * flush, and otherwise asks for another frame. On the real clock, whether `runFrames` flushed
 * the pending local edits depended on how fast the machine ran the loop: a fuzz run could end
 * with edits still waiting, and fail or pass by the time it took. Here each batch of frames
 * is 16 ms of a fake clock that only moves forward, across tests too, because the
 * scheduler's last flush time outlives each test.
 */
const FRAME_MS = 16
const frames: FrameRequestCallback[] = []
let frameClock = 0
function installManualFrames() {
  const g = globalThis as Record<string, unknown>
  const saved = { raf: g.requestAnimationFrame, caf: g.cancelAnimationFrame, force: g.__FORCE_RAF_IN_TESTS__ }
  frameClock = Math.max(frameClock, Date.now())
  const clock = vi.spyOn(Date, 'now').mockImplementation(() => frameClock)
  g.requestAnimationFrame = (cb: FrameRequestCallback) => frames.push(cb)
  g.cancelAnimationFrame = () => {}
  g.__FORCE_RAF_IN_TESTS__ = true
  cleanups.unshift(() => {
    // Run what is pending rather than dropping it: tldraw's frame scheduler is a module
    // singleton and would wait forever for a frame we threw away.
    runFrames()
    clock.mockRestore()
    g.requestAnimationFrame = saved.raf
    g.cancelAnimationFrame = saved.caf
    g.__FORCE_RAF_IN_TESTS__ = saved.force
  })
}
/** Runs frames until none is requested; each batch is one frame later on the fake clock. */
function runFrames() {
  for (let i = 0; i < 1000 && frames.length > 0; i++) {
    frameClock += FRAME_MS
    frames.splice(0, frames.length).forEach((cb) => cb(frameClock))
  }
  if (frames.length > 0) throw new Error('frames keep asking for frames: tldraw never settles')
}

function documentOf(store: TLStore) {
  return store.serialize('document')
}
function docRecords(doc: Y.Doc) {
  const kv = new YKeyValue<TLRecord>(doc.getArray(RECORDS_ARRAY))
  return Object.fromEntries(
    [...kv.map.entries()].map(([k, v]) => [k, v.val]).sort(([a], [b]) => String(a).localeCompare(String(b))),
  )
}
function docFrom(source: Y.Doc) {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source), NET)
  return doc
}
function sorted<T extends object>(o: T) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)))
}

function randomEdit(peer: Peer, index: number, counter: { n: number }, rnd: ReturnType<typeof prng>) {
  const shapes = peer.store.allRecords().filter((r) => r.typeName === 'shape')
  const roll = rnd.next()
  if (!peer.store.has('page:page' as TLRecord['id']) || roll < 0.08) {
    peer.store.put(defaultDocumentRecords())
  } else if (roll < 0.4 || shapes.length === 0) {
    // Sometimes two peers create the same id: a true write conflict on one key.
    const id = rnd.next() < 0.15 ? `shared-${rnd.int(3)}` : `p${index}-${counter.n++}`
    peer.store.put([geoShape(id, { x: rnd.int(1000), y: rnd.int(1000) })])
  } else if (roll < 0.75) {
    const shape = rnd.pick(shapes)
    peer.store.update(shape.id, (r) => ({ ...r, x: rnd.int(1000), y: rnd.int(1000) }))
  } else if (roll < 0.88) {
    const shape = rnd.pick(shapes)
    peer.store.update(shape.id, (r) =>
      r.typeName === 'shape' && r.type === 'geo'
        ? { ...r, props: { ...r.props, color: rnd.pick(['red', 'blue', 'green'] as const) } }
        : r,
    )
  } else {
    peer.store.remove([rnd.pick(shapes).id as TLShapeId])
  }
}

function runFuzz(seed: number, options: { peers: number; steps: number; manualFrames: boolean }) {
  const rnd = prng(seed)
  if (options.manualFrames) installManualFrames()
  const peers = Array.from({ length: options.peers }, (_, i) => makePeer(1000 + i))
  connect(peers)
  const counter = { n: 0 }
  for (let step = 0; step < options.steps; step++) {
    const roll = rnd.next()
    if (roll < 0.45) {
      const i = rnd.int(peers.length)
      randomEdit(peers[i], i, counter, rnd)
    } else if (roll < 0.9) {
      const peer = rnd.pick(peers)
      if (peer.inbox.length > 0) {
        const update = peer.inbox.shift()!
        Y.applyUpdate(peer.doc, update, NET)
      }
    } else {
      runFrames()
    }
  }
  // Quiesce: run pending frames and deliver everything until nobody has anything to say.
  for (let round = 0; round < 1000; round++) {
    runFrames()
    const pending = peers.filter((p) => p.inbox.length > 0)
    if (pending.length === 0) break
    for (const peer of pending) {
      for (const update of peer.inbox.splice(0)) Y.applyUpdate(peer.doc, update, NET)
    }
  }
  return peers
}

function expectConverged(peers: Peer[], seed: number) {
  const reference = sorted(documentOf(peers[0].store))
  const referenceDoc = docRecords(peers[0].doc)
  expect(sorted(referenceDoc), `seed ${seed}: peer 0 store mirrors its doc`).toEqual(reference)
  peers.forEach((peer, i) => {
    expect(sorted(documentOf(peer.store)), `seed ${seed}: peer ${i} store`).toEqual(reference)
    expect(docRecords(peer.doc), `seed ${seed}: peer ${i} doc`).toEqual(referenceDoc)
    expect(peer.invalid, `seed ${seed}: peer ${i} invalid records`).toEqual([])
  })
}

describe('store ⇄ doc binding: seeded convergence fuzz', () => {
  // Seeds that once failed belong here, by name, so they keep being checked.
  const regressionSeeds: number[] = [118786]
  const seeds = [...new Set([...regressionSeeds, ...Array.from({ length: 15 }, (_, i) => 1 + i * 7919)])]

  it.each(seeds)('converges with listeners flushed synchronously (seed %i)', (seed) => {
    const peers = runFuzz(seed, { peers: 3, steps: 250, manualFrames: false })
    expectConverged(peers, seed)
    expect(Object.keys(documentOf(peers[0].store)).length).toBeGreaterThan(2)
  })

  // Frames and clock are the test's, so every seed replays exactly: a hundred of them.
  const frameSeeds = [...new Set([...regressionSeeds, ...Array.from({ length: 100 }, (_, i) => 1 + i * 7919)])]
  it.each(frameSeeds)('converges when local changes wait for the next frame (seed %i)', (seed) => {
    const peers = runFuzz(seed, { peers: 4, steps: 300, manualFrames: true })
    expectConverged(peers, seed)
  })
})

describe('store ⇄ doc binding', () => {
  it('skips an invalid remote record, reports it, and keeps syncing the rest', () => {
    const [a, b] = [makePeer(1), makePeer(2)]
    connect([a, b])
    a.store.put([...defaultDocumentRecords(), geoShape('ok')])
    const bad = { ...geoShape('bad'), props: { ...geoShape('bad').props, w: -5 } }
    a.doc.transact(() => new YKeyValue<unknown>(a.doc.getArray(RECORDS_ARRAY)).set(bad.id, bad), Origin.import)
    a.store.put([geoShape('after')])
    for (const update of b.inbox.splice(0)) Y.applyUpdate(b.doc, update, NET)

    expect(b.store.has('shape:ok' as TLShapeId)).toBe(true)
    expect(b.store.has('shape:after' as TLShapeId)).toBe(true)
    expect(b.store.has('shape:bad' as TLShapeId)).toBe(false)
    expect(b.invalid.map((r) => r.key)).toEqual(['shape:bad'])
  })

  it('loads an offline copy on bind and writes local edits with the local-user origin', () => {
    const source = makePeer(1)
    source.store.put([...defaultDocumentRecords(), geoShape('a', { x: 42 })])
    const copy = new Y.Doc()
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(source.doc))
    const peer = makePeer(2, { doc: copy })
    expect(peer.store.get('shape:a' as TLShapeId)).toMatchObject({ x: 42 })

    const origins: unknown[] = []
    copy.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin))
    peer.store.update('shape:a' as TLShapeId, (r) => ({ ...r, x: 7 }))
    expect(origins).toContain(Origin.localUser)
    expect(origins.every((o) => o === Origin.localUser || o === null)).toBe(true)
    expect(docRecords(copy)['shape:a']).toMatchObject({ x: 7 })
  })

  // The schema is the server's to write now (issue 14): the binding migrates, never writes it.
  it('migrates records an older client wrote, and leaves tl_meta.schema to the server', () => {
    const writer = newStore()
    const ours = writer.schema.serialize()
    const older = {
      ...ours,
      sequences: { ...ours.sequences, 'com.tldraw.shape.geo': ours.sequences['com.tldraw.shape.geo'] - 1 },
    }
    const shape = geoShape('old')
    const down = writer.schema.migratePersistedRecord(shape, older, 'down')
    if (down.type !== 'success') throw new Error('could not build an older record')
    const doc = new Y.Doc()
    doc.transact(() => {
      new YKeyValue<unknown>(doc.getArray(RECORDS_ARRAY)).set(shape.id, down.value)
      doc.getMap(META_MAP).set(META_SCHEMA_KEY, older)
    }, Origin.import)

    const peer = makePeer(3, { doc })
    expect(peer.invalid).toEqual([])
    expect(peer.store.get(shape.id)).toEqual(shape)
    expect(doc.getMap(META_MAP).get(META_SCHEMA_KEY)).toEqual(older)
    expect(docRecords(doc)[shape.id]).toEqual(shape)
    // Writing more never touches tl_meta either.
    const metaItems = () =>
      [...doc.store.clients.values()].flat().filter((s) => s instanceof Y.Item && s.parent === doc.getMap(META_MAP))
        .length
    const before = metaItems()
    peer.store.put([geoShape('new')])
    expect(metaItems()).toBe(before)
    writer.dispose()
  })

  it('marks itself outdated and stops writing when a newer schema wrote the doc', () => {
    const doc = new Y.Doc()
    const ours = newStore().schema.serialize()
    const newer = {
      ...ours,
      sequences: { ...ours.sequences, 'com.tldraw.shape.geo': ours.sequences['com.tldraw.shape.geo'] + 1 },
    }
    doc.transact(() => doc.getMap(META_MAP).set(META_SCHEMA_KEY, newer), Origin.import)
    const peer = makePeer(4, { doc })
    expect(peer.binding.isOutdated()).toBe(true)
    const before = Y.encodeStateVector(doc)
    peer.store.put([...defaultDocumentRecords(), geoShape('x')])
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('deletes a record whose key the doc holds twice (a stale entry left of the current one)', () => {
    // What the fuzz found (seed 118786): one remote transaction that adds two entries for a
    // key (two updates integrated together) leaves y-utility's YKeyValue with the left one,
    // stale, in the array: its observer stops once it found the rightmost. `YKeyValue.delete`
    // then removes the *leftmost* entry, the stale one; the current value stays in the doc,
    // and this person's deletion is lost for everyone while their own store no longer has it.
    const peer = makePeer(7)
    peer.store.put([...defaultDocumentRecords(), geoShape('twice')])
    const remote = new Y.Doc()
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(peer.doc))
    remote.transact(() => {
      remote.getArray(RECORDS_ARRAY).push([
        { key: 'shape:twice', val: geoShape('twice', { x: 1 }) },
        { key: 'shape:twice', val: geoShape('twice', { x: 2 }) },
      ])
    })
    Y.applyUpdate(peer.doc, Y.encodeStateAsUpdate(remote, Y.encodeStateVector(peer.doc)), NET)
    expect(peer.store.get('shape:twice' as TLShapeId)).toMatchObject({ x: 2 })

    peer.store.remove(['shape:twice' as TLShapeId])
    expect(docRecords(peer.doc)['shape:twice']).toBeUndefined()
    expect(
      peer.doc
        .getArray<{ key: string }>(RECORDS_ARRAY)
        .toArray()
        .filter((e) => e.key === 'shape:twice'),
    ).toEqual([])
    // A peer built from the doc agrees: the card is gone.
    expect(makePeer(8, { doc: docFrom(peer.doc) }).store.has('shape:twice' as TLShapeId)).toBe(false)
  })

  it('never writes to the doc when read-only (viewer)', () => {
    const [writer, viewer] = [makePeer(5), makePeer(6, { readOnly: true })]
    connect([writer, viewer])
    writer.store.put([...defaultDocumentRecords(), geoShape('w')])
    for (const update of viewer.inbox.splice(0)) Y.applyUpdate(viewer.doc, update, NET)
    expect(viewer.store.has('shape:w' as TLShapeId)).toBe(true)
    viewer.store.put([geoShape('v')])
    expect(writer.inbox).toEqual([])
    expect(docRecords(viewer.doc)['shape:v']).toBeUndefined()
  })
})

describe('store ⇄ doc binding: big local changes', () => {
  /** A card-sized record: a rectangle with a sentence of text, as a pasted card roughly weighs. */
  function cardSized(id: string, i: number, parentId: TLParentId = 'page:page' as TLParentId) {
    const shape = geoShape(id, { x: (i % 60) * 120, y: Math.floor(i / 60) * 100 })
    return {
      ...shape,
      parentId,
      props: {
        ...shape.props,
        richText: toRichText(`Carte ${i} : un acteur public du territoire, son rôle et ses moyens`),
      },
    }
  }
  function frame(id: string): TLFrameShape {
    return { ...geoShape(id), type: 'frame', props: { w: 2000, h: 2000, name: 'Cadre', color: 'black' } }
  }

  /** Each update `from` produces, with the origin of its transaction. */
  function recordUpdates(from: Peer) {
    const updates: { update: Uint8Array; origin: unknown }[] = []
    from.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== NET) updates.push({ update, origin })
    })
    return updates
  }

  it('writes a paste of 3,000 cards in bounded updates, in order, that a peer applies one by one into a consistent board', () => {
    const [a, b] = [makePeer(11), makePeer(12)]
    a.store.put(defaultDocumentRecords())
    Y.applyUpdate(b.doc, Y.encodeStateAsUpdate(a.doc), NET)
    const updates = recordUpdates(a)

    // Children listed before their frame, as a careless caller might: the binding reorders.
    const children = Array.from({ length: 100 }, (_, i) => cardSized(`in-${i}`, i, 'shape:frame' as TLParentId))
    const loose = Array.from({ length: 2_900 }, (_, i) => cardSized(`c-${i}`, i))
    a.store.put([...children, ...loose, frame('frame')])

    expect(updates.length).toBeGreaterThan(4)
    for (const { update, origin } of updates) {
      expect(origin).toBe(Origin.localUser)
      expect(update.byteLength).toBeLessThan(320 * 1024)
    }
    for (const { update } of updates) {
      Y.applyUpdate(b.doc, update, NET)
      // After each piece, no shape in b's store points at a parent it lacks.
      const missing = b.store
        .allRecords()
        .filter(
          (r) => r.typeName === 'shape' && r.parentId.startsWith('shape:') && !b.store.has(r.parentId as TLShapeId),
        )
      expect(missing).toEqual([])
    }
    expect(b.store.allRecords().filter((r) => r.typeName === 'shape')).toHaveLength(3_001)
    expect(sorted(documentOf(b.store))).toEqual(sorted(documentOf(a.store)))
    expect(docRecords(b.doc)).toEqual(docRecords(a.doc))
    expect(b.invalid).toEqual([])
  })

  it('deletes in bounded updates too, children before their frame', () => {
    const [a, b] = [makePeer(13), makePeer(14)]
    connect([a, b])
    const children = Array.from({ length: 30 }, (_, i) => cardSized(`in-${i}`, i, 'shape:frame' as TLParentId))
    a.store.put([...defaultDocumentRecords(), frame('frame'), ...children])
    for (const update of b.inbox.splice(0)) Y.applyUpdate(b.doc, update, NET)
    expect(b.store.has('shape:in-29' as TLShapeId)).toBe(true)

    const small = makePeer(15, { chunk: { maxRecords: 10, maxBytes: 1_000_000 } })
    Y.applyUpdate(small.doc, Y.encodeStateAsUpdate(a.doc), NET)
    const updates = recordUpdates(small)
    small.store.remove(['shape:frame' as TLShapeId, ...children.map((c) => c.id)])
    // 31 deletions, 10 per transaction: four pieces, the frame in the last one.
    expect(updates).toHaveLength(4)
    for (const [i, { update }] of updates.entries()) {
      Y.applyUpdate(b.doc, update, NET)
      expect(b.store.has('shape:frame' as TLShapeId)).toBe(i < 3)
    }
    expect(b.store.allRecords().filter((r) => r.typeName === 'shape')).toEqual([])
  })

  it('keeps one transaction for an ordinary edit', () => {
    const a = makePeer(16)
    a.store.put(defaultDocumentRecords())
    const updates = recordUpdates(a)
    a.store.put([geoShape('one'), geoShape('two')])
    a.store.update('shape:one' as TLShapeId, (r) => ({ ...r, x: 5 }))
    expect(updates).toHaveLength(2)
  })
})
