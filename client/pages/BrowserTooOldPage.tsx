import { useT } from '../i18n/useT'
import { MessagePage } from './MessagePage'

/** The browser lacks what the board needs (see `browserSupport.ts`): say which, and what to use. */
export function BrowserTooOldPage({ missing }: { missing: readonly string[] }) {
  const t = useT()
  return (
    <MessagePage testId="browser-too-old" title={t('page.tooOld.title')} body={t('page.tooOld.body')} noHome>
      <p className="cb-message__detail">{t('page.tooOld.missing', { missing: missing.join(', ') })}</p>
    </MessagePage>
  )
}
