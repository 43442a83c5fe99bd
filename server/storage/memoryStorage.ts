import { singleProcessControl } from './singleProcess'
import type { WorkshopMeta } from '../../shared/workshop'
import { createMemorySpaceStorage } from './spaces/memory'
import { UnknownWorkshopError, type Storage, type StoredCheckpoint, type StoredDoc, type StoredToken } from './Storage'

interface WorkshopEntry {
  meta: WorkshopMeta
  tokens: StoredToken[]
  snapshot: Uint8Array | null
  /** Folded up to this sequence number. */
  snapshotSeq: number
  updates: { seq: number; data: Uint8Array }[]
  /** JSON text per section, like the SQLite column, so both return fresh copies. */
  control: Map<string, string>
  /** Checkpoints block: members counted as participants (and how many came with an import), checkpoints oldest first. */
  participants: Set<string>
  importedParticipants: number
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
 * Storage in memory, for unit tests and throwaway servers. Behaves like the SQLite one
 * (the contract suite checks it): copies bytes in and out so callers cannot alias stored
 * data, sequence numbers grow across workshops, writes for unknown workshops fail.
 */
export function createMemoryStorage(): Storage {
  const workshops = new Map<string, WorkshopEntry>()
  let seq = 0
  let closed = false

  const entry = (id: string): WorkshopEntry => {
    if (closed) throw new Error('storage is closed')
    const found = workshops.get(id)
    if (!found) throw new UnknownWorkshopError(id)
    return found
  }

  const newEntry = (meta: WorkshopMeta, tokens: readonly StoredToken[]): WorkshopEntry => {
    if (closed) throw new Error('storage is closed')
    if (workshops.has(meta.id)) throw new Error(`workshop ${meta.id} exists`)
    for (const w of workshops.values()) {
      for (const t of w.tokens) {
        if (tokens.some((n) => Buffer.from(n.hash).equals(Buffer.from(t.hash)))) throw new Error('token hash exists')
      }
    }
    return {
      meta: { ...meta },
      tokens: tokens.map((t) => ({ hash: Uint8Array.from(t.hash), role: t.role })),
      snapshot: null,
      snapshotSeq: 0,
      updates: [],
      control: new Map(),
      participants: new Set(),
      importedParticipants: 0,
      checkpoints: [],
    }
  }

  const storage: Omit<Storage, 'updateControl' | 'loadState'> = {
    // Programme spaces (server/spaces).
    ...createMemorySpaceStorage(() => closed),
    async createWorkshop(meta, tokens) {
      workshops.set(meta.id, newEntry(meta, tokens))
    },
    async getWorkshop(id) {
      const found = workshops.get(id)
      return found ? { ...found.meta } : null
    },
    async updateWorkshop(id, patch) {
      const w = entry(id)
      if (patch.title !== undefined) w.meta.title = patch.title
      if (patch.coalition !== undefined) w.meta.coalition = patch.coalition
    },
    async getTokens(workshopId) {
      const found = workshops.get(workshopId)
      return found ? found.tokens.map((t) => ({ hash: Uint8Array.from(t.hash), role: t.role })) : []
    },
    async replaceRoleTokens(workshopId, tokens) {
      const w = entry(workshopId)
      const roles = new Set(tokens.map((t) => t.role))
      w.tokens = [
        ...w.tokens.filter((t) => !roles.has(t.role)),
        ...tokens.map((t) => ({ hash: Uint8Array.from(t.hash), role: t.role })),
      ]
    },
    async deleteWorkshop(id) {
      return workshops.delete(id)
    },
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
    async loadControl(workshopId) {
      const w = workshops.get(workshopId)
      const out: Record<string, unknown> = {}
      if (w) for (const [key, json] of w.control) out[key] = JSON.parse(json)
      return out
    },
    async saveControl(workshopId, section, state) {
      entry(workshopId).control.set(section, JSON.stringify(state))
    },

    // ── Checkpoints, participants and imports ──
    async createWorkshopWithContent(meta, tokens, content) {
      // Everything is built before the one `set`, so a failure stores nothing.
      const w = newEntry(meta, tokens)
      w.snapshot = Uint8Array.from(content.docState)
      for (const [section, state] of Object.entries(content.control)) w.control.set(section, JSON.stringify(state))
      w.importedParticipants = content.importedParticipants
      workshops.set(meta.id, w)
    },
    async recordParticipant(workshopId, memberId) {
      entry(workshopId).participants.add(memberId)
    },
    async countParticipants(workshopId) {
      const w = workshops.get(workshopId)
      return w ? w.participants.size + w.importedParticipants : 0
    },
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

    async close() {
      closed = true
    },
  }
  return { ...storage, ...singleProcessControl(storage) }
}
