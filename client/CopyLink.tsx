import { useEffect, useRef, useState } from 'react'
import { useT } from './i18n/useT'

/** One capability link: a label, a line of help, the URL in a read-only field and a copy button. */
export function CopyLink({
  id,
  label,
  help,
  url,
  testId,
}: {
  id: string
  label: string
  help?: string
  url: string
  testId?: string
}) {
  const t = useT()
  const input = useRef<HTMLInputElement>(null)
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    if (!copied) return
    const timer = setTimeout(() => setCopied(false), 2000)
    return () => clearTimeout(timer)
  }, [copied])

  async function copy() {
    try {
      await navigator.clipboard.writeText(url)
      setCopied(true)
    } catch {
      // No clipboard API (plain http on a LAN address): select the text so Ctrl+C works.
      input.current?.select()
    }
  }

  return (
    <li className="cb-link">
      <label htmlFor={id} className="cb-link__label">
        {label}
      </label>
      {help && (
        <p className="cb-link__help" id={`${id}-help`}>
          {help}
        </p>
      )}
      <div className="cb-link__row">
        <input
          id={id}
          ref={input}
          data-testid={testId}
          className="cb-link__url"
          value={url}
          readOnly
          aria-describedby={help ? `${id}-help` : undefined}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="cb-button" aria-label={t('links.copyLabel', { role: label })} onClick={copy}>
          {copied ? t('links.copied') : t('links.copy')}
        </button>
      </div>
    </li>
  )
}
