import type { RecordsDiff, TLRecord, TLStore } from 'tldraw'
import * as Y from 'yjs'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { META_MAP, META_SCHEMA_KEY, Origin, RECORDS_ARRAY } from '../../../shared/board'
import {
  asCardRecord,
  cardTextsOf,
  cardTextsRoot,
  createCardTexts,
  withCardTexts,
} from '../../../shared/cardText/cardTexts'
import {
  chunkDocWrites,
  DOC_WRITE_CHUNK,
  orderDocWrites,
  shapeDepth,
  type ChunkLimits,
  type DocWrite,
} from './docWriteChunks'
import {
  docChangeToStorePatch,
  planInitialSync,
  storeDiffToDocWrites,
  type KeyValueChange,
  type StorePatch,
} from './recordDiff'
import { checkRemoteRecord, readPersistedSchema, schemaRelation, type SchemaRelation } from './remoteRecord'

/** A record the binding refused to put in the store, and why. */
export interface InvalidRecord {
  key: string
  reason: string
}

export interface StoreDocBindingOptions {
  store: TLStore
  doc: Y.Doc
  /** Viewers (and outdated clients) never write to the doc; the server would drop it anyway. */
  readOnly: boolean
  /** A record from the doc failed migration or validation and was skipped. */
  onInvalidRecord?(invalid: InvalidRecord): void
  /** The doc was written by a newer schema than ours: stop writing, ask for a reload. */
  onOutdated?(): void
  /** Bounds of each transaction of a big local change (tests make them small). */
  chunk?: ChunkLimits
}

export interface StoreDocBinding {
  /** True once a newer client's schema was seen; the binding no longer writes. */
  isOutdated(): boolean
  dispose(): void
}

type Entry = TLRecord | Record<string, unknown>

/**
 * Mirrors tldraw's document-scoped records into the board Y.Doc and back (layout in
 * `shared/board.ts`). The doc is the truth: remote changes are applied to the store with
 * `mergeRemoteChanges`, local ones (store source `user`) are written to the doc under
 * `Origin.localUser`, and the doc handler ignores that origin so nothing echoes.
 *
 * Convergence rests on two rules: the store always takes the doc's *current* value for a
 * changed key, and local writes always send the store's *current* value for a changed id.
 * Whatever the interleaving of a pending local edit and a remote one, store and doc agree
 * after both handlers ran (the fuzz test checks exactly that).
 *
 * Cards' free-text fields follow `shared/cardText/cardTexts.ts`: the store shows each card
 * as its shared texts say (`withCardTexts`, on every remote record and every text change,
 * ours included, always as a remote change so tldraw's undo never records text), a card
 * added here gets its texts in the transaction that writes it and loses them with it, and
 * a local change that puts other text into a card that has texts (tldraw's undo puts back
 * whole records, old text included) is corrected back to the texts instead of reaching
 * them: people type into the Y.Text (`client/board/text/`), nothing else writes it.
 *
 * A local change touching many records is written in several bounded transactions
 * (`docWriteChunks.ts`), in order and under the same origin, so that no update passes the
 * server's message limit.
 */
export function bindStoreToDoc(options: StoreDocBindingOptions): StoreDocBinding {
  const { store, doc } = options
  const records = doc.getArray<{ key: string; val: Entry }>(RECORDS_ARRAY)
  const meta = doc.getMap<unknown>(META_MAP)
  const texts = cardTextsRoot(doc)
  // YKeyValue removes duplicate keys while constructing: that write needs an origin too.
  const kv = doc.transact(() => new YKeyValue<Entry>(records), Origin.load)
  const ourSchema = store.schema.serialize()

  let persisted = readPersistedSchema(meta.get(META_SCHEMA_KEY))
  let relation: SchemaRelation = schemaRelation(store.schema, persisted)
  let outdated = false
  let disposed = false

  const canWrite = () => !options.readOnly && !outdated && !disposed

  function markOutdated() {
    if (outdated) return
    outdated = true
    options.onOutdated?.()
  }

  function reportInvalid(invalid: InvalidRecord) {
    console.warn(`[board] skipped an invalid record ${invalid.key}: ${invalid.reason}`)
    options.onInvalidRecord?.(invalid)
  }

  /** Checks the patch's values, then applies the good ones as one remote change. */
  function applyToStore(patch: StorePatch) {
    const puts: TLRecord[] = []
    for (const { key, value } of patch.puts) {
      const check = checkRemoteRecord(store.schema, key, withCardTexts(doc, value), persisted, relation)
      if (check.ok) puts.push(check.record)
      else reportInvalid({ key: check.key, reason: check.reason })
    }
    const removes = patch.removes.filter((id) => store.has(id as TLRecord['id']))
    if (puts.length === 0 && removes.length === 0) return
    store.mergeRemoteChanges(() => {
      if (removes.length > 0) store.remove(removes as TLRecord['id'][])
      if (puts.length > 0) store.put(puts)
    })
  }

  /** Writes the store's current value of every id the diff touched. */
  function writeToDoc(diff: RecordsDiff<TLRecord>) {
    if (!canWrite()) return
    const { puts, removes } = storeDiffToDocWrites(diff)
    if (puts.length === 0 && removes.length === 0) return
    correctCardTexts(puts.map((r) => r.id))
    const writes: DocWrite[] = []
    for (const id of [...puts.map((r) => r.id), ...removes]) {
      const current = store.get(id as TLRecord['id'])
      if (current ? kv.get(id) !== current : kv.has(id)) writes.push({ id, record: current })
    }
    const removed = diff.removed as Record<string, TLRecord | undefined>
    const lookup = (id: string) => store.get(id as TLRecord['id']) ?? removed[id]
    writeInPieces(
      orderDocWrites(writes, (id) => shapeDepth(id, lookup)),
      Origin.localUser,
    )
  }

  /**
   * Puts back the shared texts into cards whose text a local change replaced (an undo, a
   * programmatic update): the texts are the truth, and only typing into them changes them.
   */
  function correctCardTexts(ids: readonly string[]) {
    const corrected: TLRecord[] = []
    for (const id of ids) {
      const current = store.get(id as TLRecord['id'])
      const fixed = current && withCardTexts(doc, current)
      if (fixed && fixed !== current) corrected.push(fixed)
    }
    if (corrected.length > 0) putRemote(corrected)
  }

  /** Puts records as a remote change (not in tldraw's undo, not written back); skips and reports an invalid one. */
  function putRemote(records: TLRecord[]) {
    try {
      store.mergeRemoteChanges(() => store.put(records))
    } catch (error) {
      for (const record of records)
        reportInvalid({ key: record.id, reason: error instanceof Error ? error.message : String(error) })
    }
  }

  /**
   * Writes in bounded transactions, the schema (adoptDoc) with the first one. Each piece
   * is one update, hence one message, that a peer can apply on its own.
   */
  function writeInPieces(writes: DocWrite[], origin: (typeof Origin)[keyof typeof Origin]) {
    const pieces = chunkDocWrites(writes, options.chunk ?? DOC_WRITE_CHUNK)
    if (pieces.length === 0 && relation === 'same' && persisted) return
    for (const [i, piece] of (pieces.length > 0 ? pieces : [[]]).entries()) {
      doc.transact(() => {
        const deletes = new Set<string>()
        for (const { id, record } of piece) {
          // adoptDoc in the first piece may already have written it.
          if (record) {
            const card = asCardRecord(record)
            // A card new to the doc brings its texts; a card the doc had keeps the ones it has
            // (or gets them from the server): two entries must never race for one card.
            if (card && !kv.has(id) && !cardTextsOf(doc, id)) createCardTexts(doc, id, card.type, card.props)
            if (kv.get(id) !== record) kv.set(id, record)
          } else {
            if (kv.has(id)) deletes.add(id)
            if (texts.has(id)) texts.delete(id)
          }
        }
        deleteEntries(deletes)
        if (i === 0) adoptDoc()
      }, origin)
    }
  }

  /**
   * Removes every entry of these keys from the array, right to left in one pass. Not
   * `kv.delete`: it removes the leftmost entry of a key, and the array may hold a stale one
   * left of the current value (y-utility's observer leaves it when one remote transaction
   * adds two entries for a key); the current value would stay and the deletion be lost.
   */
  function deleteEntries(keys: ReadonlySet<string>) {
    if (keys.size === 0) return
    const entries = records.toArray()
    for (let i = entries.length - 1; i >= 0; i--) if (keys.has(entries[i].key)) records.delete(i, 1)
  }

  /**
   * Before our first write to a doc an older client wrote, store our migrated version of
   * every record, so the doc never mixes versions. Call inside a transaction. This one
   * stays whole, however big (the server takes updates up to MAX_UPDATE_BYTES). The schema
   * itself is the server's to write (`tl_meta.schema`, refused from clients): it writes the
   * one we were built with, and migrates the records it holds, when it loads the board.
   */
  function adoptDoc() {
    if (relation === 'same' && persisted) return
    if (relation === 'older') {
      for (const key of [...kv.map.keys()]) {
        const current = store.get(key as TLRecord['id'])
        if (current && kv.get(key) !== current) kv.set(key, current)
      }
    }
    persisted = ourSchema
    relation = 'same'
  }

  // Local changes → doc. Registered before the initial load so that records tldraw creates
  // to keep the store usable (default page, document) reach the doc too.
  const stopListening = store.listen((entry) => writeToDoc(entry.changes), { source: 'user', scope: 'document' })

  // Doc → store.
  const onDocChange = (changes: Map<string, KeyValueChange<Entry>>, transaction: Y.Transaction) => {
    if (disposed) return
    if (transaction.local && transaction.origin === Origin.localUser) return
    applyToStore(docChangeToStorePatch(changes, (key) => kv.get(key)))
  }
  kv.on('change', onDocChange)

  // Shared texts → store: the card as its texts now say, from the store's current record so a
  // local change still waiting for its frame is kept. Our own typing comes this way too.
  const onTextsChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    if (disposed) return
    const ids = new Set<string>()
    for (const event of events) {
      if (event.target === texts) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key)
      else if (typeof event.path[0] === 'string') ids.add(event.path[0])
    }
    const updated: TLRecord[] = []
    const lostTexts: StorePatch['puts'] = []
    for (const id of ids) {
      const current = store.get(id as TLRecord['id'])
      if (!current) continue
      // Texts gone while the card stays (deleted on one side, moved on the other): the
      // record is the truth again, as the doc holds it.
      if (!cardTextsOf(doc, id)) {
        if (kv.has(id)) lostTexts.push({ key: id, value: kv.get(id) })
        continue
      }
      const next = withCardTexts(doc, current)
      if (next !== current) updated.push(next)
    }
    if (updated.length > 0) putRemote(updated)
    if (lostTexts.length > 0) applyToStore({ puts: lostTexts, removes: [] })
  }
  texts.observeDeep(onTextsChange)

  const onMetaChange = () => {
    persisted = readPersistedSchema(meta.get(META_SCHEMA_KEY))
    relation = schemaRelation(store.schema, persisted)
    if (relation === 'newer') markOutdated()
  }
  meta.observe(onMetaChange)

  // Initial load: everything the doc holds (offline copy and/or server state).
  if (relation === 'newer') markOutdated()
  const docKeys = new Set(kv.map.keys())
  applyToStore({ puts: [...docKeys].map((key) => ({ key, value: kv.get(key) })), removes: [] })

  if (canWrite()) {
    const { missingInDoc } = planInitialSync(store.allRecords(), docKeys)
    if (relation === 'older' || missingInDoc.length > 0) {
      const writes = missingInDoc.map((record) => ({ id: record.id, record }))
      const lookup = (id: string) => store.get(id as TLRecord['id'])
      writeInPieces(
        orderDocWrites(writes, (id) => shapeDepth(id, lookup)),
        Origin.load,
      )
    }
  }

  return {
    isOutdated: () => outdated,
    dispose() {
      if (disposed) return
      // Deliver edits still waiting for the next frame before we stop listening.
      store._flushHistory()
      disposed = true
      stopListening()
      kv.off('change', onDocChange)
      texts.unobserveDeep(onTextsChange)
      meta.unobserve(onMetaChange)
    },
  }
}
