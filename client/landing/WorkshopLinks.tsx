import { useEffect, useRef, useState } from 'react'
import type { Role } from '../../shared/protocol'
import type { WorkshopLinks as Links } from '../../shared/workshop'
import type { MessageKey } from '../i18n/translate'
import { useT } from '../i18n/useT'

const LINK_ROWS: { role: Role; label: MessageKey; help: MessageKey }[] = [
  { role: 'facilitator', label: 'links.facilitator', help: 'links.facilitator.help' },
  { role: 'participant', label: 'links.participant', help: 'links.participant.help' },
  { role: 'viewer', label: 'links.viewer', help: 'links.viewer.help' },
]

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

function LinkRow({ role, label, help, url }: { role: Role; label: string; help: string; url: string }) {
  const t = useT()
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(timer)
  }, [copied])
  const id = `cb-link-${role}`
  return (
    <li className="cb-link" data-role={role}>
      <label htmlFor={id} className="cb-link__label">
        {label}
      </label>
      <p className="cb-link__help" id={`${id}-help`}>
        {help}
      </p>
      <div className="cb-link__row">
        <input
          id={id}
          ref={input}
          data-testid={`link-${role}`}
          className="cb-link__url"
          value={url}
          readOnly
          aria-describedby={`${id}-help`}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button
          type="button"
          className="cb-button"
          aria-label={t('links.copyLabel', { role: label })}
          onClick={async () => setCopied(await copyText(url, input.current))}
        >
          {copied ? t('links.copied') : t('links.copy')}
        </button>
      </div>
    </li>
  )
}

/** The three capability links of a new workshop, each explained in one line. */
export function WorkshopLinks({ title, links, onStartOver }: { title: string; links: Links; onStartOver(): void }) {
  const t = useT()
  const heading = useRef<HTMLHeadingElement>(null)
  // Move focus to the result so keyboard and screen-reader users land on it.
  useEffect(() => heading.current?.focus(), [])
  return (
    <section className="cb-card" aria-labelledby="cb-links-title" data-testid="workshop-links">
      <h1 id="cb-links-title" ref={heading} tabIndex={-1}>
        {t('links.title', { title })}
      </h1>
      <p>{t('links.intro')}</p>
      <ul className="cb-links">
        {LINK_ROWS.map((row) => (
          <LinkRow key={row.role} role={row.role} label={t(row.label)} help={t(row.help)} url={links[row.role]} />
        ))}
      </ul>
      <div className="cb-actions">
        <a className="cb-button" href={links.facilitator}>
          {t('links.open')}
        </a>
        <button type="button" className="cb-button cb-button--quiet" onClick={onStartOver}>
          {t('links.another')}
        </button>
      </div>
    </section>
  )
}
