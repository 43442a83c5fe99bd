import { beforeEach, describe, expect, it } from 'vitest'
import type { Storage } from '../Storage'
import { meta, tokens, type PortContractHarness } from '../contractFixtures'
import { UnknownWorkshopError } from '../workshops/port'

/**
 * What every `ControlStore` does (memory, SQLite, PostgreSQL); `storage.contract.ts` runs it
 * inside its own `describe`, a fresh storage per test.
 */
export function describeControlContract(h: PortContractHarness): void {
  describe('control state', () => {
    let storage: Storage
    beforeEach(() => {
      storage = h.storage()
    })

    it('saves and overwrites control state per section', async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      await storage.saveControl(m.id, 'meta', { title: 'A', coalition: '' })
      await storage.saveControl(m.id, 'timer', { status: 'idle' })
      await storage.saveControl(m.id, 'meta', { title: 'B', coalition: 'C' })
      expect(await storage.loadControl(m.id)).toEqual({
        meta: { title: 'B', coalition: 'C' },
        timer: { status: 'idle' },
      })
    })

    it('runs a control change on the stored state: absent first, refused stores nothing, versions grow', async () => {
      const m = meta()
      await storage.createWorkshop(m, tokens())
      const seen: unknown[] = []
      const first = await storage.updateControl(m.id, 'votes', (stored) => {
        seen.push(stored)
        return { n: 1 }
      })
      const refused = await storage.updateControl(m.id, 'votes', (stored) => {
        seen.push(stored)
        return undefined
      })
      const second = await storage.updateControl(m.id, 'votes', (stored) => ({
        n: ((stored?.state as { n: number }).n ?? 0) + 1,
      }))
      expect(seen).toEqual([undefined, { state: { n: 1 } }])
      expect(refused).toBeNull()
      expect(first).not.toBeNull()
      expect(second! >= first!).toBe(true)
      expect((await storage.loadState(m.id)).control).toEqual({ votes: { n: 2 } })
      await expect(storage.updateControl('w-unknown-workshop-id-x', 'votes', () => ({ n: 1 }))).rejects.toBeInstanceOf(
        UnknownWorkshopError,
      )
    })
  })
}
