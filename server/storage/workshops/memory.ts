import type { WorkshopMeta } from '../../../shared/workshop'
import { type StoredToken, type WorkshopContent, type WorkshopStore } from './port'

/** What the memory storage keeps per workshop for this port (its entry holds the other ports' shelves too). */
export interface WorkshopShelf {
  meta: WorkshopMeta
  tokens: StoredToken[]
  participants: Set<string>
  /** How many came with an import. */
  importedParticipants: number
}

const copyToken = (t: StoredToken): StoredToken => ({ hash: Uint8Array.from(t.hash), role: t.role })

/**
 * Workshops in memory, one entry per workshop in `workshops` (deleting it deletes what the
 * other ports keep there). `entry` throws for an unknown workshop or a closed storage;
 * `blank` makes a new entry with the other ports' shelves empty; `fill` stores a
 * workshop's first content in them. Everything is built before the one `set`, so a
 * failed creation stores nothing.
 */
export function memoryWorkshops<E extends WorkshopShelf>(
  workshops: Map<string, E>,
  entry: (id: string) => E,
  blank: (shelf: WorkshopShelf) => E,
  fill: (entry: E, content: WorkshopContent) => void,
  isClosed: () => boolean,
): WorkshopStore {
  const newEntry = (meta: WorkshopMeta, tokens: readonly StoredToken[]): E => {
    if (isClosed()) throw new Error('storage is closed')
    if (workshops.has(meta.id)) throw new Error(`workshop ${meta.id} exists`)
    for (const w of workshops.values()) {
      for (const t of w.tokens) {
        if (tokens.some((n) => Buffer.from(n.hash).equals(Buffer.from(t.hash)))) throw new Error('token hash exists')
      }
    }
    return blank({ meta: { ...meta }, tokens: tokens.map(copyToken), participants: new Set(), importedParticipants: 0 })
  }

  return {
    async createWorkshop(meta, tokens) {
      workshops.set(meta.id, newEntry(meta, tokens))
    },
    async createWorkshopWithContent(meta, tokens, content) {
      const w = newEntry(meta, tokens)
      fill(w, content)
      w.importedParticipants = content.importedParticipants
      workshops.set(meta.id, w)
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
      return workshops.get(workshopId)?.tokens.map(copyToken) ?? []
    },
    async replaceRoleTokens(workshopId, tokens) {
      const w = entry(workshopId)
      const roles = new Set(tokens.map((t) => t.role))
      w.tokens = [...w.tokens.filter((t) => !roles.has(t.role)), ...tokens.map(copyToken)]
    },
    async deleteWorkshop(id) {
      return workshops.delete(id)
    },
    async recordParticipant(workshopId, memberId) {
      entry(workshopId).participants.add(memberId)
    },
    async countParticipants(workshopId) {
      const w = workshops.get(workshopId)
      return w ? w.participants.size + w.importedParticipants : 0
    },
  }
}
