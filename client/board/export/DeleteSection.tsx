import { useRef, useState } from 'react'
import { useT } from '../../i18n/useT'
import { useControlPublic } from '../control/useControl'
import { deleteWorkshop } from './outcomeApi'
import { StatusLine } from './StatusLine'
import { useOutcomeStatus } from './useOutcomeStatus'

/**
 * Deleting the workshop, behind a confirmation dialog that says what goes. Once the server
 * has deleted it, it closes every open board with "workshop deleted": this page then shows
 * why, like everyone else's, and the browser's offline copy is dropped.
 */
export function DeleteSection({ workshopId, token }: { workshopId: string; token: string }) {
  const t = useT()
  const title = useControlPublic('meta')?.title ?? ''
  const dialog = useRef<HTMLDialogElement>(null)
  const [open, setOpen] = useState(false)
  const { status, busy, run } = useOutcomeStatus()

  const show = () => {
    setOpen(true)
    dialog.current?.showModal()
  }
  const close = () => {
    dialog.current?.close()
    setOpen(false)
  }
  const confirm = () =>
    void run(async () => {
      const done = await deleteWorkshop(workshopId, token)
      close()
      if (!done.ok) return { kind: 'error', text: t('export.error', { detail: done.message }) }
      return { kind: 'done', text: t('export.delete.done') }
    })

  return (
    <div className="cb-ex-group">
      <button
        type="button"
        className="cb-ex-button cb-ex-danger"
        onClick={show}
        disabled={busy}
        data-testid="delete-workshop"
      >
        {t('export.delete.open')}
      </button>
      <StatusLine status={status} />
      <dialog
        ref={dialog}
        className="cb-ex-dialog"
        aria-labelledby="cb-ex-delete-title"
        onClose={() => setOpen(false)}
        data-testid="delete-dialog"
      >
        {open && (
          <>
            <h2 id="cb-ex-delete-title">{t('export.delete.title', { title })}</h2>
            <p>{t('export.delete.body')}</p>
            <div className="cb-ex-buttons">
              <button type="button" className="cb-ex-button" onClick={close} autoFocus>
                {t('export.cancel')}
              </button>
              <button
                type="button"
                className="cb-ex-button cb-ex-danger cb-ex-danger--solid"
                onClick={confirm}
                disabled={busy}
                data-testid="delete-confirm"
              >
                {t('export.delete.confirm')}
              </button>
            </div>
          </>
        )}
      </dialog>
    </div>
  )
}
