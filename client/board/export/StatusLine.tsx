import { useT } from '../../i18n/useT'
import type { OutcomeStatus } from './useOutcomeStatus'

/** What the last action did, read out by screen readers (a polite live region). */
export function StatusLine({ status }: { status: OutcomeStatus }) {
  const t = useT()
  const text =
    status.kind === 'busy' ? t('export.working') : status.kind === 'done' || status.kind === 'error' ? status.text : ''
  return (
    <p
      className={`cb-ex-status${status.kind === 'error' ? ' cb-ex-status--error' : ''}`}
      role="status"
      aria-live="polite"
      data-testid="export-status"
    >
      {text}
    </p>
  )
}
