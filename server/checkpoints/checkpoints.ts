import { randomBytes } from 'node:crypto'
import type { Logger } from 'pino'
import * as Y from 'yjs'
import type { Role } from '../../shared/protocol'
import type { WorkshopMeta } from '../../shared/workshop'
import type { Clock } from '../clock'
import { docFromState, readBoard, replaceBoardMutable } from '../export/boardDoc'
import { encodeBoardNow, readControl } from '../export/workshopState'
import type { CheckpointInfo, CheckpointStore, StoredCheckpoint } from '../storage/checkpoints/port'
import type { ControlStore } from '../storage/controlState/port'
import type { DocumentLog } from '../storage/documentLog/port'
import type { Connection } from '../sync/Connection'
import type { Rooms } from '../sync/Rooms'

/**
 * Checkpoints: a facilitator saves the board under a name at any time and restores any
 * checkpoint later. A restore first saves the board as it is in an automatic checkpoint
 * ("Avant restauration de « … »"), so restoring that one undoes the restore.
 *
 * A restore goes through the workshop's room (loading it if nobody is connected, so no
 * room can load a stale copy meanwhile) and writes, in one transaction with
 * `Origin.import`, only the records that differ: connected clients apply it like any
 * remote change and converge without reloading. It restores the board; the control state
 * (scores, votes, agenda, timer) is people's own input and stays as it is live — the
 * checkpoint keeps a copy of it for the record.
 */

/** Checkpoints per workshop; the oldest automatic ones make room for new automatic ones. */
export const MAX_CHECKPOINTS = 100
export const MAX_CHECKPOINT_NAME = 100

export interface CheckpointDeps {
  /** Checkpoints, and what one saves: the board (when no room holds it) and the control state. */
  storage: CheckpointStore & DocumentLog & ControlStore
  rooms: Rooms
  clock: Clock
  log: Logger
}

/** A refusal with the HTTP status that says it. */
export class CheckpointError extends Error {
  constructor(
    readonly status: 404 | 409 | 503,
    message: string,
  ) {
    super(message)
    this.name = 'CheckpointError'
  }
}

/** 16 base64url characters (96 random bits). */
export function newCheckpointId(): string {
  return randomBytes(12).toString('base64url')
}
export const CHECKPOINT_ID = /^[A-Za-z0-9_-]{16}$/

/** The name of the checkpoint a restore takes first, in the workshop's language. */
export function beforeRestoreName(meta: WorkshopMeta, restoredName: string): string {
  const name = restoredName.length > 60 ? `${restoredName.slice(0, 59)}…` : restoredName
  return meta.locale === 'en' ? `Before restoring “${name}”` : `Avant restauration de «\u202f${name}\u202f»`
}

/** What the list shows: everything but the workshop id. */
export function publicInfo(c: CheckpointInfo): Omit<CheckpointInfo, 'workshopId'> {
  return { id: c.id, name: c.name, author: c.author, createdAt: c.createdAt, automatic: c.automatic }
}

/**
 * Keeps the count under `MAX_CHECKPOINTS` before one more is saved: a person's checkpoint
 * is refused at the limit; an automatic one drops the oldest automatic ones instead.
 */
async function makeRoom(deps: CheckpointDeps, meta: WorkshopMeta, automatic: boolean): Promise<void> {
  const list = await deps.storage.listCheckpoints(meta.id)
  const excess = list.length - (MAX_CHECKPOINTS - 1)
  if (excess <= 0) return
  const automatics = list.filter((c) => c.automatic)
  if (!automatic || automatics.length < excess) {
    throw new CheckpointError(409, `a workshop keeps at most ${MAX_CHECKPOINTS} checkpoints: delete some first`)
  }
  // The list is newest first: the oldest automatic ones are at its end.
  for (const c of automatics.slice(-excess)) await deps.storage.deleteCheckpoint(meta.id, c.id)
}

/** Saves the board as it is now under `name`. */
export async function saveCheckpoint(
  deps: CheckpointDeps,
  meta: WorkshopMeta,
  input: { name: string; author: string },
): Promise<CheckpointInfo> {
  await makeRoom(deps, meta, false)
  const [docState, control] = await Promise.all([encodeBoardNow(deps, meta.id), readControl(deps.storage, meta)])
  const checkpoint: StoredCheckpoint = {
    id: newCheckpointId(),
    workshopId: meta.id,
    name: input.name,
    author: input.author,
    createdAt: deps.clock.now(),
    automatic: false,
    docState,
    control: { ...control },
  }
  await deps.storage.saveCheckpoint(checkpoint)
  return checkpoint
}

/** A connection the server holds while it writes into a room on a facilitator's behalf. */
class ServerHand implements Connection {
  readonly role: Role = 'facilitator'
  readonly memberId = 'server:checkpoints'
  send(): void {}
  close(): void {}
}

/**
 * Restores a checkpoint into the live board. Resolves with the restored checkpoint and the
 * automatic one taken just before, once the change is saved.
 */
export async function restoreCheckpoint(
  deps: CheckpointDeps,
  meta: WorkshopMeta,
  checkpointId: string,
  author: string,
): Promise<{ restored: CheckpointInfo; before: CheckpointInfo }> {
  const target = await deps.storage.getCheckpoint(meta.id, checkpointId)
  if (!target) throw new CheckpointError(404, 'checkpoint not found')
  const targetDoc = docFromState(target.docState)
  const board = readBoard(targetDoc)
  targetDoc.destroy()
  await makeRoom(deps, meta, true)

  const hand = new ServerHand()
  const room = deps.rooms.join(meta.id, hand)
  try {
    await room.loaded
    if (room.isClosed()) throw new CheckpointError(503, 'the board is not available; try again')
    const before: StoredCheckpoint = {
      id: newCheckpointId(),
      workshopId: meta.id,
      name: beforeRestoreName(meta, target.name),
      author,
      createdAt: deps.clock.now(),
      automatic: true,
      docState: Y.encodeStateAsUpdate(room.doc),
      control: { ...(await readControl(deps.storage, meta)) },
    }
    await deps.storage.saveCheckpoint(before)
    if (room.isClosed()) throw new CheckpointError(503, 'the board is not available; try again')
    // Diff and write in the same tick: nothing can land in between. (A change that came
    // while the automatic checkpoint was being saved is replaced like the rest; with the
    // embedded SQLite the save completes within the tick, so there is no such window.)
    const changed = replaceBoardMutable(room.doc, board)
    await room.whenIdle()
    deps.log.info({ workshopId: meta.id, checkpointId, changed }, 'checkpoint restored')
    return { restored: target, before }
  } finally {
    deps.rooms.leave(room, hand)
  }
}
