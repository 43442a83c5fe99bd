import type { ReactNode } from 'react'
import { useT } from '../../i18n/useT'
import { useBoardInfo } from '../boardContext'
import { SidePanel } from '../SidePanel'
import { CheckpointSection } from './CheckpointSection'
import { DeleteSection } from './DeleteSection'
import { DownloadSection } from './DownloadSection'
import { ImportSection } from './ImportSection'
import { LinkSection } from './LinkSection'
import { pageLink } from './workshopLink'

function Section({
  id,
  title,
  children,
  open = false,
}: {
  id: string
  title: string
  children: ReactNode
  open?: boolean
}) {
  return (
    <details className="cb-ex-section" open={open} data-testid={`export-${id}`}>
      <summary>{title}</summary>
      <div className="cb-ex-section__body">{children}</div>
    </details>
  )
}

/**
 * The facilitator's outcomes panel: downloads and images, this role's link to copy again,
 * checkpoints, import of a backup,
 * deletion of the workshop. Facilitators only (the server refuses everyone else anyway).
 */
export function OutcomePanel() {
  const t = useT()
  const { role } = useBoardInfo()
  const link = pageLink()
  if (role !== 'facilitator' || !link) return null
  return (
    <SidePanel id="outcome" title={t('export.panel.title')} testId="export-panel">
      <Section id="downloads" title={t('export.section.downloads')} open>
        <DownloadSection workshopId={link.workshopId} token={link.token} />
      </Section>
      <Section id="link" title={t('export.section.link')}>
        <LinkSection workshopId={link.workshopId} token={link.token} />
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
    </SidePanel>
  )
}
