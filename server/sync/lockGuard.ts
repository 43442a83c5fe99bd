import { isEditBlocked, type LockableRecord, type LockState } from '../../shared/control/lock'
import type { GuardContext, GuardVerdict } from './recordGuard'
import type { Actor } from '../../shared/control/section'

/**
 * The board lock, enforced where no client can get around it: a participant's change to a
 * locked record is reverted by the room (a compensating server write), whatever their
 * client shows or sends. Facilitators are never blocked; viewers never reach this point
 * (their updates are dropped before).
 *
 * A change is refused when the record is locked as it was (editing, moving out of or
 * deleting something locked) or as it would be (creating inside a locked frame, moving
 * something into one). Ancestors are read on the same side of the change, so deleting a
 * locked frame together with its children is refused child by child too.
 */
export function lockGuard(key: string, oldValue: unknown, newValue: unknown, actor: Actor, ctx: GuardContext): GuardVerdict {
  if (actor.role === 'facilitator') return 'accept'
  const lock = ctx.controlState('lock') as LockState | undefined
  if (!lock || (!lock.board && lock.records.length === 0)) return 'accept'
  if (lock.board) return 'revert'
  const before = lockable(oldValue)
  if (before && isEditBlocked(lock, actor.role, before, (id) => lockable(ctx.recordBefore(id)))) return 'revert'
  const after = lockable(newValue)
  if (after && isEditBlocked(lock, actor.role, after, (id) => lockable(ctx.recordAfter(id)))) return 'revert'
  // A key that is not a record (garbage the document guard lets through, if any) is
  // locked by its own id only.
  if (!before && !after && lock.records.includes(key)) return 'revert'
  return 'accept'
}

/** The fields the lock reads, from a raw stored value; undefined when it is not a record. */
function lockable(value: unknown): LockableRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const r = value as Record<string, unknown>
  if (typeof r.id !== 'string' || typeof r.typeName !== 'string') return undefined
  return {
    id: r.id,
    typeName: r.typeName,
    parentId: typeof r.parentId === 'string' ? r.parentId : undefined,
    fromId: typeof r.fromId === 'string' ? r.fromId : undefined,
  }
}
