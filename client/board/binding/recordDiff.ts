import type { RecordsDiff, TLRecord } from 'tldraw'
import { isDocumentRecordType } from '../../../shared/board'

/** One key's change as y-utility's `YKeyValue` reports it (the shape of a Y.Map event). */
export type KeyValueChange<T> =
  { action: 'add'; newValue: T } | { action: 'update'; oldValue: T; newValue: T } | { action: 'delete'; oldValue: T }

/** What to write into the doc for a local store change. */
export interface DocWrites {
  puts: TLRecord[]
  removes: string[]
}

/** What to apply to the store for a remote doc change (values still unchecked). */
export interface StorePatch {
  puts: { key: string; value: unknown }[]
  removes: string[]
}

/**
 * Turns a store diff into doc writes, keeping only document-scoped records: camera, instance
 * state, pointer and presence never enter the shared document.
 */
export function storeDiffToDocWrites(diff: RecordsDiff<TLRecord>): DocWrites {
  const puts: TLRecord[] = []
  const removes: string[] = []
  for (const record of Object.values(diff.added)) {
    if (isDocumentRecordType(record.typeName)) puts.push(record)
  }
  for (const [, to] of Object.values(diff.updated)) {
    if (isDocumentRecordType(to.typeName)) puts.push(to)
  }
  for (const record of Object.values(diff.removed)) {
    if (isDocumentRecordType(record.typeName)) removes.push(record.id)
  }
  return { puts, removes }
}

/**
 * Turns a doc change into a store patch. The event only says *which* keys changed; the value
 * applied is what the doc holds *now* (`read`), not the event's `newValue`: by the time the
 * event is handled a local write may already have superseded it, and mirroring the doc's
 * current state is what makes every replica end identical.
 */
export function docChangeToStorePatch<T>(
  changes: ReadonlyMap<string, KeyValueChange<T>>,
  read: (key: string) => unknown,
): StorePatch {
  const puts: StorePatch['puts'] = []
  const removes: string[] = []
  for (const key of changes.keys()) {
    const value = read(key)
    if (value === undefined) removes.push(key)
    else puts.push({ key, value })
  }
  return { puts, removes }
}

/**
 * At bind time: which doc entries to load into the store, and which store records the doc
 * lacks (created before binding, e.g. the default page) and must be written to it.
 */
export function planInitialSync(
  storeRecords: readonly TLRecord[],
  docKeys: ReadonlySet<string>,
): { missingInDoc: TLRecord[] } {
  return {
    missingInDoc: storeRecords.filter((r) => isDocumentRecordType(r.typeName) && !docKeys.has(r.id)),
  }
}
