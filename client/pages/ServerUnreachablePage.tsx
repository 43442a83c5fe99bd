import { useT } from '../i18n/useT'
import { MessagePage } from './MessagePage'

/** The server does not answer and this browser has no offline copy of the workshop. */
export function ServerUnreachablePage({ onRetry }: { onRetry(): void }) {
  const t = useT()
  return (
    <MessagePage
      testId="server-unreachable"
      title={t('page.unreachable.title')}
      body={t('page.unreachable.body')}
      actions={
        <button type="button" className="cb-button" onClick={onRetry}>
          {t('page.retry')}
        </button>
      }
    />
  )
}
