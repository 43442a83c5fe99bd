import { z } from 'zod'
import type { Role } from '../protocol'
import { accept, type CommandContext, type CommandResult, type ControlSection } from './section'
import { refuserOf } from './refusals'

/**
 * Board lock: the whole board, or chosen frames and shapes (with everything inside them).
 * The server enforces it on participants' document updates with `isRecordLocked`; the
 * client uses the same function to grey out what cannot move. Facilitators are never
 * blocked (`isEditBlocked`).
 */

/** Ids per lock/unlock command. */
export const MAX_LOCK_IDS_PER_COMMAND = 1_000
/** Ids locked at once: bounds the persisted state even if locked records are deleted. */
export const MAX_LOCKED_RECORDS = 10_000

export interface LockState {
  board: boolean
  /** Locked record ids, sorted and unique (a list, not a Set: persisted as JSON). */
  records: string[]
}

const recordIdSchema = z.string().regex(/^(shape|page):\S{1,120}$/, 'record ids must be shape or page ids ("shape:…")')
const idsSchema = z
  .array(recordIdSchema)
  .min(1, 'ids must not be empty')
  .max(MAX_LOCK_IDS_PER_COMMAND, `at most ${MAX_LOCK_IDS_PER_COMMAND} ids per command`)

export const lockCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('lock.setBoard'), locked: z.boolean() }),
  z.object({ type: z.literal('lock.lockRecords'), ids: idsSchema }),
  z.object({ type: z.literal('lock.unlockRecords'), ids: idsSchema }),
  z.object({ type: z.literal('lock.unlockAll') }),
])
export type LockCommand = z.infer<typeof lockCommandSchema>

/** Nothing hidden: everyone sees what is locked. */
export type LockPublicView = LockState

/** The fields of a tldraw record the lock looks at (shapes, pages, bindings). */
export interface LockableRecord {
  id: string
  typeName: string
  /** Shapes: their page or parent shape. */
  parentId?: string
  /** Bindings: the arrow they belong to. */
  fromId?: string
  /** Bindings: the shape the arrow points at. */
  toId?: string
}

// The server checks every record of every participant update: build each Set once per
// lock state (states are never mutated, so the array identity is a safe cache key).
const lockedSets = new WeakMap<readonly string[], ReadonlySet<string>>()
function lockedSet(records: readonly string[]): ReadonlySet<string> {
  let set = lockedSets.get(records)
  if (!set) {
    set = new Set(records)
    lockedSets.set(records, set)
  }
  return set
}

/** Parent chains longer than this are treated as corrupt (a cycle) and therefore locked. */
const MAX_DEPTH = 1_000

/**
 * Whether `record` is locked for participants: the board is locked, or the record or any
 * ancestor (through `parentId`) is locked. A binding is locked when either of its ends is
 * (the arrow, `fromId`, or the shape it points at, `toId`): a link to a locked card belongs
 * to the card. Pass the record as it is before a change (for updates and deletes) and as
 * it would be after (for creations and moves), so nothing slips into or out of a locked
 * frame.
 */
export function isRecordLocked(
  lock: LockState,
  record: LockableRecord,
  getRecord: (id: string) => LockableRecord | undefined,
): boolean {
  if (lock.board) return true
  if (lock.records.length === 0) return false
  const locked = lockedSet(lock.records)
  if (record.typeName === 'binding') {
    return [record.fromId, record.toId].some(
      (end) => end !== undefined && (locked.has(end) || isUnderLock(locked, getRecord(end), getRecord)),
    )
  }
  return isUnderLock(locked, record, getRecord)
}

/** Whether `record` or one of its ancestors is in `locked`. */
function isUnderLock(
  locked: ReadonlySet<string>,
  record: LockableRecord | undefined,
  getRecord: (id: string) => LockableRecord | undefined,
): boolean {
  let current = record
  for (let depth = 0; current; depth++) {
    if (depth > MAX_DEPTH) return true
    if (locked.has(current.id)) return true
    const parentId: string | undefined = current.parentId
    if (parentId === undefined) return false
    if (locked.has(parentId)) return true
    current = getRecord(parentId)
  }
  return false
}

/**
 * The records a locked record depends on: every ancestor of a locked record (its frames,
 * groups and page), as `getRecord` reads the parent chains. A participant may not delete
 * or move them (the locked record would vanish or move with them). A parent chain longer
 * than `MAX_DEPTH` is corrupt and simply cut there.
 */
export function lockedRecordAncestors(
  lock: LockState,
  getRecord: (id: string) => LockableRecord | undefined,
): ReadonlySet<string> {
  const ancestors = new Set<string>()
  for (const id of lock.records) {
    let parentId = getRecord(id)?.parentId
    for (let depth = 0; parentId !== undefined && depth <= MAX_DEPTH && !ancestors.has(parentId); depth++) {
      ancestors.add(parentId)
      parentId = getRecord(parentId)?.parentId
    }
  }
  return ancestors
}

/** Whether the lock stops this role from changing `record`: facilitators are never blocked. */
export function isEditBlocked(
  lock: LockState,
  role: Role,
  record: LockableRecord,
  getRecord: (id: string) => LockableRecord | undefined,
): boolean {
  if (role === 'facilitator') return false
  return isRecordLocked(lock, record, getRecord)
}

/** Why a lock command may be refused (codes and the values their texts show). */
export const LOCK_REFUSALS = {
  'unknown-record': ['id'],
  'too-many-locked': ['max'],
} as const
const refuse = refuserOf(LOCK_REFUSALS)

function applyLock(
  state: LockState,
  command: LockCommand,
  ctx: CommandContext,
): CommandResult<LockState, typeof LOCK_REFUSALS> {
  switch (command.type) {
    case 'lock.setBoard':
      return accept({ ...state, board: command.locked })
    case 'lock.lockRecords': {
      const unknown = ctx.hasRecord ? command.ids.find((id) => !ctx.hasRecord?.(id)) : undefined
      if (unknown !== undefined) return refuse('unknown-record', { id: unknown })
      const records = [...new Set([...state.records, ...command.ids])].sort()
      if (records.length > MAX_LOCKED_RECORDS) return refuse('too-many-locked', { max: MAX_LOCKED_RECORDS })
      return accept({ ...state, records })
    }
    case 'lock.unlockRecords': {
      const unlocking = new Set(command.ids)
      return accept({ ...state, records: state.records.filter((id) => !unlocking.has(id)) })
    }
    case 'lock.unlockAll':
      return accept({ ...state, records: [] })
  }
}

/** The `lock` control section: facilitators only. */
export const lockSection = {
  key: 'lock',
  initial: (): LockState => ({ board: false, records: [] }),
  commandSchema: lockCommandSchema,
  allowedRoles: (): readonly Role[] => ['facilitator'],
  refusals: LOCK_REFUSALS,
  apply: applyLock,
  publicView: (state: LockState): LockPublicView => state,
  memberView: (): null => null,
} satisfies ControlSection<LockState, LockCommand, typeof LOCK_REFUSALS>
