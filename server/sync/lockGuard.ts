import {
  isEditBlocked,
  isRecordLocked,
  lockedRecordAncestors,
  type LockableRecord,
  type LockState,
} from '../../shared/control/lock'
import type { GuardContext, GuardVerdict } from './guard'
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
 *
 * A lock also covers what the locked record depends on (issue 14, « locks with holes »):
 * - its ancestors (frames, groups, its page): a participant may not delete them, nor move
 *   them (position, rotation, parent, size), or the locked card would vanish or move;
 * - its bindings: a binding to or from a locked shape is locked (`isRecordLocked`), so is
 *   the other binding of the same arrow (a link is both ends), and a
 *   shape cannot be deleted while it, or anything inside it, carries a locked binding
 *   (deleting an arrow deletes its bindings; deleting the card at the other end would
 *   leave the binding pointing at nothing).
 * And tldraw's own per-shape `isLocked` is the facilitator's alone: a participant can
 * neither set nor clear it on an existing shape (a shape may be created locked, as
 * inserted templates are).
 */
export function lockGuard(
  key: string,
  oldValue: unknown,
  newValue: unknown,
  actor: Actor,
  ctx: GuardContext,
): GuardVerdict {
  if (actor.role === 'facilitator') return 'accept'
  if (togglesTldrawLock(oldValue, newValue)) return 'revert'
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
  if (before?.typeName === 'binding' && isBindingHeld(lock, before, ctx)) return 'revert'
  if (before && before.typeName !== 'binding') {
    if (newValue === undefined) {
      if (lockedAncestors(lock, ctx).has(before.id)) return 'revert'
      if (holdsLockedBinding(lock, before.id, ctx)) return 'revert'
    } else if (movesOrResizes(oldValue, newValue) && lockedAncestors(lock, ctx).has(before.id)) {
      return 'revert'
    }
  }
  return 'accept'
}

/** Whether a change sets or clears tldraw's `isLocked` on an existing shape. */
function togglesTldrawLock(oldValue: unknown, newValue: unknown): boolean {
  if (!isObject(oldValue) || !isObject(newValue)) return false
  return oldValue.typeName === 'shape' && (oldValue.isLocked === true) !== (newValue.isLocked === true)
}

/** The fields that place a shape: a change to any of them moves what is inside it. */
function movesOrResizes(oldValue: unknown, newValue: unknown): boolean {
  if (!isObject(oldValue) || !isObject(newValue)) return true
  for (const field of ['x', 'y', 'rotation', 'parentId'] as const) if (oldValue[field] !== newValue[field]) return true
  const oldProps = isObject(oldValue.props) ? oldValue.props : {}
  const newProps = isObject(newValue.props) ? newValue.props : {}
  return oldProps.w !== newProps.w || oldProps.h !== newProps.h
}

/** Ancestors of locked records as the board was before the update: computed once per update. */
const ancestorsByUpdate = new WeakMap<GuardContext, ReadonlySet<string>>()
function lockedAncestors(lock: LockState, ctx: GuardContext): ReadonlySet<string> {
  let set = ancestorsByUpdate.get(ctx)
  if (!set) {
    set = lockedRecordAncestors(lock, (id) => lockable(ctx.recordBefore(id)))
    ancestorsByUpdate.set(ctx, set)
  }
  return set
}

/** Deepest subtree walked for locked bindings; a deeper (corrupt) tree counts as holding one. */
const MAX_SUBTREE = 100_000

/**
 * Whether a binding (as it was) is held by the lock: locked itself, or the other binding of
 * an arrow linked to a locked shape — a link is both its ends (« détient » needs both).
 */
function isBindingHeld(lock: LockState, binding: LockableRecord, ctx: GuardContext): boolean {
  const getBefore = (recordId: string) => lockable(ctx.recordBefore(recordId))
  if (isRecordLocked(lock, binding, getBefore)) return true
  if (binding.fromId === undefined) return false
  return ctx.bindingsBefore(binding.fromId).some((other) => {
    const record = lockable(other)
    return record !== undefined && record.fromId === binding.fromId && isRecordLocked(lock, record, getBefore)
  })
}

/** Whether `id` or anything inside it carries a binding the lock holds (as the board was before). */
function holdsLockedBinding(lock: LockState, id: string, ctx: GuardContext): boolean {
  const pending = [id]
  const seen = new Set<string>()
  while (pending.length > 0) {
    const current = pending.pop()!
    if (seen.has(current)) continue
    seen.add(current)
    if (seen.size > MAX_SUBTREE) return true
    for (const binding of ctx.bindingsBefore(current)) {
      const record = lockable(binding)
      if (record && isBindingHeld(lock, record, ctx)) return true
    }
    pending.push(...ctx.childrenBefore(current))
  }
  return false
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null
}

/** The fields the lock reads, from a raw stored value; undefined when it is not a record. */
function lockable(value: unknown): LockableRecord | undefined {
  if (!isObject(value)) return undefined
  const r = value
  if (typeof r.id !== 'string' || typeof r.typeName !== 'string') return undefined
  return {
    id: r.id,
    typeName: r.typeName,
    parentId: typeof r.parentId === 'string' ? r.parentId : undefined,
    fromId: typeof r.fromId === 'string' ? r.fromId : undefined,
    toId: typeof r.toId === 'string' ? r.toId : undefined,
  }
}
