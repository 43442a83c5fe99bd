import type { CheckpointStore, StoredCheckpoint } from './port'

/** What the memory storage keeps per workshop for its checkpoints: oldest first. */
export interface CheckpointShelf {
  checkpoints: StoredCheckpoint[]
}

function copyCheckpoint(c: StoredCheckpoint): StoredCheckpoint {
  return {
    ...c,
    docState: Uint8Array.from(c.docState),
    control: JSON.parse(JSON.stringify(c.control)) as Record<string, unknown>,
  }
}

/**
 * Checkpoints in memory, on the memory storage's workshops (so they go with their
 * workshop); `entry` throws for an unknown workshop or a closed storage. Copies in and out,
 * so callers cannot alias stored bytes.
 */
export function memoryCheckpoints(
  workshops: ReadonlyMap<string, CheckpointShelf>,
  entry: (workshopId: string) => CheckpointShelf,
): CheckpointStore {
  return {
    async saveCheckpoint(checkpoint) {
      const w = entry(checkpoint.workshopId)
      for (const other of workshops.values()) {
        if (other.checkpoints.some((c) => c.id === checkpoint.id)) throw new Error(`checkpoint ${checkpoint.id} exists`)
      }
      w.checkpoints.push(copyCheckpoint(checkpoint))
    },
    async listCheckpoints(workshopId) {
      const list = workshops.get(workshopId)?.checkpoints ?? []
      // Newest first; among equal times, the later saved first (like SQLite's rowid order).
      return list
        .map((c, i) => ({ c, i }))
        .sort((a, b) => b.c.createdAt - a.c.createdAt || b.i - a.i)
        .map(({ c }) => ({
          id: c.id,
          workshopId: c.workshopId,
          name: c.name,
          author: c.author,
          createdAt: c.createdAt,
          automatic: c.automatic,
        }))
    },
    async getCheckpoint(workshopId, checkpointId) {
      const found = workshops.get(workshopId)?.checkpoints.find((c) => c.id === checkpointId)
      return found ? copyCheckpoint(found) : null
    },
    async deleteCheckpoint(workshopId, checkpointId) {
      const w = workshops.get(workshopId)
      const i = w ? w.checkpoints.findIndex((c) => c.id === checkpointId) : -1
      if (!w || i === -1) return false
      w.checkpoints.splice(i, 1)
      return true
    },
  }
}
