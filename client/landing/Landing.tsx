import { lazy, Suspense, useState, type FormEvent } from 'react'
import { TEMPLATES } from '../../shared/templates/catalog'
import type { CreatedWorkshop, TemplateId } from '../../shared/workshop'
import { createWorkshop } from '../backend/workshopApi'
import { withAllMessages } from '../i18n/translate'
import { useT } from '../i18n/useT'
import { LocaleSwitch } from '../LocaleSwitch'
import { useUiStore } from '../state/uiStore'
import { CreateSpaceEntry } from './CreateSpaceEntry'
import { MyWorkshops } from './MyWorkshops'
import { rememberWorkshop } from './MyWorkshopsStore'

// The links of a new workshop show only after « Créer l’atelier »: their code and strings
// download while the workshop is being created, not with the page.
const loadWorkshopLinks = () => withAllMessages(import('./WorkshopLinks'))
const WorkshopLinks = lazy(() => loadWorkshopLinks().then((module) => ({ default: module.WorkshopLinks })))

/** The landing page: create a workshop, then show its three links. */
export function Landing() {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const [title, setTitle] = useState('')
  const [coalition, setCoalition] = useState('')
  const [template, setTemplate] = useState<TemplateId>('blank')
  const [error, setError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [created, setCreated] = useState<{ workshop: CreatedWorkshop; title: string } | null>(null)

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    const trimmed = title.trim()
    if (!trimmed) {
      setError(t('landing.error.titleRequired'))
      return
    }
    setSubmitting(true)
    setError(null)
    void loadWorkshopLinks().catch(() => {}) // a failure shows when the links render
    const result = await createWorkshop({ title: trimmed, coalition: coalition.trim() || undefined, template, locale })
    setSubmitting(false)
    if (result.ok) {
      const { id, links } = result.value
      rememberWorkshop({ id, title: trimmed, role: 'facilitator', link: links.facilitator, links })
      setCreated({ workshop: result.value, title: trimmed })
    } else if (result.kind === 'unreachable') {
      setError(t('landing.error.network'))
    } else {
      setError(t('landing.error.failed', { detail: result.message ?? String(result.status ?? '') }))
    }
  }

  function startOver() {
    setCreated(null)
    setTitle('')
    setCoalition('')
    setTemplate('blank')
  }

  return (
    <main className="cb-page cb-landing">
      <header className="cb-page__header">
        <span className="cb-brand">{t('app.name')}</span>
        <LocaleSwitch />
      </header>
      <p className="cb-tagline">
        {t('app.tagline')} {t('app.taglineMore')}
      </p>
      {created ? (
        <Suspense fallback={<p className="cb-loading">{t('landing.submitting')}</p>}>
          <WorkshopLinks title={created.title} links={created.workshop.links} onStartOver={startOver} />
        </Suspense>
      ) : (
        <section className="cb-card" aria-labelledby="cb-create-title">
          <h1 id="cb-create-title">{t('landing.title')}</h1>
          <p>{t('landing.intro')}</p>
          <form onSubmit={onSubmit} noValidate>
            <div className="cb-field">
              <label htmlFor="cb-title">{t('landing.field.title')}</label>
              <input
                id="cb-title"
                name="title"
                value={title}
                maxLength={200}
                required
                aria-describedby="cb-title-hint"
                aria-invalid={error === t('landing.error.titleRequired') || undefined}
                onChange={(e) => setTitle(e.target.value)}
              />
              <small id="cb-title-hint">{t('landing.field.titleHint')}</small>
            </div>
            <div className="cb-field">
              <label htmlFor="cb-coalition">{t('landing.field.coalition')}</label>
              <input
                id="cb-coalition"
                name="coalition"
                value={coalition}
                maxLength={300}
                onChange={(e) => setCoalition(e.target.value)}
              />
            </div>
            <div className="cb-field">
              <label htmlFor="cb-template">{t('cards.landing.template')}</label>
              <select
                id="cb-template"
                name="template"
                value={template}
                aria-describedby="cb-template-hint"
                onChange={(e) => setTemplate(e.target.value as TemplateId)}
              >
                {TEMPLATES.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.name[locale]}
                  </option>
                ))}
              </select>
              <small id="cb-template-hint">
                {TEMPLATES.find((option) => option.id === template)?.description[locale]}
              </small>
            </div>
            {error && (
              <p className="cb-error" role="alert">
                {error}
              </p>
            )}
            <button type="submit" className="cb-button" disabled={submitting}>
              {submitting ? t('landing.submitting') : t('landing.submit')}
            </button>
          </form>
        </section>
      )}
      <CreateSpaceEntry />
      <MyWorkshops />
    </main>
  )
}
