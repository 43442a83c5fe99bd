import { useEffect, useRef } from 'react'
import { useT } from '../i18n/useT'
import { MessagePage } from './MessagePage'

/**
 * The server does not answer and this browser has no offline copy of the workshop. It
 * tries again by itself when the browser says the network is back (not on a timer: each
 * try briefly replaces the page, which would keep throwing a screen reader off it).
 */
export function ServerUnreachablePage({ onRetry }: { onRetry(): void }) {
  const t = useT()
  const retry = useRef(onRetry)
  useEffect(() => {
    retry.current = onRetry
  }, [onRetry])
  useEffect(() => {
    const again = () => retry.current()
    window.addEventListener('online', again)
    return () => window.removeEventListener('online', again)
  }, [])
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
    >
      <p className="cb-message__detail">{t('page.unreachable.offlineHint')}</p>
      <p className="cb-message__detail">{t('page.unreachable.auto')}</p>
    </MessagePage>
  )
}
