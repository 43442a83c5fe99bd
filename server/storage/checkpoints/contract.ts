import { beforeEach, describe, expect, it } from 'vitest'
import type { Storage } from '../Storage'
import { meta, rebuild, tokens, updateSetting, type PortContractHarness } from '../contractFixtures'
import { UnknownWorkshopError } from '../workshops/port'
import type { StoredCheckpoint } from './port'

/**
 * What every `CheckpointStore` does (memory, SQLite, PostgreSQL); `storage.contract.ts` runs
 * it inside its own `describe`, a fresh storage per test (`reopen` for durable ones).
 */
export function describeCheckpointContract(h: PortContractHarness, options: { durable: boolean }): void {
  describe('checkpoints', () => {
    let storage: Storage
    beforeEach(() => {
      storage = h.storage()
    })

    const checkpoint = (
      workshopId: string,
      id: string,
      createdAt: number,
      extra: Partial<StoredCheckpoint> = {},
    ): StoredCheckpoint => ({
      id,
      workshopId,
      name: `Point ${id}`,
      author: 'Awa',
      createdAt,
      automatic: false,
      docState: updateSetting('k', id),
      control: { meta: { title: id } },
      ...extra,
    })

    it('saves, lists (newest first, no content), reads and deletes checkpoints per workshop', async () => {
      const a = meta()
      const b = meta()
      await storage.createWorkshop(a, tokens())
      await storage.createWorkshop(b, tokens())
      await storage.saveCheckpoint(checkpoint(a.id, 'cp-old', 1_000))
      await storage.saveCheckpoint(checkpoint(a.id, 'cp-new', 2_000, { automatic: true, author: '' }))
      await storage.saveCheckpoint(checkpoint(a.id, 'cp-same-time', 2_000))
      await storage.saveCheckpoint(checkpoint(b.id, 'cp-b', 1_500))
      const list = await storage.listCheckpoints(a.id)
      expect(list.map((c) => c.id)).toEqual(['cp-same-time', 'cp-new', 'cp-old'])
      expect(list[1]).toEqual({
        id: 'cp-new',
        workshopId: a.id,
        name: 'Point cp-new',
        author: '',
        createdAt: 2_000,
        automatic: true,
      })
      expect(list[0]).not.toHaveProperty('docState')

      const read = await storage.getCheckpoint(a.id, 'cp-old')
      expect(read).toMatchObject({
        id: 'cp-old',
        name: 'Point cp-old',
        author: 'Awa',
        createdAt: 1_000,
        automatic: false,
        control: { meta: { title: 'cp-old' } },
      })
      expect(rebuild({ snapshot: read!.docState, updates: [] }).getMap('m').toJSON()).toEqual({ k: 'cp-old' })
      // A checkpoint is found only through its own workshop.
      expect(await storage.getCheckpoint(b.id, 'cp-old')).toBeNull()
      expect(await storage.getCheckpoint(a.id, 'nope')).toBeNull()
      await expect(storage.saveCheckpoint(checkpoint(a.id, 'cp-old', 3_000))).rejects.toThrow()
      await expect(storage.saveCheckpoint(checkpoint('nope', 'cp-x', 3_000))).rejects.toBeInstanceOf(
        UnknownWorkshopError,
      )

      expect(await storage.deleteCheckpoint(b.id, 'cp-old')).toBe(false)
      expect(await storage.deleteCheckpoint(a.id, 'cp-old')).toBe(true)
      expect((await storage.listCheckpoints(a.id)).map((c) => c.id)).toEqual(['cp-same-time', 'cp-new'])
      expect(await storage.listCheckpoints('nope')).toEqual([])
    })

    it("does not let callers alias a checkpoint's stored bytes", async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      const cp = checkpoint(m.id, 'cp-alias', 1)
      const copy = Array.from(cp.docState)
      await storage.saveCheckpoint(cp)
      cp.docState.fill(0)
      const read = await storage.getCheckpoint(m.id, 'cp-alias')
      expect(Array.from(read!.docState)).toEqual(copy)
      read!.docState.fill(0)
      expect(Array.from((await storage.getCheckpoint(m.id, 'cp-alias'))!.docState)).toEqual(copy)
    })

    it('deletes participants and checkpoints with their workshop', async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      await storage.recordParticipant(m.id, 'member-1')
      await storage.saveCheckpoint(checkpoint(m.id, 'cp-gone', 1))
      expect(await storage.deleteWorkshop(m.id)).toBe(true)
      expect(await storage.countParticipants(m.id)).toBe(0)
      expect(await storage.listCheckpoints(m.id)).toEqual([])
      expect(await storage.getCheckpoint(m.id, 'cp-gone')).toBeNull()
    })

    if (options.durable) {
      it('keeps participants and checkpoints across a reopen', async () => {
        const m = meta()
        await storage.createWorkshopWithContent(m, tokens(), {
          docState: updateSetting('a', '1'),
          control: {},
          importedParticipants: 1,
        })
        await storage.recordParticipant(m.id, 'member-1')
        await storage.saveCheckpoint(checkpoint(m.id, 'cp-kept', 5))
        storage = await h.reopen!()
        expect(await storage.countParticipants(m.id)).toBe(2)
        expect((await storage.listCheckpoints(m.id)).map((c) => c.id)).toEqual(['cp-kept'])
        expect(
          rebuild(await storage.loadDoc(m.id))
            .getMap('m')
            .toJSON(),
        ).toEqual({ a: '1' })
      })
    }
  })
}
