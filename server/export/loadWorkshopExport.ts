import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { META_MAP, META_SCHEMA_KEY, Origin, RECORDS_ARRAY } from '../../shared/board'
import type { ControlState } from '../../shared/control/index'
import { buildExport } from '../../shared/export/model'
import type { ExportDocument } from '../../shared/export/schema'
import type { Clock } from '../clock'
import { CONTROL_SECTIONS, seedsFromWorkshop } from '../control/sections'
import type { Storage } from '../storage/Storage'

/**
 * A workshop's outcome (`coalition-board/workshop@1`) built from storage alone: the stored
 * document (snapshot + log) and control state, with no room and no browser. A room persists
 * every change before anyone hears of it, so storage is never behind what people saw.
 *
 * Control sections never written yet start the way a room would start them (the seeds
 * from the workshop row, else the section's initial state), so an untouched workshop
 * exports like a freshly opened one.
 */

export interface WorkshopExportDeps {
  storage: Storage
  clock: Clock
}

/** The stored board's document records and the tldraw schema its last writer used. */
export async function loadBoardRecords(storage: Storage, workshopId: string): Promise<{ records: unknown[]; schema: unknown }> {
  const stored = await storage.loadDoc(workshopId)
  const doc = new Y.Doc()
  try {
    Y.transact(
      doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot)
        for (const update of stored.updates) Y.applyUpdate(doc, update)
      },
      Origin.load,
      false,
    )
    // YKeyValue resolves duplicate keys the way every live copy does (rightmost wins).
    const kv = new YKeyValue(doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
    const records = [...kv.map.values()].map((entry) => entry.val)
    return { records, schema: doc.getMap<unknown>(META_MAP).get(META_SCHEMA_KEY) ?? null }
  } finally {
    doc.destroy()
  }
}

/** Stored control state, each missing section seeded like a room seeds it. */
export async function loadControlState(storage: Storage, meta: Parameters<typeof seedsFromWorkshop>[0]): Promise<ControlState> {
  const stored = await storage.loadControl(meta.id)
  const seeds = seedsFromWorkshop(meta)
  const state: Record<string, unknown> = {}
  for (const section of CONTROL_SECTIONS) {
    state[section.key] = section.key in stored ? stored[section.key] : section.key in seeds ? seeds[section.key] : section.initial()
  }
  return state as unknown as ControlState
}

/**
 * People who took part, as far as the server can tell from what it keeps: the members who
 * scored a compass round or placed a dot (presence is not stored, so silent observers of a
 * past workshop cannot be counted).
 */
export function countParticipants(control: ControlState): number {
  const members = new Set<string>()
  for (const round of control.compass.rounds) for (const id of Object.keys(round.scores)) members.add(id)
  for (const round of control.votes.rounds) for (const id of Object.keys(round.dots)) members.add(id)
  return members.size
}

/** The export document of a workshop, or null if it does not exist. */
export async function loadWorkshopExport(deps: WorkshopExportDeps, workshopId: string): Promise<ExportDocument | null> {
  const meta = await deps.storage.getWorkshop(workshopId)
  if (!meta) return null
  const [{ records, schema }, control] = await Promise.all([loadBoardRecords(deps.storage, workshopId), loadControlState(deps.storage, meta)])
  return buildExport({ meta, records, schema, control, participantCount: countParticipants(control), exportedAt: deps.clock.now() })
}
