import { beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Storage } from '../Storage'
import { meta, rebuild, tokens, updateSetting, type PortContractHarness } from '../contractFixtures'

/**
 * What every `DocumentLog` does (memory, SQLite, PostgreSQL); `storage.contract.ts` runs it
 * inside its own `describe`, a fresh storage per test. A workshop's log is refused once the
 * workshop is unknown and goes with its delete: `storage.contract.ts`, across the ports.
 */
export function describeDocumentLogContract(h: PortContractHarness): void {
  describe('document log', () => {
    let storage: Storage
    beforeEach(() => {
      storage = h.storage()
    })

    it('appends updates in order with growing sequence numbers', async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      const s1 = await storage.appendUpdate(m.id, updateSetting('a', '1'))
      const s2 = await storage.appendUpdate(m.id, updateSetting('b', '2'))
      expect(s2).toBeGreaterThan(s1)
      const stored = await storage.loadDoc(m.id)
      expect(stored.snapshot).toBeNull()
      expect(stored.updates).toHaveLength(2)
      expect(stored.lastSeq).toBe(s2)
      expect(rebuild(stored).getMap('m').toJSON()).toEqual({ a: '1', b: '2' })
    })

    it('does not let callers alias stored bytes', async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      const u = updateSetting('a', '1')
      const copy = Uint8Array.from(u)
      await storage.appendUpdate(m.id, u)
      u.fill(0)
      const first = (await storage.loadDoc(m.id)).updates[0]
      expect(Array.from(first)).toEqual(Array.from(copy))
      first.fill(0)
      expect(Array.from((await storage.loadDoc(m.id)).updates[0])).toEqual(Array.from(copy))
    })

    it('compacts: the snapshot folds the rows up to a sequence number, later rows stay', async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      const doc = new Y.Doc()
      const updates: Uint8Array[] = []
      doc.on('update', (u: Uint8Array) => updates.push(u))
      doc.getMap('m').set('a', '1')
      doc.getMap('m').set('b', '2')
      const s1 = await storage.appendUpdate(m.id, updates[0])
      const s2 = await storage.appendUpdate(m.id, updates[1])
      await storage.compact(m.id, Y.encodeStateAsUpdate(doc), s2)
      doc.getMap('m').set('c', '3')
      const s3 = await storage.appendUpdate(m.id, updates[2])
      expect(s3).toBeGreaterThan(s2)
      expect(s2).toBeGreaterThan(s1)
      const stored = await storage.loadDoc(m.id)
      expect(stored.snapshot).not.toBeNull()
      expect(stored.updates).toHaveLength(1)
      expect(stored.lastSeq).toBe(s3)
      expect(rebuild(stored).getMap('m').toJSON()).toEqual({ a: '1', b: '2', c: '3' })
    })

    it('reports the folded sequence number when the log is empty after compaction', async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      const s1 = await storage.appendUpdate(m.id, updateSetting('a', '1'))
      await storage.compact(m.id, updateSetting('a', '1'), s1)
      const stored = await storage.loadDoc(m.id)
      expect(stored.updates).toEqual([])
      expect(stored.lastSeq).toBe(s1)
    })

    it('keeps each workshop document separate', async () => {
      const a = meta()
      const b = meta()
      await storage.createWorkshop(a, tokens())
      await storage.createWorkshop(b, tokens())
      await storage.appendUpdate(a.id, updateSetting('a', '1'))
      await storage.appendUpdate(b.id, updateSetting('b', '2'))
      await storage.compact(a.id, updateSetting('a', '1'), await storage.appendUpdate(a.id, updateSetting('a', '1')))
      expect(
        rebuild(await storage.loadDoc(b.id))
          .getMap('m')
          .toJSON(),
      ).toEqual({ b: '2' })
      expect(
        rebuild(await storage.loadDoc(a.id))
          .getMap('m')
          .toJSON(),
      ).toEqual({ a: '1' })
    })
  })
}
