/**
 * Layout of the board document (one Y.Doc per workshop): the root types below
 * (`BOARD_ROOT_TYPES`) and nothing else.
 *
 * - `tl_records`: a Y.Array used as a key-value store through y-utility's `YKeyValue`
 *   (entries `{ key: recordId, val: record }`). Unlike a Y.Map, overwriting a key does not
 *   leave one tombstone per write that never merges: deleted array entries from one
 *   client merge into ranges, so a shape dragged a thousand times stays small.
 * - `tl_meta`: a Y.Map holding `schema`, the serialized tldraw schema the server was built
 *   with (`shared/tldrawSchema.ts`), so a client with an older schema migrates on load.
 *   Written by the server only.
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

/**
 * How the server checks a root type's content (server/sync/updatePlan.ts has one rule per
 * value):
 * - `records`: direct `{ key, val }` entries only (no nested types, strings or keys on
 *   the array); each record change goes through the record guards (validation, locks,
 *   parents and binding targets) before it is applied;
 * - `cardTexts`: a map of maps of Y.Text; the update's placement is checked like any
 *   other (no item between two types), the texts themselves by server/sync/cardTextGuard.ts
 *   once applied (own fields of an existing card, length, lock), put back if refused;
 * - `serverOnly`: any client insert or delete in it refuses the whole update.
 */
export type RootValidation = 'records' | 'cardTexts' | 'serverOnly'

export interface BoardRootType {
  /** The Yjs type to get it with (`doc.getArray` / `doc.getMap`). */
  kind: 'array' | 'map'
  validation: RootValidation
}

/**
 * Every root type the board document holds, by name. An update touching any other root
 * type is refused whole (close 4422: not applied, stored, relayed, or counted against the
 * size cap), and a stored board is rid of others' content on load. To add one (for example
 * collaborative text): declare it here with a `validation`, and give that validation its
 * rule in server/sync/updatePlan.ts (`ROOT_RULES`) — a root without a rule is refused.
 */
export const BOARD_ROOT_TYPES: Readonly<Record<string, BoardRootType>> = {
  [RECORDS_ARRAY]: { kind: 'array', validation: 'records' },
  [META_MAP]: { kind: 'map', validation: 'serverOnly' },
  [CARD_TEXTS_MAP]: { kind: 'map', validation: 'cardTexts' },
}

export function isBoardRootType(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BOARD_ROOT_TYPES, name)
}

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
  /** Written by the server on its own behalf (templates, schema, repairs). */
  server: 'server',
  /** Written while importing an export file or restoring a checkpoint. */
  import: 'import',
  /** Loaded from storage or the browser's offline cache. */
  load: 'load',
} as const
