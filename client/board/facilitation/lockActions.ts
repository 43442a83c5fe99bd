import type { Editor, TLUiActionItem, TLUiOverrides } from 'tldraw'
import { MAX_LOCK_IDS_PER_COMMAND, type LockState } from '../../../shared/control/lock'
import type { Role } from '../../../shared/protocol'
import type { ControlClient } from '../control/controlClient'
import { sendCommand } from '../control/useCommand'

/**
 * tldraw's own lock (Shift+L, « Verrouiller / Déverrouiller » in the context menu, « Tout
 * déverrouiller » in the menu) writes `isLocked` into the shared document: open to anyone,
 * it was a second lock beside the facilitator's, which any participant could undo. The
 * server refuses a participant's `isLocked` change (server/sync/lockGuard.ts); here:
 * - participants do not get the two actions at all (no menu entry, no shortcut);
 * - for a facilitator they drive our lock, the one participants cannot get around:
 *   « Verrouiller » locks the selection (or unlocks it when all of it is locked already),
 *   « Tout déverrouiller » unlocks the board and every locked record. Shapes still carrying
 *   tldraw's `isLocked` (an older board, a template's areas) are unlocked the tldraw way.
 */
export function lockActionOverrides(role: Role, control: ControlClient): TLUiOverrides {
  return {
    actions(editor, actions) {
      const toggle = actions['toggle-lock']
      const unlockAll = actions['unlock-all']
      if (role !== 'facilitator') {
        delete actions['toggle-lock']
        delete actions['unlock-all']
        return actions
      }
      if (toggle)
        actions['toggle-lock'] = { ...toggle, onSelect: (source) => toggleLock(editor, control, toggle, source) }
      if (unlockAll)
        actions['unlock-all'] = {
          ...unlockAll,
          onSelect: (source) => unlockEverything(editor, control, unlockAll, source),
        }
      return actions
    },
  }
}

type Source = Parameters<TLUiActionItem['onSelect']>[0]

function lockOf(control: ControlClient): LockState {
  return control.getPublic('lock') ?? { board: false, records: [] }
}

async function toggleLock(
  editor: Editor,
  control: ControlClient,
  tldrawToggle: TLUiActionItem,
  source: Source,
): Promise<void> {
  const selected = editor.getSelectedShapes()
  if (selected.length === 0) return
  // A shape locked the tldraw way (reachable through the context menu): unlocked that way.
  if (selected.some((shape) => shape.isLocked)) return tldrawToggle.onSelect(source)
  const locked = new Set(lockOf(control).records)
  const ids = selected.map((shape) => shape.id).slice(0, MAX_LOCK_IDS_PER_COMMAND)
  const type = ids.every((id) => locked.has(id)) ? 'lock.unlockRecords' : 'lock.lockRecords'
  await sendCommand(control, { type, ids })
}

async function unlockEverything(
  editor: Editor,
  control: ControlClient,
  tldrawUnlockAll: TLUiActionItem,
  source: Source,
): Promise<void> {
  const lock = lockOf(control)
  if (lock.board) await sendCommand(control, { type: 'lock.setBoard', locked: false })
  if (lock.records.length > 0) await sendCommand(control, { type: 'lock.unlockAll' })
  if (editor.getCurrentPageShapes().some((shape) => shape.isLocked)) await tldrawUnlockAll.onSelect(source)
}
