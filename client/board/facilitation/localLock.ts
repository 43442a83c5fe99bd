import { react, type Editor, type TLRecord } from 'tldraw'
import { isEditBlocked, type LockableRecord, type LockState } from '../../../shared/control/lock'
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
 *   tldraw's before-handlers, a shape created inside is removed, and a notice explains.
 * Never tldraw's own `isLocked`: that is a document prop, it would sync to everyone.
 */
export function bindLocalLock(editor: Editor, control: ControlClient, role: Role): () => void {
  if (role === 'facilitator' || !canEditBoard(role)) return () => {}
  const { signal: lockSignal, dispose } = controlSignal(control, 'lock')
  const lock = (): LockState => lockSignal.get() ?? { board: false, records: [] }
  const getRecord = (id: string) => editor.store.get(id as TLRecord['id']) as LockableRecord | undefined
  const blocked = (record: LockableRecord) => isEditBlocked(lock(), role, record, getRecord)
  const refused = () => useUiStore.getState().pushNotice({ key: 'facil.lock.refused' })

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
      if (source !== 'user' || (!blocked(prev) && !blocked(next))) return next
      refused()
      return prev
    }),
    editor.sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
      if (source !== 'user' || removing || !blocked(shape)) return
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
      if (source !== 'user' || removing || !blocked(binding)) return
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
