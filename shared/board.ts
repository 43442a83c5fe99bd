/**
 * Layout of the board document (one Y.Doc per workshop).
 *
 * - `tl_records`: a Y.Array used as a key-value store through y-utility's `YKeyValue`
 *   (entries `{ key: recordId, val: record }`). Unlike a Y.Map, overwriting a key does not
 *   leave one tombstone per write that never merges: deleted array entries from one
 *   client merge into ranges, so a shape dragged a thousand times stays small.
 * - `tl_meta`: a Y.Map holding `schema`, tldraw's serialized store schema of the last
 *   writer, so a newer client can migrate records written by an older one on load.
 *
 * - `card_texts`: a Y.Map keyed by card shape id, each value a Y.Map from a free-text field
 *   name (`CARD_TEXT_FIELDS`: name, title, statement, notes, description…) to a Y.Text.
 *   Two people typing in one field merge character by character. For a card that has
 *   them, these texts are the truth and the record's props only a copy that may lag:
 *   every reader overlays them (`shared/cardText/cardTexts.ts`: the binding into tldraw's
 *   store, the server's exports). Written by the card's creator in the same transaction
 *   as the record (or by the server for cards that lack them), removed with the card.
 *
 * Only document-scoped tldraw records live here (see `isDocumentRecordType`). Camera,
 * instance state and pointers are per-session and never sync; presence travels over
 * awareness.
 */
export const RECORDS_ARRAY = 'tl_records'
export const META_MAP = 'tl_meta'
export const META_SCHEMA_KEY = 'schema'
export const CARD_TEXTS_MAP = 'card_texts'

/** Every root type the board document holds; the server refuses any other. */
export const BOARD_ROOT_TYPES = [RECORDS_ARRAY, META_MAP, CARD_TEXTS_MAP] as const

/** tldraw record types whose scope is "document" and therefore sync. */
export const DOCUMENT_RECORD_TYPES = ['document', 'page', 'shape', 'binding', 'asset'] as const

export function isDocumentRecordType(typeName: string): boolean {
  return (DOCUMENT_RECORD_TYPES as readonly string[]).includes(typeName)
}

/**
 * Origins of Y.Doc transactions (STYLE §3). Every write says where it came from so the
 * binding never echoes a change back into the store it came from.
 */
export const Origin = {
  /** A change made by the local user in tldraw. */
  localUser: 'local-user',
  /** Written by the server on its own behalf (templates, lock enforcement). */
  server: 'server',
  /** Written while importing an export file or restoring a checkpoint. */
  import: 'import',
  /** Loaded from storage or the browser's offline cache. */
  load: 'load',
} as const
