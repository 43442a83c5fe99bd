import { useState, type ReactNode } from 'react'
import { useT } from '../../i18n/useT'
import { useBoardInfo } from '../boardContext'
import { CheckpointSection } from './CheckpointSection'
import { DeleteSection } from './DeleteSection'
import { DownloadSection } from './DownloadSection'
import { ImportSection } from './ImportSection'
import { pageLink } from './workshopLink'

function Section({ id, title, children, open = false }: { id: string; title: string; children: ReactNode; open?: boolean }) {
  return (
    <details className="cb-ex-section" open={open} data-testid={`export-${id}`}>
      <summary>{title}</summary>
      <div className="cb-ex-section__body">{children}</div>
    </details>
  )
}

/**
 * The facilitator's outcomes panel: downloads and images, checkpoints, import of a backup,
 * deletion of the workshop. Facilitators only (the server refuses everyone else anyway).
 */
export function OutcomePanel() {
  const t = useT()
  const { role } = useBoardInfo()
  const [open, setOpen] = useState(false)
  const link = pageLink()
  if (role !== 'facilitator' || !link) return null
  return (
    <aside className="cb-ex-panel" aria-labelledby="cb-export-title" data-testid="export-panel">
      <div className="cb-ex-panel__header">
        <h2 id="cb-export-title">{t('export.panel.title')}</h2>
        <button
          type="button"
          className="cb-ex-button cb-ex-button--quiet cb-ex-button--small"
          aria-expanded={open}
          aria-controls="cb-export-body"
          aria-label={open ? t('export.panel.collapse') : t('export.panel.expand')}
          onClick={() => setOpen(!open)}
          data-testid="export-toggle"
        >
          {open ? '−' : '+'}
        </button>
      </div>
      {open && (
        <div id="cb-export-body">
          <Section id="downloads" title={t('export.section.downloads')} open>
            <DownloadSection workshopId={link.workshopId} token={link.token} />
          </Section>
          <Section id="checkpoints-section" title={t('export.section.checkpoints')}>
            <CheckpointSection workshopId={link.workshopId} token={link.token} />
          </Section>
          <Section id="import" title={t('export.section.import')}>
            <ImportSection />
          </Section>
          <Section id="delete" title={t('export.section.delete')}>
            <DeleteSection workshopId={link.workshopId} token={link.token} />
          </Section>
        </div>
      )}
    </aside>
  )
}
