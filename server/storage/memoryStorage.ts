import { singleProcessLoadState } from './singleProcess'
import { memoryControl, type ControlShelf } from './controlState/memory'
import { memoryCheckpoints, type CheckpointShelf } from './checkpoints/memory'
import { createMemorySpaceStorage } from './spaces/memory'
import { UnknownWorkshopError, type Storage, type StoredDoc } from './Storage'
import { memoryWorkshops, type WorkshopShelf } from './workshops/memory'

/** One workshop in memory: each port's shelf, so deleting the entry deletes all of it. */
interface WorkshopEntry extends WorkshopShelf, CheckpointShelf, ControlShelf {
  snapshot: Uint8Array | null
  /** Folded up to this sequence number. */
  snapshotSeq: number
  updates: { seq: number; data: Uint8Array }[]
}

/**
 * Storage in memory, for unit tests and throwaway servers. Behaves like the SQLite one
 * (the contract suite checks it): copies bytes in and out so callers cannot alias stored
 * data, sequence numbers grow across workshops, writes for unknown workshops fail.
 */
export function createMemoryStorage(): Storage {
  const workshops = new Map<string, WorkshopEntry>()
  let seq = 0
  let closed = false
  const isClosed = () => closed

  const entry = (id: string): WorkshopEntry => {
    if (closed) throw new Error('storage is closed')
    const found = workshops.get(id)
    if (!found) throw new UnknownWorkshopError(id)
    return found
  }

  const storage: Omit<Storage, 'loadState'> = {
    ...memoryWorkshops(
      workshops,
      entry,
      (shelf) => ({ ...shelf, snapshot: null, snapshotSeq: 0, updates: [], control: new Map(), checkpoints: [] }),
      (w, content) => {
        w.snapshot = Uint8Array.from(content.docState)
        for (const [section, state] of Object.entries(content.control)) w.control.set(section, JSON.stringify(state))
      },
      isClosed,
    ),
    ...memoryCheckpoints(workshops, entry),
    ...memoryControl(workshops, entry),
    ...createMemorySpaceStorage(isClosed),
    async loadDoc(workshopId): Promise<StoredDoc> {
      const w = workshops.get(workshopId)
      if (!w) return { snapshot: null, updates: [], lastSeq: 0 }
      const last = w.updates.at(-1)?.seq ?? w.snapshotSeq
      return {
        snapshot: w.snapshot ? Uint8Array.from(w.snapshot) : null,
        updates: w.updates.map((u) => Uint8Array.from(u.data)),
        lastSeq: last,
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
    async close() {
      closed = true
    },
  }
  return { ...storage, loadState: singleProcessLoadState(storage) }
}
