import { useEffect, useRef, useState } from 'react'
import { COHORT_LABELS, STATUS_LABELS } from '../../shared/spaces/labels'
import type { CreateCoalition, DecisionInput, Theme } from '../../shared/spaces/space'
import { outcomesOf, type CoalitionView } from '../../shared/spaces/view'
import type { Locale, WorkshopLinks } from '../../shared/workshop'
import { useT } from '../i18n/useT'
import { CoalitionForm } from './CoalitionForm'
import { CoalitionWorkshops } from './CoalitionWorkshops'
import { Decisions } from './Decisions'
import { Evolution } from './Evolution'

export interface CoalitionActions {
  save(fields: CreateCoalition): Promise<string | null>
  remove(): Promise<string | null>
  decide(input: DecisionInput): Promise<string | null>
  launch(): Promise<{ links: WorkshopLinks } | { error: string }>
  attach(workshopId: string, facilitatorToken: string): Promise<string | null>
  detach(workshopId: string): Promise<string | null>
}

/** The form starts over when the fields change on the server, not when a decision or workshop is added. */
function fieldsKey(c: CoalitionView): string {
  return JSON.stringify([c.id, c.title, c.themeId, c.cohort, c.status, c.template, c.needs, c.coLeads])
}

interface CoalitionDetailProps {
  coalition: CoalitionView
  themes: readonly Theme[]
  locale: Locale
  admin: boolean
  actions: CoalitionActions
  onClose(): void
}

/**
 * One coalition opened from the panorama, in a side panel: its fields (editable by an
 * admin), activation decisions, workshops and evolution. Escape or the close button returns
 * to the card it was opened from.
 */
export function CoalitionDetail({ coalition, themes, locale, admin, actions, onClose }: CoalitionDetailProps) {
  const t = useT()
  const heading = useRef<HTMLHeadingElement>(null)
  const [confirming, setConfirming] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const prefix = `cb-detail-${coalition.id}`
  const theme = themes.find((candidate) => candidate.id === coalition.themeId)?.label ?? t('space.noTheme')

  useEffect(() => heading.current?.focus(), [coalition.id])
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [onClose])

  return (
    <aside
      className="cb-detail"
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${prefix}-heading`}
      data-testid="coalition-detail"
    >
      <header className="cb-detail__header">
        <h2 id={`${prefix}-heading`} ref={heading} tabIndex={-1}>
          {coalition.title}
        </h2>
        <button type="button" className="cb-button cb-button--quiet cb-button--small" onClick={onClose}>
          {t('space.close')}
        </button>
      </header>
      {admin ? (
        <section className="cb-detail__section" aria-label={t('space.coalition.fields')}>
          <CoalitionForm
            key={fieldsKey(coalition)}
            idPrefix={`${prefix}-form`}
            initial={coalition}
            themes={themes}
            locale={locale}
            submitLabel={t('space.save')}
            onSubmit={actions.save}
          />
        </section>
      ) : (
        <dl className="cb-detail__fields">
          <dt>{t('space.coalition.theme')}</dt>
          <dd>{theme}</dd>
          <dt>{t('space.coalition.cohort')}</dt>
          <dd>{COHORT_LABELS[coalition.cohort][locale]}</dd>
          <dt>{t('space.coalition.status')}</dt>
          <dd>{STATUS_LABELS[coalition.status][locale]}</dd>
          <dt>{t('space.coalition.needs')}</dt>
          <dd>{coalition.needs.join(', ') || '–'}</dd>
          <dt>{t('space.coalition.coLeads')}</dt>
          <dd>{coalition.coLeads.join(', ') || '–'}</dd>
        </dl>
      )}
      <Decisions
        idPrefix={`${prefix}-decision`}
        decisions={coalition.decisions}
        locale={locale}
        admin={admin}
        onRecord={actions.decide}
      />
      <CoalitionWorkshops
        idPrefix={`${prefix}-workshops`}
        coalition={coalition}
        locale={locale}
        admin={admin}
        onLaunch={actions.launch}
        onAttach={actions.attach}
        onDetach={actions.detach}
      />
      <Evolution idPrefix={`${prefix}-evolution`} outcomes={outcomesOf(coalition)} locale={locale} />
      {admin && (
        <section className="cb-detail__section cb-detail__danger" aria-label={t('space.coalition.delete')}>
          {confirming ? (
            <div className="cb-actions">
              <p>{t('space.coalition.deleteConfirm')}</p>
              <button
                type="button"
                className="cb-button cb-button--danger"
                onClick={async () => setError(await actions.remove())}
              >
                {t('space.coalition.deleteYes')}
              </button>
              <button type="button" className="cb-button cb-button--quiet" onClick={() => setConfirming(false)}>
                {t('space.cancel')}
              </button>
            </div>
          ) : (
            <button type="button" className="cb-button cb-button--quiet" onClick={() => setConfirming(true)}>
              {t('space.coalition.delete')}
            </button>
          )}
          {error && (
            <p className="cb-error" role="alert">
              {error}
            </p>
          )}
        </section>
      )}
    </aside>
  )
}
