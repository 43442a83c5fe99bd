import { useT } from '../i18n/useT'
import { MessagePage } from './MessagePage'

/** Missing, malformed, expired or foreign token: never a blank canvas. */
export function InvalidLinkPage() {
  const t = useT()
  return <MessagePage testId="invalid-link" title={t('page.invalid.title')} body={t('page.invalid.body')} />
}

/** The facilitator replaced the participant and viewer links (« Nouveaux liens ») while this one was open. */
export function LinkReplacedPage() {
  const t = useT()
  return <MessagePage testId="link-replaced" title={t('page.replaced.title')} body={t('page.replaced.body')} />
}
