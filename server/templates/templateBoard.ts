import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { Origin, RECORDS_ARRAY } from '../../shared/board'
import { buildTemplateRecords, defaultPageRecord } from '../../shared/templates'
import type { Locale, TemplateId } from '../../shared/workshop'

/**
 * The board document a new workshop starts with when it is created from a template:
 * tldraw's default page and the template's frames and instructions, in the workshop's
 * language, encoded as one Yjs state (stored as the document's snapshot).
 *
 * The page record is the one tldraw creates itself (same id, name and index), so the
 * first client finds its page already there instead of adding a second one; it still
 * adds the `document` record and the schema, as it does on a blank board. No schema is
 * written here: the binding treats a document without one as written by its own version.
 *
 * Returns null for the blank template: a blank board starts with an empty document.
 */
export function templateBoardState(templateId: TemplateId, locale: Locale): Uint8Array | null {
  const records = buildTemplateRecords(templateId, locale)
  if (records.length === 0) return null
  const doc = new Y.Doc()
  try {
    doc.transact(() => {
      const kv = new YKeyValue<unknown>(doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
      const page = defaultPageRecord()
      kv.set(page.id, page)
      for (const record of records) kv.set(record.id, record)
    }, Origin.server)
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}
