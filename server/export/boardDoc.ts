import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { META_MAP, META_SCHEMA_KEY, Origin, RECORDS_ARRAY } from '../../shared/board'
import type { StoredDoc } from '../storage/Storage'

/**
 * The board document seen as records, on the server: read a Y.Doc's records without
 * writing to it, build a new document from records (an import), and compute the one
 * update that turns a document's records into others (a checkpoint restore). The layout is
 * `shared/board.ts`'s: YKeyValue entries in `tl_records`, tldraw's schema in `tl_meta`.
 */

/** A board as plain data: its records (any order) and the schema they follow (null: unknown). */
export interface BoardContent {
  records: unknown[]
  schema: unknown
}

type Entry = { key: string; val: unknown }

/**
 * The records of a document. YKeyValue's rule, read without its constructor (which may
 * write to remove duplicate keys): of several entries with one key, the rightmost wins.
 */
export function readBoard(doc: Y.Doc): BoardContent {
  const byKey = new Map<string, unknown>()
  for (const entry of doc.getArray<Entry>(RECORDS_ARRAY).toArray()) {
    if (entry && typeof entry === 'object' && typeof entry.key === 'string') byKey.set(entry.key, entry.val)
  }
  return { records: [...byKey.values()], schema: doc.getMap(META_MAP).get(META_SCHEMA_KEY) ?? null }
}

/** A document rebuilt from storage (snapshot, then the log). */
export function docFromStored(stored: StoredDoc): Y.Doc {
  const doc = new Y.Doc()
  Y.transact(
    doc,
    () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
      for (const update of stored.updates) Y.applyUpdate(doc, update)
    },
    Origin.load,
  )
  return doc
}

/** A document from state bytes (a checkpoint). */
export function docFromState(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, state, Origin.load)
  return doc
}

/** A new document holding these records and schema, as one encoded state (an import). */
export function encodeBoard(board: BoardContent): Uint8Array {
  const doc = new Y.Doc()
  const kv = new YKeyValue<unknown>(doc.getArray<Entry>(RECORDS_ARRAY))
  doc.transact(() => {
    for (const record of board.records) kv.set((record as { id: string }).id, record)
    if (board.schema !== null && board.schema !== undefined) doc.getMap(META_MAP).set(META_SCHEMA_KEY, board.schema)
  }, Origin.import)
  const state = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return state
}

/** Structural equality of JSON values (records come from JSON; key order may differ). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  if (Array.isArray(a)) {
    const bb = b as unknown[]
    return a.length === bb.length && a.every((v, i) => sameJson(v, bb[i]))
  }
  const ka = Object.keys(a)
  const ob = b as Record<string, unknown>
  if (ka.length !== Object.keys(ob).length) return false
  const oa = a as Record<string, unknown>
  return ka.every((k) => Object.hasOwn(ob, k) && sameJson(oa[k], ob[k]))
}

/**
 * The update that makes `doc`'s records (and schema) exactly `target`: removed keys
 * deleted, changed or new ones set, equal ones untouched — so a restore changes only what
 * differs and clients apply it like any remote change. Computed on a copy (a YKeyValue on
 * the live document would add a second observer and could write during its construction);
 * the caller applies it to the live document at once, in the same tick, so nothing
 * interleaves. Null when nothing differs.
 */
export function replaceBoardUpdate(doc: Y.Doc, target: BoardContent): Uint8Array | null {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const kv = new YKeyValue<unknown>(copy.getArray<Entry>(RECORDS_ARRAY))
  const wanted = new Map<string, unknown>()
  for (const record of target.records) wanted.set((record as { id: string }).id, record)
  let update: Uint8Array | null = null
  copy.on('update', (u: Uint8Array) => {
    update = update ? Y.mergeUpdates([update, u]) : u
  })
  copy.transact(() => {
    for (const key of [...kv.map.keys()]) if (!wanted.has(key)) kv.delete(key)
    for (const [key, record] of wanted) if (!kv.has(key) || !sameJson(kv.get(key), record)) kv.set(key, record)
    const meta = copy.getMap(META_MAP)
    if (target.schema !== null && target.schema !== undefined && !sameJson(meta.get(META_SCHEMA_KEY), target.schema)) {
      meta.set(META_SCHEMA_KEY, target.schema)
    }
  }, Origin.import)
  copy.destroy()
  return update
}
