import type { Logger } from 'pino'
import pino from 'pino'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../../shared/board'
import { DEFAULT_LIMITS } from '../../../shared/protocol'
import { DEFAULT_PAGE_ID } from '../../../shared/templates/records'
import { defaultPageRecord } from '../../../shared/templates/templates'
import type { Clock } from '../../../server/clock'
import { CONTROL_SECTIONS } from '../../../server/control/sections'
import type { Storage } from '../../../server/storage/Storage'
import type { Connection } from '../../../server/sync/Connection'
import { Room } from '../../../server/sync/Room'
import { syncStep1Frame, updateFrame } from './benchDoc'

/**
 * One Room for the in-process benches (`roomCost.ts`, `roomLatency.ts`): a blank workshop in
 * the given storage, the shipped limits and control sections, a silent log.
 */
export async function openBenchRoom(storage: Storage, clock: Clock, log: Logger = pino({ level: 'silent' })) {
  const workshopId = 'AAAAAAAAAAAAAAAAAAAAAA'
  await storage.createWorkshop(
    { id: workshopId, title: 'bench', coalition: '', template: 'blank', locale: 'fr', createdAt: 0 },
    [],
  )
  return new Room({
    workshopId,
    storage,
    clock,
    log,
    limits: {
      maxDocumentBytes: DEFAULT_LIMITS.maxDocumentBytes,
      commandsPerSecond: DEFAULT_LIMITS.commandsPerSecond,
      commandBurst: DEFAULT_LIMITS.commandBurst,
      awarenessStatesPerSecond: DEFAULT_LIMITS.awarenessStatesPerSecond,
    },
    sections: CONTROL_SECTIONS,
  })
}

/**
 * The page every card sits on, written by `host` (a facilitator's connection) as a client
 * would: the server refuses a shape whose parent is not on the board. The caller lets the
 * room apply it (its clock, then a settle).
 */
export function placeDefaultPage(room: Room, host: Connection): void {
  room.join(host)
  room.receive(host, syncStep1Frame(new Y.Doc()))
  const pageDoc = new Y.Doc()
  pageDoc.on('update', (u: Uint8Array) => room.receive(host, updateFrame(u)))
  new YKeyValue(pageDoc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY)).set(
    DEFAULT_PAGE_ID,
    defaultPageRecord(),
  )
}
