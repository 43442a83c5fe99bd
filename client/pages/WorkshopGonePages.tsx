import { useT } from '../i18n/useT'
import { MessagePage } from './MessagePage'

/** No workshop has this id (never created, or deleted before we arrived). */
export function WorkshopNotFoundPage() {
  const t = useT()
  return <MessagePage testId="workshop-not-found" title={t('page.notFound.title')} body={t('page.notFound.body')} />
}

/** The facilitator deleted the workshop while we were in it. */
export function WorkshopDeletedPage() {
  const t = useT()
  return <MessagePage testId="workshop-deleted" title={t('page.deleted.title')} body={t('page.deleted.body')} />
}

/** The server refused this token here (e.g. an origin it does not accept). */
export function ForbiddenPage() {
  const t = useT()
  return <MessagePage testId="forbidden" title={t('page.forbidden.title')} body={t('page.forbidden.body')} />
}

/** An address that matches no route. */
export function RouteNotFoundPage() {
  const t = useT()
  return <MessagePage testId="route-not-found" title={t('page.notFoundRoute.title')} body={t('page.notFoundRoute.body')} />
}
