import { singleProcessLoadState } from './singleProcess'
import { memoryControl, type ControlShelf } from './controlState/memory'
import { memoryCheckpoints, type CheckpointShelf } from './checkpoints/memory'
import { memoryDocumentLog, type DocShelf } from './documentLog/memory'
import { createMemorySpaceStorage } from './spaces/memory'
import { UnknownWorkshopError, type Storage } from './Storage'
import { memoryWorkshops, type WorkshopShelf } from './workshops/memory'

/** One workshop in memory: each port's shelf, so deleting the entry deletes all of it. */
interface WorkshopEntry extends WorkshopShelf, DocShelf, CheckpointShelf, ControlShelf {}

/**
 * Storage in memory, for unit tests and throwaway servers. Behaves like the SQLite one
 * (the contract suite checks it): copies bytes in and out so callers cannot alias stored
 * data, sequence numbers grow across workshops, writes for unknown workshops fail.
 */
export function createMemoryStorage(): Storage {
  const workshops = new Map<string, WorkshopEntry>()
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
    ...memoryDocumentLog(workshops, entry),
    ...memoryCheckpoints(workshops, entry),
    ...memoryControl(workshops, entry),
    ...createMemorySpaceStorage(isClosed),
    async close() {
      closed = true
    },
  }
  return { ...storage, loadState: singleProcessLoadState(storage) }
}
