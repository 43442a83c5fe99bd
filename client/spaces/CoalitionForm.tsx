import { useState, type FormEvent } from 'react'
import { COHORT_LABELS, NEED_SUGGESTIONS, STATUS_LABELS } from '../../shared/spaces/labels'
import {
  COALITION_STATUSES,
  COHORTS,
  type CoalitionStatus,
  type Cohort,
  type CreateCoalition,
  type Theme,
} from '../../shared/spaces/space'
import { TEMPLATES } from '../../shared/templates/templates'
import type { Locale, TemplateId } from '../../shared/workshop'
import { useT } from '../i18n/useT'

export interface CoalitionFields {
  title: string
  themeId: string | null
  cohort: Cohort
  status: CoalitionStatus
  template: TemplateId
  needs: string[]
  coLeads: string[]
}

export const NEW_COALITION: CoalitionFields = {
  title: '',
  themeId: null,
  cohort: 'stock',
  status: 'idee',
  template: 'full-workshop',
  needs: [],
  coLeads: [],
}

/** One entry per line; blank lines dropped. */
function lines(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
}

interface CoalitionFormProps {
  idPrefix: string
  initial: CoalitionFields
  themes: readonly Theme[]
  locale: Locale
  submitLabel: string
  /** Resolves with an error message to show, or null when saved. */
  onSubmit(fields: CreateCoalition): Promise<string | null>
  onCancel?(): void
}

/** The fields of a coalition, to create one or to edit it. The server validates again. */
export function CoalitionForm({
  idPrefix,
  initial,
  themes,
  locale,
  submitLabel,
  onSubmit,
  onCancel,
}: CoalitionFormProps) {
  const t = useT()
  const [title, setTitle] = useState(initial.title)
  const [themeId, setThemeId] = useState(initial.themeId ?? '')
  const [cohort, setCohort] = useState<Cohort>(initial.cohort)
  const [status, setStatus] = useState<CoalitionStatus>(initial.status)
  const [template, setTemplate] = useState<TemplateId>(initial.template)
  const [needs, setNeeds] = useState(initial.needs.join('\n'))
  const [coLeads, setCoLeads] = useState(initial.coLeads.join('\n'))
  const [error, setError] = useState<string | null>(null)
  const [saving, setSaving] = useState(false)
  const id = (field: string) => `${idPrefix}-${field}`

  async function submit(event: FormEvent) {
    event.preventDefault()
    if (!title.trim()) {
      setError(t('space.coalition.titleRequired'))
      return
    }
    setSaving(true)
    const message = await onSubmit({
      title: title.trim(),
      themeId: themeId || null,
      cohort,
      status,
      template,
      needs: lines(needs),
      coLeads: lines(coLeads),
    })
    setSaving(false)
    setError(message)
  }

  return (
    <form className="cb-coalition-form" onSubmit={submit} noValidate>
      <div className="cb-field">
        <label htmlFor={id('title')}>{t('space.coalition.title')}</label>
        <input
          id={id('title')}
          value={title}
          maxLength={200}
          aria-describedby={id('title-hint')}
          onChange={(e) => setTitle(e.target.value)}
        />
        <small id={id('title-hint')}>{t('space.coalition.titleHint')}</small>
      </div>
      <div className="cb-field-row">
        <div className="cb-field">
          <label htmlFor={id('theme')}>{t('space.coalition.theme')}</label>
          <select id={id('theme')} value={themeId} onChange={(e) => setThemeId(e.target.value)}>
            <option value="">{t('space.noTheme')}</option>
            {themes.map((theme) => (
              <option key={theme.id} value={theme.id}>
                {theme.label}
              </option>
            ))}
          </select>
        </div>
        <div className="cb-field">
          <label htmlFor={id('cohort')}>{t('space.coalition.cohort')}</label>
          <select id={id('cohort')} value={cohort} onChange={(e) => setCohort(e.target.value as Cohort)}>
            {COHORTS.map((code) => (
              <option key={code} value={code}>
                {COHORT_LABELS[code][locale]}
              </option>
            ))}
          </select>
        </div>
        <div className="cb-field">
          <label htmlFor={id('status')}>{t('space.coalition.status')}</label>
          <select id={id('status')} value={status} onChange={(e) => setStatus(e.target.value as CoalitionStatus)}>
            {COALITION_STATUSES.map((code) => (
              <option key={code} value={code}>
                {STATUS_LABELS[code][locale]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="cb-field">
        <label htmlFor={id('needs')}>{t('space.coalition.needs')}</label>
        <textarea
          id={id('needs')}
          rows={2}
          value={needs}
          aria-describedby={id('needs-hint')}
          onChange={(e) => setNeeds(e.target.value)}
        />
        <small id={id('needs-hint')}>
          {t('space.coalition.needsHint', { examples: NEED_SUGGESTIONS[locale].slice(0, 3).join(', ') })}
        </small>
      </div>
      <div className="cb-field">
        <label htmlFor={id('coleads')}>{t('space.coalition.coLeads')}</label>
        <textarea
          id={id('coleads')}
          rows={2}
          value={coLeads}
          aria-describedby={id('coleads-hint')}
          onChange={(e) => setCoLeads(e.target.value)}
        />
        <small id={id('coleads-hint')}>{t('space.coalition.onePerLine')}</small>
      </div>
      <div className="cb-field">
        <label htmlFor={id('template')}>{t('space.coalition.template')}</label>
        <select id={id('template')} value={template} onChange={(e) => setTemplate(e.target.value as TemplateId)}>
          {TEMPLATES.map((option) => (
            <option key={option.id} value={option.id}>
              {option.name[locale]}
            </option>
          ))}
        </select>
      </div>
      {error && (
        <p className="cb-error" role="alert">
          {error}
        </p>
      )}
      <div className="cb-actions">
        <button type="submit" className="cb-button" disabled={saving}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="cb-button cb-button--quiet" onClick={onCancel}>
            {t('space.cancel')}
          </button>
        )}
      </div>
    </form>
  )
}
