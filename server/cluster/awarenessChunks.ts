import { decodeAwarenessEntries, encodeAwarenessEntries } from '../sync/awarenessOwners'

/**
 * An awareness update cut into base64 pieces that each `fits` (a NOTIFY payload has a
 * size limit): whole client entries per piece; an entry too big to fit alone is dropped
 * (a cursor state is a few hundred bytes; the sync endpoint bounds a frame anyway).
 */
export function chunkAwareness(update: Uint8Array, fits: (base64: string) => boolean): string[] {
  const whole = Buffer.from(update).toString('base64')
  if (fits(whole)) return [whole]
  const entries = decodeAwarenessEntries(update)
  const chunks: string[] = []
  let current: typeof entries = []
  let currentB64 = ''
  for (const entry of entries) {
    const tried = Buffer.from(encodeAwarenessEntries([...current, entry])).toString('base64')
    if (fits(tried)) {
      current.push(entry)
      currentB64 = tried
      continue
    }
    if (current.length > 0) chunks.push(currentB64)
    const alone = Buffer.from(encodeAwarenessEntries([entry])).toString('base64')
    if (fits(alone)) {
      current = [entry]
      currentB64 = alone
    } else {
      current = []
      currentB64 = ''
    }
  }
  if (current.length > 0) chunks.push(currentB64)
  return chunks
}
