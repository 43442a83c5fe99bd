import { useT } from '../i18n/useT'
import { MessagePage } from './MessagePage'

/** Missing, malformed, expired or foreign token: never a blank canvas. */
export function InvalidLinkPage() {
  const t = useT()
  return <MessagePage testId="invalid-link" title={t('page.invalid.title')} body={t('page.invalid.body')} />
}
