import { useEffect, useRef, useState, type FormEvent } from 'react'
import type { CreatedSpace } from '../../shared/spaces/space'
import { useT } from '../i18n/useT'
import { useUiStore } from '../state/uiStore'
import { CopyLink } from '../CopyLink'
import { createSpace } from './spaceApi'

/**
 * The landing page's « Créer un espace programme » once opened: a title and a description,
 * then the admin link and the read-only link of the new space. The landing page shows its
 * closed state itself (`landing/CreateSpaceEntry.tsx`) and loads this on the click; the
 * space page itself is loaded only when opened.
 */
export function CreateSpace({ autoFocus = false }: { autoFocus?: boolean }) {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const [title, setTitle] = useState('')
  const [description, setDescription] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [submitting, setSubmitting] = useState(false)
  const [created, setCreated] = useState<CreatedSpace | null>(null)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    if (created) heading.current?.focus()
  }, [created])

  async function onSubmit(event: FormEvent) {
    event.preventDefault()
    if (!title.trim()) {
      setError(t('space.create.titleRequired'))
      return
    }
    setSubmitting(true)
    setError(null)
    const result = await createSpace({ title: title.trim(), description: description.trim() || undefined, locale })
    setSubmitting(false)
    if (result.ok) setCreated(result.value)
    else
      setError(
        result.kind === 'unreachable'
          ? t('landing.error.network')
          : t('space.error.failed', { detail: result.message ?? String(result.status ?? '') }),
      )
  }

  if (created) {
    return (
      <section className="cb-card cb-space-create" aria-labelledby="cb-space-created" data-testid="space-links">
        <h2 id="cb-space-created" ref={heading} tabIndex={-1}>
          {t('space.create.done', { title: title.trim() })}
        </h2>
        <p>{t('space.create.keepLinks')}</p>
        <ul className="cb-links">
          <CopyLink
            id="cb-space-admin"
            label={t('space.link.admin')}
            help={t('space.link.adminHelp')}
            url={created.links.admin}
            testId="space-link-admin"
          />
          <CopyLink
            id="cb-space-viewer"
            label={t('space.link.viewer')}
            help={t('space.link.viewerHelp')}
            url={created.links.viewer}
            testId="space-link-viewer"
          />
        </ul>
        <div className="cb-actions">
          <a className="cb-button" href={created.links.admin}>
            {t('space.create.open')}
          </a>
        </div>
      </section>
    )
  }

  return (
    <section className="cb-card cb-space-create" aria-labelledby="cb-space-create-title">
      <h2 id="cb-space-create-title">{t('space.create.title')}</h2>
      <p>{t('space.create.intro')}</p>
      <form onSubmit={onSubmit} noValidate>
        <div className="cb-field">
          <label htmlFor="cb-space-title">{t('space.field.title')}</label>
          <input
            id="cb-space-title"
            value={title}
            maxLength={200}
            required
            // Opened by a click on « Créer un espace programme », whose button is gone now.
            autoFocus={autoFocus}
            aria-invalid={error === t('space.create.titleRequired') || undefined}
            onChange={(e) => setTitle(e.target.value)}
          />
        </div>
        <div className="cb-field">
          <label htmlFor="cb-space-description">{t('space.field.description')}</label>
          <textarea
            id="cb-space-description"
            value={description}
            maxLength={2000}
            rows={3}
            onChange={(e) => setDescription(e.target.value)}
          />
        </div>
        {error && (
          <p className="cb-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="cb-button" disabled={submitting}>
          {submitting ? t('landing.submitting') : t('space.create.submit')}
        </button>
      </form>
    </section>
  )
}
