import { useEffect, useRef } from 'react'
import type { Role } from '../../shared/protocol'
import { CopyLink } from '../CopyLink'
import type { WorkshopLinks as Links } from '../../shared/workshop'
import type { MessageKey } from '../i18n/translate'
import { useT } from '../i18n/useT'

const LINK_ROWS: { role: Role; label: MessageKey; help: MessageKey }[] = [
  { role: 'facilitator', label: 'links.facilitator', help: 'links.facilitator.help' },
  { role: 'participant', label: 'links.participant', help: 'links.participant.help' },
  { role: 'viewer', label: 'links.viewer', help: 'links.viewer.help' },
]

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
          <CopyLink
            key={row.role}
            id={`cb-link-${row.role}`}
            testId={`link-${row.role}`}
            label={t(row.label)}
            help={t(row.help)}
            url={links[row.role]}
          />
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
