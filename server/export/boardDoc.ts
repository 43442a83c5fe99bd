import * as Y from 'yjs'
import { META_MAP, META_SCHEMA_KEY, Origin, RECORDS_ARRAY } from '../../shared/board'
import { setCardTextsFromRecords, withCardTexts } from '../../shared/cardText/cardTexts'
import type { StoredDoc } from '../storage/documentLog/port'

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
 * Cards come as their shared texts say (`withCardTexts`): what people typed together is
 * what every export, checkpoint and restore reads.
 */
export function readBoard(doc: Y.Doc): BoardContent {
  const byKey = new Map<string, unknown>()
  for (const entry of doc.getArray<Entry>(RECORDS_ARRAY).toArray()) {
    if (entry && typeof entry === 'object' && typeof entry.key === 'string') byKey.set(entry.key, entry.val)
  }
  return {
    records: [...byKey.values()].map((record) => withCardTexts(doc, record)),
    schema: doc.getMap(META_MAP).get(META_SCHEMA_KEY) ?? null,
  }
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

/**
 * A new document holding these records and schema, as one encoded state (an import). One
 * push of all the entries — the YKeyValue layout, one entry per id (the last one wins) —
 * since pushing them one by one walks the array each time: minutes for a big board.
 */
export function encodeBoard(board: BoardContent): Uint8Array {
  const doc = new Y.Doc()
  const byId = new Map<string, unknown>()
  for (const record of board.records) byId.set((record as { id: string }).id, record)
  doc.transact(() => {
    doc.getArray<Entry>(RECORDS_ARRAY).push([...byId].map(([key, val]) => ({ key, val })))
    setCardTextsFromRecords(doc, byId.values())
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
 * Makes `doc`'s records (and schema) exactly `target`, in one transaction with
 * `Origin.import`, touching only what differs: entries of removed or changed records (and
 * stale duplicates) deleted, changed and new records appended — what YKeyValue itself
 * writes, so every YKeyValue on the document (the room's, each client's) reads it as
 * deletes, updates and adds like any remote change; cards' shared texts are edited to the
 * target's text (`setCardTextsFromRecords`). Deletions go by ranges from the end and
 * additions in one push (one at a time would walk the array for each). Plain Y.Array
 * writes, no YKeyValue of our own: a second one on a live document would observe it twice.
 * Returns whether anything changed.
 */
export function replaceBoardMutable(doc: Y.Doc, target: BoardContent): boolean {
  const array = doc.getArray<Entry>(RECORDS_ARRAY)
  const entries = array.toArray()
  const rightmost = new Map<string, number>()
  entries.forEach((entry, i) => {
    if (entry && typeof entry === 'object' && typeof entry.key === 'string') rightmost.set(entry.key, i)
  })
  const wanted = new Map<string, unknown>()
  for (const record of target.records) wanted.set((record as { id: string }).id, record)

  const doomed: number[] = []
  entries.forEach((entry, i) => {
    if (!entry || typeof entry !== 'object' || typeof entry.key !== 'string') return
    const keep = rightmost.get(entry.key) === i && wanted.has(entry.key) && sameJson(entry.val, wanted.get(entry.key))
    if (!keep) doomed.push(i)
  })
  const added: Entry[] = []
  for (const [key, val] of wanted) {
    const at = rightmost.get(key)
    if (at === undefined || !sameJson(entries[at].val, val)) added.push({ key, val })
  }
  const meta = doc.getMap(META_MAP)
  const schemaChanged =
    target.schema !== null && target.schema !== undefined && !sameJson(meta.get(META_SCHEMA_KEY), target.schema)
  // Records are compared as readBoard gives them (with their texts): a card whose text alone
  // differs is a change too, carried by its shared texts.
  const current = new Map(readBoard(doc).records.map((record) => [(record as { id: string }).id, record]))
  const textsChanged =
    [...wanted].some(([id, record]) => !sameJson(current.get(id), record)) || current.size !== wanted.size
  if (doomed.length === 0 && added.length === 0 && !schemaChanged && !textsChanged) return false

  doc.transact(() => {
    // Contiguous runs, from the end, so earlier indices stay valid.
    for (let end = doomed.length - 1; end >= 0;) {
      let start = end
      while (start > 0 && doomed[start - 1] === doomed[start] - 1) start--
      array.delete(doomed[start], end - start + 1)
      end = start - 1
    }
    if (added.length > 0) array.push(added)
    setCardTextsFromRecords(doc, wanted.values())
    if (schemaChanged) meta.set(META_SCHEMA_KEY, target.schema)
  }, Origin.import)
  return true
}
