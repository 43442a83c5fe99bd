import { useState } from 'react'
import { useT } from '../../i18n/useT'
import { useBoardInfo } from '../boardContext'
import { pageLink } from '../export/workshopLink'
import { ShareDialog } from './ShareDialog'

/** The facilitator's « Partager » button in front of the canvas, opening the share dialog. */
export function ShareLayer() {
  const t = useT()
  const { role } = useBoardInfo()
  const [open, setOpen] = useState(false)
  const link = pageLink()
  if (role !== 'facilitator' || !link) return null
  return (
    <>
      <button
        type="button"
        className="cb-canvas-pill cb-share-button"
        data-testid="share-button"
        aria-haspopup="dialog"
        onClick={() => setOpen(true)}
        onPointerDown={(e) => e.stopPropagation()}
      >
        {t('share.open')}
      </button>
      {open && <ShareDialog workshopId={link.workshopId} token={link.token} onClose={() => setOpen(false)} />}
    </>
  )
}
