import { useEditor, useValue, type TLRecord } from 'tldraw'
import { isEditBlocked, type LockableRecord } from '../../../shared/control/lock'
import { canEditBoard } from '../../../shared/protocol'
import { useBoardInfo } from '../boardContext'
import { useControlPublic } from '../control/useControl'

/** Why this person cannot edit a card now: the whole board is locked, or the card (or a frame around it) is. */
export type CardLockReason = 'board' | 'card' | null

/**
 * The facilitator's lock as it applies to one card for this person (facilitators are never
 * locked out; viewers are read-only anyway). The fields of a locked card are disabled and
 * say why, so nothing typed is refused afterwards without a word.
 */
export function useCardLock(cardId: string): CardLockReason {
  const editor = useEditor()
  const { role } = useBoardInfo()
  const lock = useControlPublic('lock')
  return useValue(
    'card lock',
    () => {
      if (!lock || role === 'facilitator' || !canEditBoard(role)) return null
      if (lock.board) return 'board'
      const record = editor.store.get(cardId as TLRecord['id']) as LockableRecord | undefined
      if (!record) return null
      return isEditBlocked(
        lock,
        role,
        record,
        (id) => editor.store.get(id as TLRecord['id']) as LockableRecord | undefined,
      )
        ? 'card'
        : null
    },
    [editor, lock, role, cardId],
  )
}
