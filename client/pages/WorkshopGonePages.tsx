import { useState } from 'react'
import { useT } from '../i18n/useT'
import { forgetWorkshop, useMyWorkshops } from '../landing/MyWorkshopsStore'
import { MessagePage } from './MessagePage'

/** When « Mes ateliers » still lists a workshop that is gone: one button to remove it. */
function ForgetAction({ workshopId }: { workshopId: string | undefined }) {
  const t = useT()
  const listed = useMyWorkshops().some((entry) => entry.id === workshopId)
  const [forgotten, setForgotten] = useState(false)
  if (forgotten)
    return (
      <p role="status" className="cb-message__detail">
        {t('page.notFound.forgotten')}
      </p>
    )
  if (!workshopId || !listed) return null
  return (
    <button
      type="button"
      className="cb-button"
      onClick={() => {
        forgetWorkshop(workshopId)
        setForgotten(true)
      }}
    >
      {t('page.notFound.forget')}
    </button>
  )
}

/** No workshop has this id (never created, or deleted before we arrived). */
export function WorkshopNotFoundPage({ workshopId }: { workshopId?: string }) {
  const t = useT()
  return (
    <MessagePage
      testId="workshop-not-found"
      title={t('page.notFound.title')}
      body={t('page.notFound.body')}
      actions={<ForgetAction workshopId={workshopId} />}
    />
  )
}

/** The facilitator deleted the workshop while we were in it. */
export function WorkshopDeletedPage({ workshopId }: { workshopId?: string }) {
  const t = useT()
  return (
    <MessagePage
      testId="workshop-deleted"
      title={t('page.deleted.title')}
      body={t('page.deleted.body')}
      actions={<ForgetAction workshopId={workshopId} />}
    />
  )
}

/** The server refused this token here (e.g. an origin it does not accept). */
export function ForbiddenPage() {
  const t = useT()
  return <MessagePage testId="forbidden" title={t('page.forbidden.title')} body={t('page.forbidden.body')} />
}

/** An address that matches no route. */
export function RouteNotFoundPage() {
  const t = useT()
  return (
    <MessagePage testId="route-not-found" title={t('page.notFoundRoute.title')} body={t('page.notFoundRoute.body')} />
  )
}
