import { useRef, useState } from 'react'
import { ROLES, type Role } from '../../shared/protocol'
import { formatDateTime, formatRelative } from '../i18n/format'
import { useT } from '../i18n/useT'
import { useUiStore } from '../state/uiStore'
import type { MyWorkshop } from './MyWorkshopsList'
import { forgetWorkshop, useMyWorkshops } from './MyWorkshopsStore'
import './MyWorkshops.css'

async function copyText(text: string, input: HTMLInputElement | null): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // No clipboard API (plain http on a LAN address): select the text so Ctrl+C works.
    input?.select()
    return false
  }
}

function ShareLink({ entryKey, role, url }: { entryKey: string; role: Role; url: string }) {
  const t = useT()
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState(false)
  const id = `cb-mine-${entryKey}-${role}`
  const label = t(`role.${role}`)
  return (
    <li className="cb-mine__share">
      <label htmlFor={id}>{label}</label>
      <div className="cb-link__row">
        <input
          id={id}
          ref={input}
          className="cb-link__url"
          value={url}
          readOnly
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="cb-button cb-button--quiet cb-button--small"
          aria-label={t('links.copyLabel', { role: label })}
          onClick={async () => setCopied(await copyText(url, input.current))}
          onBlur={() => setCopied(false)}
        >
          {copied ? t('links.copied') : t('links.copy')}
        </button>
      </div>
    </li>
  )
}

function WorkshopItem({ entry, now, onRemove }: { entry: MyWorkshop; now: number; onRemove(entry: MyWorkshop): void }) {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const key = `${entry.id}-${entry.role}`
  const metaId = `cb-mine-${key}-meta`
  const role = t(`role.${entry.role}`)
  const shareRoles = ROLES.filter((r) => entry.links?.[r])
  const title = entry.title
  return (
    <li className="cb-mine__item" data-testid="my-workshop" data-workshop={entry.id} data-role={entry.role}>
      <div className="cb-mine__main">
        <a className="cb-mine__open" href={entry.link} aria-describedby={metaId}>
          {title}
        </a>
        <p className="cb-mine__meta" id={metaId}>
          <span className="cb-mine__role">{role}</span>
          {' · '}
          <time dateTime={new Date(entry.lastOpened).toISOString()} title={formatDateTime(locale, entry.lastOpened)}>
            {t('mine.opened', { when: formatRelative(locale, entry.lastOpened, now) })}
          </time>
          {entry.links && ` · ${t('mine.createdHere')}`}
        </p>
      </div>
      <button
        type="button"
        className="cb-button cb-button--quiet cb-button--small cb-mine__remove"
        aria-label={t('mine.removeLabel', { title, role })}
        onClick={() => onRemove(entry)}
      >
        {t('mine.remove')}
      </button>
      {shareRoles.length > 0 && (
        <details className="cb-mine__links">
          <summary>{t('mine.links')}</summary>
          <ul>
            {shareRoles.map((r) => (
              <ShareLink key={r} entryKey={key} role={r} url={entry.links![r]!} />
            ))}
          </ul>
        </details>
      )}
    </li>
  )
}

/**
 * « Mes ateliers » on the landing page: the workshops created or joined in this browser,
 * each reopened in one click (its link), with the links to share again for those created
 * here, and a button to remove it from the list (the workshop itself is untouched).
 */
export function MyWorkshops() {
  const t = useT()
  const entries = useMyWorkshops()
  const [now] = useState(() => Date.now())
  const [announcement, setAnnouncement] = useState('')
  const heading = useRef<HTMLHeadingElement>(null)

  function remove(entry: MyWorkshop) {
    forgetWorkshop(entry.id, entry.role)
    setAnnouncement(t('mine.removed', { title: entry.title }))
    // The button is gone: keep keyboard focus in the section rather than lost on <body>.
    heading.current?.focus()
  }

  return (
    <section className="cb-card cb-mine" aria-labelledby="cb-mine-title" data-testid="my-workshops">
      <h2 id="cb-mine-title" ref={heading} tabIndex={-1}>
        {t('mine.title')}
      </h2>
      <p className="cb-mine__intro">{t('mine.intro')}</p>
      {entries.length === 0 ? (
        <p className="cb-mine__empty">{t('mine.empty')}</p>
      ) : (
        <ul className="cb-mine__list">
          {entries.map((entry) => (
            <WorkshopItem key={`${entry.id}-${entry.role}`} entry={entry} now={now} onRemove={remove} />
          ))}
        </ul>
      )}
      <p className="cb-sr-only" role="status">
        {announcement}
      </p>
    </section>
  )
}
