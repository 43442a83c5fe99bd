import type { TLRecord } from 'tldraw'

/**
 * A big local change — a paste of thousands of cards, a template, an undo of a mass delete —
 * is one store change, and written as one Y.Doc transaction it becomes one update, one
 * WebSocket message: past the server's frame limit (MAX_MESSAGE_BYTES / MAX_UPDATE_BYTES)
 * the socket is closed, the same message is sent again on reconnect, and nothing this person
 * does is shared any more. So writes are cut into bounded pieces, each its own transaction,
 * in an order where each piece makes sense on its own to a peer that receives only it:
 * containers before what they contain, shapes before the bindings between them; and when
 * deleting, the reverse.
 */

/** Bounds of one transaction written by the binding. */
export interface ChunkLimits {
  /** Records written or deleted per transaction. */
  maxRecords: number
  /** Approximate encoded size per transaction, in bytes (records' JSON length plus overhead). */
  maxBytes: number
}

/**
 * 256 KiB: a quarter of the default MAX_MESSAGE_BYTES, so an estimate off by a lot still
 * fits, and a paste of 3,000 cards leaves in about ten messages (well under the server's
 * message rate limits).
 */
export const DOC_WRITE_CHUNK: ChunkLimits = { maxRecords: 1_000, maxBytes: 256 * 1024 }

/** One id to write: its current store value, or `undefined` to delete it from the doc. */
export interface DocWrite {
  id: string
  record: TLRecord | undefined
}

/** Bytes a Y.Array entry costs beyond its value (item header, key, `{ key, val }` wrapper). */
const ENTRY_OVERHEAD = 48

/** Approximate encoded size of one write (Yjs encodes JSON-like values about as compactly as JSON). */
export function approximateWriteBytes(write: DocWrite): number {
  if (!write.record) return ENTRY_OVERHEAD
  return ENTRY_OVERHEAD + write.id.length + utf8Length(JSON.stringify(write.record))
}

function utf8Length(text: string): number {
  let bytes = text.length
  // Only non-ASCII characters cost more than one byte: count them without encoding.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c >= 0x80) bytes += c >= 0x800 && (c < 0xd800 || c > 0xdfff) ? 2 : 1
  }
  return bytes
}

/** Order of puts by record type: where things live, then the things, then links between them. */
const PUT_RANK: Record<string, number> = { document: 0, page: 1, asset: 2, shape: 3, binding: 4 }
const OTHER_RANK = 5

function typeOf(id: string): string {
  const colon = id.indexOf(':')
  return colon === -1 ? '' : id.slice(0, colon)
}

/**
 * Puts first (containers before contents: document, pages, assets, shapes parent-first,
 * bindings), then deletes (bindings first, shapes children-first, then the rest). `depthOf`
 * gives a shape's number of shape ancestors (0 on a page). Stable: equal keys keep their order.
 */
export function orderDocWrites(writes: readonly DocWrite[], depthOf: (id: string) => number): DocWrite[] {
  const keyed = writes.map((write, index) => {
    const type = typeOf(write.id)
    const rank = PUT_RANK[type] ?? OTHER_RANK
    const depth = type === 'shape' ? depthOf(write.id) : 0
    const key = write.record ? [0, rank, depth] : [1, type === 'binding' ? 0 : type === 'shape' ? 1 : 2, -depth]
    return { write, index, key }
  })
  keyed.sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.key[2] - b.key[2] || a.index - b.index)
  return keyed.map((k) => k.write)
}

/**
 * Cuts ordered writes into consecutive pieces of at most `maxRecords` writes and about
 * `maxBytes` each; a single write larger than `maxBytes` is a piece of its own.
 */
export function chunkDocWrites(
  writes: readonly DocWrite[],
  limits: ChunkLimits,
  sizeOf: (write: DocWrite) => number = approximateWriteBytes,
): DocWrite[][] {
  const chunks: DocWrite[][] = []
  let current: DocWrite[] = []
  let bytes = 0
  for (const write of writes) {
    const size = sizeOf(write)
    if (current.length > 0 && (current.length >= limits.maxRecords || bytes + size > limits.maxBytes)) {
      chunks.push(current)
      current = []
      bytes = 0
    }
    current.push(write)
    bytes += size
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}

/** A shape's depth below its page, reading parents through `lookup` (cycles and gaps stop it). */
export function shapeDepth(id: string, lookup: (id: string) => TLRecord | undefined): number {
  let depth = 0
  let record = lookup(id)
  const seen = new Set<string>([id])
  while (record && record.typeName === 'shape') {
    const parentId: string = record.parentId
    if (typeOf(parentId) !== 'shape' || seen.has(parentId)) break
    seen.add(parentId)
    depth += 1
    record = lookup(parentId)
  }
  return depth
}
