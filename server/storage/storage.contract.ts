import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { describeCheckpointContract } from './checkpoints/contract'
import { describeControlContract } from './controlState/contract'
import { describeDocumentLogContract } from './documentLog/contract'
import { meta, rebuild, tokens, updateSetting } from './contractFixtures'
import { describeSpaceStorageContract } from './spaces/contract'
import { describeWorkshopContract } from './workshops/contract'
import { UnknownWorkshopError, type Storage } from './Storage'

/**
 * One behaviour for every Storage: each implementation's `.test.ts` calls this with a
 * factory. A durable implementation also provides `reopen` (close, then open the same data
 * again), so durability is checked where it means something (SQLite).
 */
export interface StorageHarness {
  storage: Storage
  reopen?: () => Promise<Storage>
  cleanup: () => Promise<void>
}

export function describeStorageContract(
  name: string,
  open: () => Promise<StorageHarness>,
  options: { durable: boolean },
): void {
  describe(`Storage contract: ${name}`, () => {
    let h: StorageHarness
    let storage: Storage
    beforeEach(async () => {
      h = await open()
      storage = h.storage
    })
    afterEach(async () => {
      await storage.close()
      await h.cleanup()
    })
    // What each port's own contract runs on: this test's storage, and the same data reopened.
    const harness = { storage: () => storage, reopen: async () => (storage = await h.reopen!()) }

    it('refuses updates and control state for an unknown workshop', async () => {
      await expect(storage.appendUpdate('nope', updateSetting('a', '1'))).rejects.toBeInstanceOf(UnknownWorkshopError)
      await expect(storage.saveControl('nope', 'meta', { title: 'x' })).rejects.toBeInstanceOf(UnknownWorkshopError)
      await expect(storage.compact('nope', updateSetting('a', '1'), 1)).rejects.toBeInstanceOf(UnknownWorkshopError)
    })

    it('reads the board and the control state together', async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      const doc = new Y.Doc()
      doc.getMap('m').set('k', 'v')
      await storage.appendUpdate(m.id, Y.encodeStateAsUpdate(doc))
      await storage.saveControl(m.id, 'meta', { title: 'A', coalition: '' })
      const state = await storage.loadState(m.id)
      expect(state.doc.updates).toHaveLength(1)
      expect(state.control).toEqual({ meta: { title: 'A', coalition: '' } })
    })

    it('deletes a workshop with everything stored for it, and only that workshop', async () => {
      const a = meta()
      const b = meta()
      await storage.createWorkshop(a, tokens())
      await storage.createWorkshop(b, tokens())
      for (const id of [a.id, b.id]) {
        const s = await storage.appendUpdate(id, updateSetting('a', '1'))
        await storage.compact(id, updateSetting('a', '1'), s)
        await storage.appendUpdate(id, updateSetting('b', '2'))
        await storage.saveControl(id, 'meta', { title: 'x' })
      }
      expect(await storage.deleteWorkshop(a.id)).toBe(true)
      expect(await storage.getWorkshop(a.id)).toBeNull()
      expect(await storage.getTokens(a.id)).toEqual([])
      expect(await storage.loadDoc(a.id)).toEqual({ snapshot: null, updates: [], lastSeq: 0 })
      expect(await storage.loadControl(a.id)).toEqual({})
      expect(await storage.getWorkshop(b.id)).not.toBeNull()
      expect((await storage.loadDoc(b.id)).updates).toHaveLength(1)
      expect(await storage.loadControl(b.id)).toEqual({ meta: { title: 'x' } })
      await expect(storage.appendUpdate(a.id, updateSetting('c', '3'))).rejects.toBeInstanceOf(UnknownWorkshopError)
    })

    describeDocumentLogContract(harness)
    describeWorkshopContract(harness)
    describeControlContract(harness)
    describeCheckpointContract(harness, options)

    // ── Programme spaces (spaces/contract.ts) ──
    describeSpaceStorageContract(harness, options)

    // Registered only for durable implementations: a test that cannot fail is no test.
    if (options.durable) {
      it('keeps everything across a reopen', async () => {
        const m = meta()
        await storage.createWorkshop(m, tokens())
        await storage.appendUpdate(m.id, updateSetting('a', '1'))
        await storage.saveControl(m.id, 'meta', { title: 'kept' })
        storage = await h.reopen!()
        expect(await storage.getWorkshop(m.id)).toEqual(m)
        expect(await storage.getTokens(m.id)).toHaveLength(3)
        expect(
          rebuild(await storage.loadDoc(m.id))
            .getMap('m')
            .toJSON(),
        ).toEqual({ a: '1' })
        expect(await storage.loadControl(m.id)).toEqual({ meta: { title: 'kept' } })
      })
    }
  })
}
