import { decodeAwarenessEntries, encodeAwarenessEntries, type AwarenessEntry } from '../sync/awarenessOwners'

/**
 * An awareness update as base64 pieces of at most `maxChars` characters each (a NOTIFY
 * payload has a size limit): whole client entries per piece, in order; an entry too big to
 * fit alone is dropped (a cursor state is a few hundred bytes; the sync endpoint bounds a
 * frame anyway). Linear: each entry's size is computed once.
 */
export function chunkAwareness(update: Uint8Array, maxChars: number): string[] {
  const base64Length = (bytes: number): number => Math.ceil(bytes / 3) * 4
  if (base64Length(update.byteLength) <= maxChars) return [Buffer.from(update).toString('base64')]
  // The count prefix is a varuint: 5 bytes covers any count.
  const maxBytes = Math.floor(maxChars / 4) * 3 - 5
  const chunks: string[] = []
  let current: AwarenessEntry[] = []
  let bytes = 0
  const flush = (): void => {
    if (current.length > 0) chunks.push(Buffer.from(encodeAwarenessEntries(current)).toString('base64'))
    current = []
    bytes = 0
  }
  for (const entry of decodeAwarenessEntries(update)) {
    // The entry's own bytes: its encoding as a one-entry update, minus the one-byte count.
    const size = encodeAwarenessEntries([entry]).byteLength - 1
    if (size > maxBytes) continue
    if (bytes + size > maxBytes) flush()
    current.push(entry)
    bytes += size
  }
  flush()
  return chunks
}
