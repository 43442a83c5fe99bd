import type { CoalitionRecord, SpaceRecord } from '../../../shared/spaces/space'
import { byCreation, UnknownSpaceError, type SpaceStore, type StoredSpaceToken } from './port'

interface SpaceEntry {
  /** JSON text, like the SQLite column, so callers always get fresh copies. */
  json: string
  version: number
  tokens: StoredSpaceToken[]
  coalitions: Map<string, { json: string; version: number }>
}

/** The spaces in memory; `isClosed` is the storage's own flag. */
export function createMemorySpaceStorage(isClosed: () => boolean): SpaceStore {
  const spaces = new Map<string, SpaceEntry>()

  const open = (): void => {
    if (isClosed()) throw new Error('storage is closed')
  }
  const entry = (id: string): SpaceEntry => {
    open()
    const found = spaces.get(id)
    if (!found) throw new UnknownSpaceError(id)
    return found
  }
  const sameHash = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b))

  return {
    async createSpace(space, tokens) {
      open()
      if (spaces.has(space.id)) throw new Error(`space ${space.id} exists`)
      for (const other of spaces.values()) {
        if (other.tokens.some((t) => tokens.some((n) => sameHash(t.hash, n.hash)))) throw new Error('token hash exists')
      }
      spaces.set(space.id, {
        json: JSON.stringify(space),
        version: 1,
        tokens: tokens.map((t) => ({ hash: Uint8Array.from(t.hash), role: t.role })),
        coalitions: new Map(),
      })
    },
    async getSpace(id) {
      open()
      const found = spaces.get(id)
      return found ? { value: JSON.parse(found.json) as SpaceRecord, version: found.version } : null
    },
    async replaceSpace(space, expected) {
      const found = entry(space.id)
      if (found.version !== expected) return false
      found.json = JSON.stringify(space)
      found.version += 1
      return true
    },
    async getSpaceTokens(spaceId) {
      open()
      return spaces.get(spaceId)?.tokens.map((t) => ({ hash: Uint8Array.from(t.hash), role: t.role })) ?? []
    },
    async listCoalitions(spaceId) {
      open()
      const found = spaces.get(spaceId)
      if (!found) return []
      return [...found.coalitions.values()]
        .map((c) => ({ value: JSON.parse(c.json) as CoalitionRecord, version: c.version }))
        .sort(byCreation)
    },
    async getCoalition(spaceId, id) {
      open()
      const found = spaces.get(spaceId)?.coalitions.get(id)
      return found ? { value: JSON.parse(found.json) as CoalitionRecord, version: found.version } : null
    },
    async saveCoalition(spaceId, coalition, expected) {
      const { coalitions } = entry(spaceId)
      const current = coalitions.get(coalition.id)
      if (expected === null ? current !== undefined : current?.version !== expected) return false
      coalitions.set(coalition.id, { json: JSON.stringify(coalition), version: (current?.version ?? 0) + 1 })
      return true
    },
    async deleteCoalition(spaceId, id) {
      open()
      return spaces.get(spaceId)?.coalitions.delete(id) ?? false
    },
    async deleteSpace(id) {
      open()
      return spaces.delete(id)
    },
    async coalitionsOfWorkshop(workshopId) {
      open()
      const refs: { spaceId: string; coalitionId: string }[] = []
      for (const [spaceId, space] of spaces) {
        for (const [coalitionId, c] of space.coalitions) {
          const record = JSON.parse(c.json) as CoalitionRecord
          if (record.workshops.some((w) => w.workshopId === workshopId)) refs.push({ spaceId, coalitionId })
        }
      }
      return refs.sort((a, b) => (a.spaceId + a.coalitionId < b.spaceId + b.coalitionId ? -1 : 1))
    },
  }
}
