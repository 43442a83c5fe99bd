import { useEditor, useValue } from 'tldraw'
import { useT } from '../../i18n/useT'
import { useControlPublic } from '../control/useControl'
import { useCommand } from '../control/useCommand'

/** Lock the whole board, or the selected frames and shapes (with what is inside), for participants. */
export function LockControls() {
  const t = useT()
  const editor = useEditor()
  const run = useCommand()
  const lock = useControlPublic('lock')
  const selected = useValue('selected ids', () => editor.getSelectedShapeIds(), [editor])
  const lockedSet = new Set(lock?.records ?? [])
  const selectedLocked = selected.filter((id) => lockedSet.has(id))
  const board = lock?.board ?? false

  return (
    <div className="cb-fp-lock">
      <label className="cb-fp-check">
        <input
          type="checkbox"
          checked={board}
          onChange={(e) => void run({ type: 'lock.setBoard', locked: e.target.checked })}
        />
        {t('facil.lock.board')}
      </label>
      <div className="cb-fp-actions">
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          disabled={selected.length === 0 || selectedLocked.length === selected.length}
          onClick={() => void run({ type: 'lock.lockRecords', ids: selected.slice(0, 1000) })}
        >
          {t('facil.lock.selection', { count: selected.length })}
        </button>
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          disabled={selectedLocked.length === 0}
          onClick={() => void run({ type: 'lock.unlockRecords', ids: selectedLocked.slice(0, 1000) })}
        >
          {t('facil.lock.unlockSelection')}
        </button>
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          disabled={!board && lockedSet.size === 0}
          onClick={async () => {
            if (board) await run({ type: 'lock.setBoard', locked: false })
            if (lockedSet.size > 0) await run({ type: 'lock.unlockAll' })
          }}
        >
          {t('facil.lock.unlockAll')}
        </button>
      </div>
      <p className="cb-fp-hint" role="status">
        {t('facil.lock.count', { count: lockedSet.size })}
      </p>
    </div>
  )
}
