import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { WorkshopMeta } from '../../shared/workshop'
import { describeSpaceStorageContract } from './spaces/contract'
import { UnknownWorkshopError, type Storage, type StoredCheckpoint, type StoredToken } from './Storage'

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

let idCounter = 0
function meta(overrides: Partial<WorkshopMeta> = {}): WorkshopMeta {
  idCounter += 1
  return {
    id: `w${String(idCounter).padStart(21, '0')}`,
    title: 'Pour des cantines durables',
    coalition: 'Alimentation',
    template: 'blank',
    locale: 'fr',
    createdAt: 1_700_000_000_000,
    ...overrides,
  }
}

function token(byte: number, role: StoredToken['role']): StoredToken {
  return { hash: new Uint8Array(32).fill(byte), role }
}

let tokenByte = 0
function tokens(): StoredToken[] {
  tokenByte = (tokenByte + 3) % 250
  return [token(tokenByte, 'facilitator'), token(tokenByte + 1, 'participant'), token(tokenByte + 2, 'viewer')]
}

function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  return doc
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

    it('refuses updates and control state for an unknown workshop', async () => {
      await expect(storage.appendUpdate('nope', updateSetting('a', '1'))).rejects.toBeInstanceOf(UnknownWorkshopError)
      await expect(storage.saveControl('nope', 'meta', { title: 'x' })).rejects.toBeInstanceOf(UnknownWorkshopError)
      await expect(storage.compact('nope', updateSetting('a', '1'), 1)).rejects.toBeInstanceOf(UnknownWorkshopError)
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

    // ── Checkpoints, participants and imports (issue "workshop outcomes") ──
    describe('checkpoints, participants and imports', () => {
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
    // ── end of checkpoints ──

    // ── Programme spaces (spaces/contract.ts) ──
    describeSpaceStorageContract({ storage: () => storage, reopen: async () => (storage = await h.reopen!()) }, options)

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
