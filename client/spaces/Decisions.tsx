import { useState, type FormEvent } from 'react'
import { DECISION_LABELS } from '../../shared/spaces/labels'
import {
  currentDecision,
  decisionHistory,
  DECISIONS,
  type Decision,
  type DecisionInput,
  type DecisionKind,
} from '../../shared/spaces/space'
import type { Locale } from '../../shared/workshop'
import { formatDate } from '../i18n/format'
import { useT } from '../i18n/useT'
import { dayIn } from '../../shared/export/fileName'

/** Today in the workshops' time zone, `YYYY-MM-DD`, the default day of a decision. */
function today(): string {
  return dayIn(Date.now())
}

/** A decision day as a date, at noon UTC so no time zone moves it. */
function dayLabel(day: string, locale: Locale): string {
  return formatDate(locale, new Date(`${day}T12:00:00Z`), 'UTC')
}

interface DecisionsProps {
  idPrefix: string
  decisions: readonly Decision[]
  locale: Locale
  admin: boolean
  onRecord(input: DecisionInput): Promise<string | null>
}

/** The activation decision in force, the form to record a new one (admin) and the history. */
export function Decisions({ idPrefix, decisions, locale, admin, onRecord }: DecisionsProps) {
  const t = useT()
  const [decision, setDecision] = useState<DecisionKind>('activer')
  const [date, setDate] = useState(today)
  const [reason, setReason] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const current = currentDecision(decisions)
  const id = (field: string) => `${idPrefix}-${field}`

  async function submit(event: FormEvent) {
    event.preventDefault()
    setSaving(true)
    const message = await onRecord({ decision, date, reason: reason.trim() })
    setSaving(false)
    setError(message)
    if (!message) setReason('')
  }

  return (
    <section className="cb-detail__section" aria-labelledby={id('title')}>
      <h3 id={id('title')}>{t('space.decision.title')}</h3>
      <p data-testid="decision-current">
        {current
          ? t('space.decision.current', {
              decision: DECISION_LABELS[current.decision][locale],
              date: dayLabel(current.date, locale),
            })
          : t('space.decision.none')}
      </p>
      {admin && (
        <form className="cb-decision-form" onSubmit={submit} noValidate>
          <fieldset className="cb-segmented">
            <legend>{t('space.decision.choice')}</legend>
            {DECISIONS.map((kind) => (
              <label key={kind} className={kind === decision ? 'is-checked' : undefined}>
                <input
                  type="radio"
                  name={id('kind')}
                  value={kind}
                  checked={kind === decision}
                  onChange={() => setDecision(kind)}
                />
                {DECISION_LABELS[kind][locale]}
              </label>
            ))}
          </fieldset>
          <div className="cb-field-row">
            <div className="cb-field">
              <label htmlFor={id('date')}>{t('space.decision.date')}</label>
              <input id={id('date')} type="date" value={date} required onChange={(e) => setDate(e.target.value)} />
            </div>
            <div className="cb-field cb-field--grow">
              <label htmlFor={id('reason')}>{t('space.decision.reason')}</label>
              <input id={id('reason')} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
            </div>
          </div>
          {error && (
            <p className="cb-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="cb-button" disabled={saving}>
            {t('space.decision.record')}
          </button>
        </form>
      )}
      {decisions.length > 0 && (
        <>
          <h4>{t('space.decision.history')}</h4>
          <ol className="cb-history" data-testid="decision-history">
            {decisionHistory(decisions).map((entry) => (
              <li key={entry.id} aria-current={entry.id === current?.id ? 'true' : undefined}>
                <strong>{DECISION_LABELS[entry.decision][locale]}</strong> — {dayLabel(entry.date, locale)}
                {entry.reason && <> — {entry.reason}</>}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
