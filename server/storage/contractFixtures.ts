import * as Y from 'yjs'
import type { WorkshopMeta } from '../../shared/workshop'
import type { Storage } from './Storage'
import type { StoredToken } from './workshops/port'

/** Records the storage contracts (`storage.contract.ts` and each port's `contract.ts`) write. */

let idCounter = 0
export function meta(overrides: Partial<WorkshopMeta> = {}): WorkshopMeta {
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
export function tokens(): StoredToken[] {
  tokenByte = (tokenByte + 3) % 250
  return [token(tokenByte, 'facilitator'), token(tokenByte + 1, 'participant'), token(tokenByte + 2, 'viewer')]
}

export function updateSetting(key: string, value: string): Uint8Array {
  const doc = new Y.Doc()
  doc.getMap('m').set(key, value)
  return Y.encodeStateAsUpdate(doc)
}

export function rebuild(stored: { snapshot: Uint8Array | null; updates: Uint8Array[] }): Y.Doc {
  const doc = new Y.Doc()
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
  for (const u of stored.updates) Y.applyUpdate(doc, u)
  return doc
}

/** What each port's contract runs on: the running test's storage, and (durable implementations) the same data reopened. */
export interface PortContractHarness {
  storage(): Storage
  reopen?: () => Promise<Storage>
}
