import { useState, type FormEvent } from 'react'
import type { CoalitionView } from '../../shared/spaces/view'
import type { Locale, WorkshopLinks } from '../../shared/workshop'
import { formatDate } from '../i18n/format'
import { useT } from '../i18n/useT'
import { CopyLink } from '../CopyLink'
import { parseWorkshopLink } from './spaceApi'
import { rememberedWorkshopLinks } from './useSpace'

interface CoalitionWorkshopsProps {
  idPrefix: string
  coalition: CoalitionView
  locale: Locale
  admin: boolean
  onLaunch(): Promise<{ links: WorkshopLinks } | { error: string }>
  onAttach(workshopId: string, facilitatorToken: string): Promise<string | null>
  onDetach(workshopId: string): Promise<string | null>
}

/**
 * A coalition's workshops with their date and the phase they reached; an admin starts a new
 * one (its three links are shown once, and kept in this browser) or attaches an existing one
 * by pasting its facilitator link, which proves they run it.
 */
export function CoalitionWorkshops({
  idPrefix,
  coalition,
  locale,
  admin,
  onLaunch,
  onAttach,
  onDetach,
}: CoalitionWorkshopsProps) {
  const t = useT()
  const [launched, setLaunched] = useState<WorkshopLinks | null>(null)
  const [link, setLink] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const id = (field: string) => `${idPrefix}-${field}`
  const entries = [...coalition.workshops].sort(
    (a, b) => (a.outcome?.createdAt ?? a.attachedAt) - (b.outcome?.createdAt ?? b.attachedAt),
  )

  async function launch() {
    setBusy(true)
    const result = await onLaunch()
    setBusy(false)
    if ('links' in result) {
      setLaunched(result.links)
      setError(null)
    } else setError(result.error)
  }

  async function attach(event: FormEvent) {
    event.preventDefault()
    const parsed = parseWorkshopLink(link)
    if (!parsed) {
      setError(t('space.workshops.badLink'))
      return
    }
    setBusy(true)
    const message = await onAttach(parsed.workshopId, parsed.token)
    setBusy(false)
    setError(message)
    if (!message) setLink('')
  }

  return (
    <section className="cb-detail__section" aria-labelledby={id('title')}>
      <h3 id={id('title')}>{t('space.workshops.title')}</h3>
      {entries.length === 0 ? (
        <p>{t('space.workshops.none')}</p>
      ) : (
        <ul className="cb-workshop-list" data-testid="coalition-workshops">
          {entries.map((entry) => {
            const saved = admin ? rememberedWorkshopLinks(entry.workshopId) : null
            return (
              <li key={entry.workshopId}>
                {entry.outcome ? (
                  <>
                    <strong>{entry.outcome.title}</strong> — {formatDate(locale, entry.outcome.createdAt)} —{' '}
                    {entry.outcome.phase
                      ? t('space.workshops.phase', { phase: entry.outcome.phase.name })
                      : t('space.workshops.notStarted')}
                  </>
                ) : (
                  <em>{t('space.workshops.gone')}</em>
                )}
                {saved && (
                  <>
                    {' '}
                    <a href={saved.facilitator}>{t('space.workshops.open')}</a>
                  </>
                )}
                {admin && (
                  <button
                    type="button"
                    className="cb-button cb-button--quiet cb-button--small"
                    onClick={async () => setError(await onDetach(entry.workshopId))}
                  >
                    {t('space.workshops.detach')}
                  </button>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {admin && (
        <>
          <div className="cb-actions">
            <button type="button" className="cb-button" disabled={busy} onClick={launch}>
              {t('space.workshops.launch')}
            </button>
          </div>
          {launched && (
            <div className="cb-launched" data-testid="launched-workshop">
              <p role="status">{t('space.workshops.launched')}</p>
              <ul className="cb-links">
                <CopyLink
                  id={id('facilitator')}
                  label={t('links.facilitator')}
                  url={launched.facilitator}
                  testId="launched-facilitator"
                />
                <CopyLink id={id('participant')} label={t('links.participant')} url={launched.participant} />
                <CopyLink id={id('viewer')} label={t('links.viewer')} url={launched.viewer} />
              </ul>
            </div>
          )}
          <form className="cb-attach-form" onSubmit={attach} noValidate>
            <div className="cb-field">
              <label htmlFor={id('attach')}>{t('space.workshops.attach')}</label>
              <input
                id={id('attach')}
                value={link}
                aria-describedby={id('attach-hint')}
                onChange={(e) => setLink(e.target.value)}
              />
              <small id={id('attach-hint')}>{t('space.workshops.attachHint')}</small>
            </div>
            <button type="submit" className="cb-button cb-button--quiet" disabled={busy}>
              {t('space.workshops.attachSubmit')}
            </button>
          </form>
        </>
      )}
      {error && (
        <p className="cb-error" role="alert">
          {error}
        </p>
      )}
    </section>
  )
}
