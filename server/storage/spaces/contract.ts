import { describe, expect, it } from 'vitest'
import type { CoalitionRecord, SpaceRecord } from '../../../shared/spaces/space'
import { defaultThemes } from '../../../shared/spaces/themes'
import { UnknownSpaceError, type SpaceStore, type StoredSpaceToken } from './port'

/**
 * What every `SpaceStore` does (memory, SQLite, PostgreSQL): `storage.contract.ts` calls this
 * inside its own `describe`, so every implementation runs it with the same harness (a fresh
 * storage per test, closed afterwards).
 */
export interface SpaceContractHarness {
  /** The storage of the running test. */
  storage(): SpaceStore
  /** Closes and opens the same data again (durable implementations only). */
  reopen?: () => Promise<SpaceStore>
}

let counter = 0
function spaceRecord(overrides: Partial<SpaceRecord> = {}): SpaceRecord {
  counter += 1
  return {
    id: `s${String(counter).padStart(21, '0')}`,
    title: 'Saison 2026',
    description: 'Programme',
    locale: 'fr',
    themes: defaultThemes('fr'),
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...overrides,
  }
}

function coalitionRecord(id: string, createdAt: number, overrides: Partial<CoalitionRecord> = {}): CoalitionRecord {
  return {
    id,
    title: `Pour ${id}`,
    themeId: 'environnement',
    cohort: 'stock',
    status: 'idee',
    needs: [],
    coLeads: [],
    template: 'full-workshop',
    decisions: [],
    workshops: [],
    nextDecisionSeq: 1,
    createdAt,
    updatedAt: createdAt,
    ...overrides,
  }
}

let tokenByte = 100
function spaceTokens(): StoredSpaceToken[] {
  tokenByte = tokenByte >= 250 ? 100 : tokenByte + 2
  return [
    { hash: new Uint8Array(32).fill(tokenByte).fill(7, 0, 1), role: 'admin' },
    { hash: new Uint8Array(32).fill(tokenByte + 1).fill(7, 0, 1), role: 'viewer' },
  ]
}

export function describeSpaceStorageContract(h: SpaceContractHarness, options: { durable: boolean }): void {
  describe('programme spaces', () => {
    it('creates a space at version 1 with its tokens, and answers null or empty for unknown ones', async () => {
      const storage = h.storage()
      const s = spaceRecord()
      const t = spaceTokens()
      await storage.createSpace(s, t)
      expect(await storage.getSpace(s.id)).toEqual({ value: s, version: 1 })
      const stored = await storage.getSpaceTokens(s.id)
      expect(stored.map((x) => x.role).sort()).toEqual(['admin', 'viewer'])
      expect(Buffer.from(stored.find((x) => x.role === 'admin')!.hash).equals(Buffer.from(t[0].hash))).toBe(true)
      await expect(storage.createSpace(s, spaceTokens())).rejects.toThrow()
      expect(await storage.getSpace('nope')).toBeNull()
      expect(await storage.getSpaceTokens('nope')).toEqual([])
      expect(await storage.listCoalitions('nope')).toEqual([])
      expect(await storage.getCoalition(s.id, 'nope')).toBeNull()
    })

    it('replaces a space only at the expected version', async () => {
      const storage = h.storage()
      const s = spaceRecord()
      await storage.createSpace(s, spaceTokens())
      expect(await storage.replaceSpace({ ...s, title: 'Saison 2027' }, 1)).toBe(true)
      expect(await storage.replaceSpace({ ...s, title: 'Perdu' }, 1)).toBe(false)
      expect(await storage.getSpace(s.id)).toEqual({ value: { ...s, title: 'Saison 2027' }, version: 2 })
      await expect(storage.replaceSpace(spaceRecord(), 1)).rejects.toBeInstanceOf(UnknownSpaceError)
    })

    it('creates, lists in creation order, replaces at a version and deletes coalitions', async () => {
      const storage = h.storage()
      const s = spaceRecord()
      await storage.createSpace(s, spaceTokens())
      const late = coalitionRecord('bbbbbbbbbbbb', 20)
      const early = coalitionRecord('aaaaaaaaaaaa', 10)
      expect(await storage.saveCoalition(s.id, late, null)).toBe(true)
      expect(await storage.saveCoalition(s.id, early, null)).toBe(true)
      expect(await storage.saveCoalition(s.id, early, null)).toBe(false)
      expect((await storage.listCoalitions(s.id)).map((c) => c.value.id)).toEqual(['aaaaaaaaaaaa', 'bbbbbbbbbbbb'])

      const moved = { ...early, cohort: 'pilote' as const }
      expect(await storage.saveCoalition(s.id, moved, 1)).toBe(true)
      expect(await storage.saveCoalition(s.id, { ...early, cohort: 'promo-2' }, 1)).toBe(false)
      expect(await storage.getCoalition(s.id, early.id)).toEqual({ value: moved, version: 2 })
      expect(await storage.saveCoalition(s.id, coalitionRecord('cccccccccccc', 5), 1)).toBe(false)

      expect(await storage.deleteCoalition(s.id, early.id)).toBe(true)
      expect(await storage.deleteCoalition(s.id, early.id)).toBe(false)
      expect((await storage.listCoalitions(s.id)).map((c) => c.value.id)).toEqual(['bbbbbbbbbbbb'])
      await expect(storage.saveCoalition('nope', early, null)).rejects.toBeInstanceOf(UnknownSpaceError)
    })

    it('keeps coalitions of different spaces apart and returns copies', async () => {
      const storage = h.storage()
      const a = spaceRecord()
      const b = spaceRecord()
      await storage.createSpace(a, spaceTokens())
      await storage.createSpace(b, spaceTokens())
      const record = coalitionRecord('aaaaaaaaaaaa', 1, { needs: ['Financement'] })
      await storage.saveCoalition(a.id, record, null)
      expect(await storage.getCoalition(b.id, record.id)).toBeNull()
      const read = (await storage.getCoalition(a.id, record.id))!.value
      read.needs.push('changed')
      record.needs.push('changed too')
      expect((await storage.getCoalition(a.id, record.id))!.value.needs).toEqual(['Financement'])
    })

    it('finds the coalitions of every space that list a workshop', async () => {
      const storage = h.storage()
      const a = spaceRecord()
      const b = spaceRecord()
      await storage.createSpace(a, spaceTokens())
      await storage.createSpace(b, spaceTokens())
      const ref = (workshopId: string) => ({ workshopId, origin: 'attached' as const, attachedAt: 1 })
      const wanted = 'W'.repeat(22)
      await storage.saveCoalition(
        a.id,
        coalitionRecord('aaaaaaaaaaaa', 1, { workshops: [ref('X'.repeat(22)), ref(wanted)] }),
        null,
      )
      await storage.saveCoalition(a.id, coalitionRecord('bbbbbbbbbbbb', 2, { workshops: [ref('X'.repeat(22))] }), null)
      await storage.saveCoalition(b.id, coalitionRecord('cccccccccccc', 3, { workshops: [ref(wanted)] }), null)
      const found = await storage.coalitionsOfWorkshop(wanted)
      expect(found).toHaveLength(2)
      expect(found).toEqual(
        expect.arrayContaining([
          { spaceId: a.id, coalitionId: 'aaaaaaaaaaaa' },
          { spaceId: b.id, coalitionId: 'cccccccccccc' },
        ]),
      )
      // A title naming the workshop is not a link to it.
      await storage.saveCoalition(b.id, coalitionRecord('dddddddddddd', 4, { title: 'Y'.repeat(22) }), null)
      expect(await storage.coalitionsOfWorkshop('Y'.repeat(22))).toEqual([])
      await storage.deleteCoalition(a.id, 'aaaaaaaaaaaa')
      expect(await storage.coalitionsOfWorkshop(wanted)).toEqual([{ spaceId: b.id, coalitionId: 'cccccccccccc' }])
    })

    it('deletes a space with its tokens and coalitions, and nothing else', async () => {
      const storage = h.storage()
      const a = spaceRecord()
      const b = spaceRecord()
      await storage.createSpace(a, spaceTokens())
      await storage.createSpace(b, spaceTokens())
      await storage.saveCoalition(a.id, coalitionRecord('aaaaaaaaaaaa', 1), null)
      await storage.saveCoalition(b.id, coalitionRecord('aaaaaaaaaaaa', 1), null)
      expect(await storage.deleteSpace(a.id)).toBe(true)
      expect(await storage.deleteSpace(a.id)).toBe(false)
      expect(await storage.getSpace(a.id)).toBeNull()
      expect(await storage.getSpaceTokens(a.id)).toEqual([])
      expect(await storage.listCoalitions(a.id)).toEqual([])
      expect(await storage.listCoalitions(b.id)).toHaveLength(1)
    })

    if (options.durable) {
      it('keeps spaces, tokens, coalitions and versions across a reopen', async () => {
        const s = spaceRecord()
        const storage = h.storage()
        await storage.createSpace(s, spaceTokens())
        await storage.replaceSpace({ ...s, description: 'gardé' }, 1)
        await storage.saveCoalition(s.id, coalitionRecord('aaaaaaaaaaaa', 1, { cohort: 'pilote' }), null)
        const reopened = await h.reopen!()
        expect(await reopened.getSpace(s.id)).toEqual({ value: { ...s, description: 'gardé' }, version: 2 })
        expect(await reopened.getSpaceTokens(s.id)).toHaveLength(2)
        expect((await reopened.listCoalitions(s.id)).map((c) => [c.value.cohort, c.version])).toEqual([['pilote', 1]])
      })
    }
  })
}
