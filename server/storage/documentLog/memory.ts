import type { DocumentLog } from './port'

/** What the memory storage keeps per workshop for its board. */
export interface DocShelf {
  snapshot: Uint8Array | null
  /** Folded up to this sequence number. */
  snapshotSeq: number
  updates: { seq: number; data: Uint8Array }[]
}

/**
 * The document log in memory, on the memory storage's workshops; `entry` throws for an
 * unknown workshop or a closed storage. Sequence numbers grow across workshops (like
 * SQLite's rowid); bytes are copied in and out, so callers cannot alias stored data.
 */
export function memoryDocumentLog(
  workshops: ReadonlyMap<string, DocShelf>,
  entry: (workshopId: string) => DocShelf,
): DocumentLog {
  let seq = 0
  return {
    async loadDoc(workshopId) {
      const w = workshops.get(workshopId)
      if (!w) return { snapshot: null, updates: [], lastSeq: 0 }
      return {
        snapshot: w.snapshot ? Uint8Array.from(w.snapshot) : null,
        updates: w.updates.map((u) => Uint8Array.from(u.data)),
        lastSeq: w.updates.at(-1)?.seq ?? w.snapshotSeq,
      }
    },
    async appendUpdate(workshopId, update) {
      const w = entry(workshopId)
      seq += 1
      w.updates.push({ seq, data: Uint8Array.from(update) })
      return seq
    },
    async compact(workshopId, snapshot, uptoSeq) {
      const w = entry(workshopId)
      w.snapshot = Uint8Array.from(snapshot)
      w.snapshotSeq = Math.max(w.snapshotSeq, uptoSeq)
      w.updates = w.updates.filter((u) => u.seq > uptoSeq)
    },
  }
}
