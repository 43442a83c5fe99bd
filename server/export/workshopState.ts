import * as Y from 'yjs'
import type { ControlState } from '../../shared/control/index'
import type { ExportInput } from '../../shared/export'
import type { WorkshopMeta } from '../../shared/workshop'
import { seedsFromWorkshop } from '../control/sections'
import type { SheetState } from '../../shared/control/sheet'
import { currentWorkshopSheet } from '../spaces/workshopSheets'
import type { ControlStore } from '../storage/controlState/port'
import type { DocumentLog } from '../storage/documentLog/port'
import type { SpaceStore } from '../storage/spaces/port'
import type { StateReader } from '../storage/Storage'
import type { WorkshopStore } from '../storage/workshops/port'
import type { Room } from '../sync/Room'
import type { Rooms } from '../sync/Rooms'
import { docFromStored, readBoard, type BoardContent } from './boardDoc'

/**
 * A workshop as it is now, for exports and checkpoints: the board from its live room when
 * one is loaded (the freshest: what clients sent and the room accepted, saved first), from
 * storage otherwise; the control state from storage (the hub saves a change before it
 * applies it, so storage is never behind), each section missing from storage taken as the
 * room would start it. Exports read both from storage at one moment (`exportInputFor`).
 */

/** What reading the board now needs: the live rooms, else the document log. */
export interface BoardNowDeps {
  storage: DocumentLog
  rooms: Rooms
}

/** What an export's input needs: board and control at one moment, the participants, the coalitions' sheets. */
export interface WorkshopStateDeps {
  storage: StateReader & WorkshopStore & SpaceStore
  rooms: Rooms
}

/** The workshop's loaded room, once ready and with everything it accepted saved; else null. */
export async function liveRoom(rooms: Rooms, workshopId: string): Promise<Room | null> {
  const room = rooms.get(workshopId)
  if (!room || room.isClosed()) return null
  await room.loaded
  if (room.isClosed()) return null
  await room.whenIdle()
  return room.isClosed() ? null : room
}

/** The board's records and schema now. */
export async function readBoardNow(deps: BoardNowDeps, workshopId: string): Promise<BoardContent> {
  const room = await liveRoom(deps.rooms, workshopId)
  if (room) return readBoard(room.doc)
  const doc = docFromStored(await deps.storage.loadDoc(workshopId))
  const board = readBoard(doc)
  doc.destroy()
  return board
}

/** The board document now, as one encoded state (a checkpoint's content). */
export async function encodeBoardNow(deps: BoardNowDeps, workshopId: string): Promise<Uint8Array> {
  const room = await liveRoom(deps.rooms, workshopId)
  if (room) return Y.encodeStateAsUpdate(room.doc)
  const stored = await deps.storage.loadDoc(workshopId)
  const parts = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]
  // An empty document still encodes as a valid (empty) state.
  return parts.length > 0 ? Y.mergeUpdates(parts) : Y.encodeStateAsUpdate(new Y.Doc())
}

/** Every section's state: stored, else as a room would seed it for this workshop. */
export async function readControl(storage: ControlStore, meta: WorkshopMeta): Promise<ControlState> {
  const stored = await storage.loadControl(meta.id)
  const seeds = seedsFromWorkshop(meta)
  const state: Record<string, unknown> = {}
  for (const key of Object.keys(seeds)) state[key] = key in stored ? stored[key] : seeds[key]
  return state as unknown as ControlState
}

/**
 * What `buildExport` needs, read now: the board and the control state from storage as of
 * one moment (`loadState`), after this server's room (if any) has saved what it accepted —
 * so two servers holding the same workshop export the same thing, and an export never
 * pairs a board with control state from another moment.
 */
export async function exportInputFor(deps: WorkshopStateDeps, meta: WorkshopMeta, now: number): Promise<ExportInput> {
  await liveRoom(deps.rooms, meta.id)
  const [state, participantCount] = await Promise.all([
    deps.storage.loadState(meta.id),
    deps.storage.countParticipants(meta.id),
  ])
  const doc = docFromStored(state.doc)
  const board = readBoard(doc)
  doc.destroy()
  const seeds = seedsFromWorkshop(meta)
  const control: Record<string, unknown> = {}
  for (const key of Object.keys(seeds)) control[key] = key in state.control ? state.control[key] : seeds[key]
  control.sheet = await currentWorkshopSheet(deps.storage, meta.id, control.sheet as SheetState)
  return {
    meta,
    records: board.records,
    schema: board.schema,
    control: control as unknown as ControlState,
    participantCount,
    exportedAt: now,
  }
}
