import { beforeEach, describe, expect, it } from 'vitest'
import type { Storage } from '../Storage'
import { meta, rebuild, tokens, updateSetting, type PortContractHarness } from '../contractFixtures'
import { UnknownWorkshopError } from './port'

/**
 * What every `WorkshopStore` does (memory, SQLite, PostgreSQL); `storage.contract.ts` runs it
 * inside its own `describe`, a fresh storage per test. A workshop created with content is
 * read back through the document log and the control state.
 */
export function describeWorkshopContract(h: PortContractHarness): void {
  describe('workshops', () => {
    let storage: Storage
    beforeEach(() => {
      storage = h.storage()
    })

    it('creates a workshop and reads it back with its tokens', async () => {
      const m = meta()
      const t = tokens()
      await storage.createWorkshop(m, t)
      expect(await storage.getWorkshop(m.id)).toEqual(m)
      const stored = await storage.getTokens(m.id)
      expect(stored.map((s) => s.role).sort()).toEqual(['facilitator', 'participant', 'viewer'])
      for (const s of stored) {
        const original = t.find((x) => x.role === s.role)
        expect(Buffer.from(s.hash).equals(Buffer.from(original!.hash))).toBe(true)
      }
    })

    it('answers null and empty for unknown workshops', async () => {
      expect(await storage.getWorkshop('nope')).toBeNull()
      expect(await storage.getTokens('nope')).toEqual([])
      expect(await storage.loadDoc('nope')).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
      expect(await storage.loadControl('nope')).toEqual({})
      expect(await storage.deleteWorkshop('nope')).toBe(false)
    })

    it('refuses a second workshop with the same id', async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      await expect(storage.createWorkshop(m, tokens())).rejects.toThrow()
    })

    it('keeps tokens of different workshops apart', async () => {
      const a = meta()
      const b = meta()
      const ta = tokens()
      const tb = tokens()
      await storage.createWorkshop(a, ta)
      await storage.createWorkshop(b, tb)
      const fromA = await storage.getTokens(a.id)
      expect(fromA).toHaveLength(3)
      for (const s of fromA) expect(tb.some((x) => Buffer.from(x.hash).equals(Buffer.from(s.hash)))).toBe(false)
    })

    it('renames a workshop', async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      await storage.updateWorkshop(m.id, { title: 'Nouveau titre' })
      expect((await storage.getWorkshop(m.id))?.title).toBe('Nouveau titre')
      expect((await storage.getWorkshop(m.id))?.coalition).toBe(m.coalition)
      await storage.updateWorkshop(m.id, { coalition: 'Mobilité' })
      expect((await storage.getWorkshop(m.id))?.coalition).toBe('Mobilité')
      await expect(storage.updateWorkshop('nope', { title: 'x' })).rejects.toBeInstanceOf(UnknownWorkshopError)
    })

    it('creates a workshop with its document, control state and participants at once', async () => {
      const m = meta()
      await storage.createWorkshopWithContent(m, tokens(), {
        docState: updateSetting('a', 'imported'),
        control: { meta: { title: 'T', coalition: '' }, timer: { status: 'idle' } },
        importedParticipants: 3,
      })
      expect(await storage.getWorkshop(m.id)).toEqual(m)
      expect(await storage.getTokens(m.id)).toHaveLength(3)
      expect(
        rebuild(await storage.loadDoc(m.id))
          .getMap('m')
          .toJSON(),
      ).toEqual({ a: 'imported' })
      expect(await storage.loadControl(m.id)).toEqual({
        meta: { title: 'T', coalition: '' },
        timer: { status: 'idle' },
      })
      expect(await storage.countParticipants(m.id)).toBe(3)
      await storage.recordParticipant(m.id, 'member-1')
      expect(await storage.countParticipants(m.id)).toBe(4)
      // The document goes on from there like any other.
      await storage.appendUpdate(m.id, updateSetting('b', 'later'))
      expect(
        rebuild(await storage.loadDoc(m.id))
          .getMap('m')
          .toJSON(),
      ).toEqual({ a: 'imported', b: 'later' })
    })

    it('stores nothing of a workshop whose creation with content fails', async () => {
      const existing = meta()
      const t = tokens()
      await storage.createWorkshop(existing, t)
      const content = {
        docState: updateSetting('a', 'x'),
        control: { meta: { title: 'x' } },
        importedParticipants: 1,
      }
      // Same id: refused, and the existing workshop is untouched.
      await expect(
        storage.createWorkshopWithContent({ ...existing, title: 'Autre' }, tokens(), content),
      ).rejects.toThrow()
      expect((await storage.getWorkshop(existing.id))?.title).toBe(existing.title)
      expect(await storage.loadDoc(existing.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
      expect(await storage.loadControl(existing.id)).toEqual({})
      expect(await storage.countParticipants(existing.id)).toBe(0)
      // A token hash that exists: refused after the row would have been written, so nothing stays.
      const fresh = meta()
      await expect(storage.createWorkshopWithContent(fresh, [t[0]], content)).rejects.toThrow()
      expect(await storage.getWorkshop(fresh.id)).toBeNull()
      expect(await storage.loadDoc(fresh.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
      expect(await storage.loadControl(fresh.id)).toEqual({})
    })

    it('counts distinct participants per workshop', async () => {
      const a = meta()
      const b = meta()
      await storage.createWorkshop(a, tokens())
      await storage.createWorkshop(b, tokens())
      await storage.recordParticipant(a.id, 'member-1')
      await storage.recordParticipant(a.id, 'member-1')
      await storage.recordParticipant(a.id, 'member-2')
      await storage.recordParticipant(b.id, 'member-1')
      expect(await storage.countParticipants(a.id)).toBe(2)
      expect(await storage.countParticipants(b.id)).toBe(1)
      expect(await storage.countParticipants('nope')).toBe(0)
      await expect(storage.recordParticipant('nope', 'member-1')).rejects.toBeInstanceOf(UnknownWorkshopError)
    })
  })
}
