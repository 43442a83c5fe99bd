import { react, type Editor, type TLBinding, type TLRecord, type TLShape } from 'tldraw'
import { isEditBlocked, lockedRecordAncestors, type LockableRecord, type LockState } from '../../../shared/control/lock'
import { canEditBoard, type Role } from '../../../shared/protocol'
import type { ControlClient } from '../control/controlClient'
import { useUiStore } from '../../state/uiStore'
import { controlSignal } from './controlSignal'

/**
 * The lock on a participant's screen. The server is the one that enforces it (lockGuard
 * reverts any change to a locked record); this keeps people from making edits that would
 * be reverted a moment later, and says why:
 * - whole board locked: tldraw goes read-only (they can still look around, score, vote);
 * - locked frames and shapes: user changes to them (or to what is inside) are refused in
 *   tldraw's before-handlers, a shape created inside is removed, and a notice explains;
 *   so are deleting or moving their frames and page, and unlinking them (their arrows'
 *   bindings, the arrows carrying them), as the server refuses them.
 * Never tldraw's own `isLocked`: that is a document prop, it would sync to everyone (its
 * actions are the facilitator's, mapped onto this lock: lockActions.ts).
 */
export function bindLocalLock(editor: Editor, control: ControlClient, role: Role): () => void {
  if (role === 'facilitator' || !canEditBoard(role)) return () => {}
  const { signal: lockSignal, dispose } = controlSignal(control, 'lock')
  const lock = (): LockState => lockSignal.get() ?? { board: false, records: [] }
  const getRecord = (id: string) => editor.store.get(id as TLRecord['id']) as LockableRecord | undefined
  const blocked = (record: LockableRecord) => isEditBlocked(lock(), role, record, getRecord)
  const refused = () => useUiStore.getState().pushNotice({ key: 'facil.lock.refused' })
  // What a locked shape depends on, as the server holds it (server/sync/lockGuard.ts): its
  // frames and page are not deleted or moved, its links (both bindings of the arrow) stay.
  const isLockedAncestor = (id: string) => lock().records.length > 0 && lockedRecordAncestors(lock(), getRecord).has(id)
  const bindingHeld = (binding: TLBinding) =>
    blocked(binding) || editor.getBindingsFromShape(binding.fromId, binding.type).some((other) => blocked(other))
  const carriesHeldBinding = (shape: TLShape) =>
    [...editor.getShapeAndDescendantIds([shape.id])].some((id) =>
      editor.getBindingsInvolvingShape(id).some(bindingHeld),
    )

  // Whole-board lock: read-only while it lasts, editable again after (a participant's board
  // is otherwise editable: viewers and outdated clients never reach this).
  let readOnlyByLock = false
  const stopBoard = react('board lock', () => {
    const locked = lock().board
    if (locked === readOnlyByLock) return
    readOnlyByLock = locked
    queueMicrotask(() => editor.updateInstanceState({ isReadonly: locked }))
  })

  let removing = false
  const cleanups = [
    editor.sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
      if (source !== 'user') return next
      if (!blocked(prev) && !blocked(next) && !(movesOrResizes(prev, next) && isLockedAncestor(prev.id))) return next
      refused()
      return prev
    }),
    editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
      if (source !== 'user' || removing) return
      if (!blocked(shape) && !isLockedAncestor(shape.id) && !carriesHeldBinding(shape)) return
      refused()
      return false
    }),
    editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
      if (source !== 'user' || !blocked(shape)) return
      refused()
      removing = true
      try {
        editor.deleteShapes([shape.id])
      } finally {
        removing = false
      }
    }),
    editor.sideEffects.registerBeforeChangeHandler('binding', (prev, next, source) => {
      if (source !== 'user' || (!blocked(prev) && !blocked(next))) return next
      return prev
    }),
    editor.sideEffects.registerBeforeDeleteHandler('binding', (binding, source) => {
      if (source !== 'user' || removing || !bindingHeld(binding)) return
      return false
    }),
  ]

  return () => {
    for (const cleanup of cleanups) cleanup()
    stopBoard()
    if (readOnlyByLock) editor.updateInstanceState({ isReadonly: false })
    dispose()
  }
}

/** A change to where a shape is or how big: what is inside it moves or is cut with it. */
function movesOrResizes(prev: TLShape, next: TLShape): boolean {
  if (prev.x !== next.x || prev.y !== next.y || prev.rotation !== next.rotation || prev.parentId !== next.parentId)
    return true
  const a = prev.props as { w?: unknown; h?: unknown }
  const b = next.props as { w?: unknown; h?: unknown }
  return a.w !== b.w || a.h !== b.h
}
