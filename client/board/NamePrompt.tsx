import { useState, type FormEvent } from 'react'
import { normalizeDisplayName } from '../identity/identity'
import { useT } from '../i18n/useT'
import { LocaleSwitch } from '../LocaleSwitch'
import { useUiStore } from '../state/uiStore'

/** Asked once per browser: the name shown next to the cursor and in the presence list. */
export function NamePrompt({ workshopTitle }: { workshopTitle: string }) {
  const t = useT()
  const setDisplayName = useUiStore((s) => s.setDisplayName)
  const [name, setName] = useState('')
  const [error, setError] = useState(false)

  function onSubmit(event: FormEvent) {
    event.preventDefault()
    const normalized = normalizeDisplayName(name)
    if (!normalized) {
      setError(true)
      return
    }
    setDisplayName(normalized)
  }

  return (
    <main className="cb-page" data-testid="name-prompt">
      <header className="cb-page__header">
        <span className="cb-brand">{workshopTitle}</span>
        <LocaleSwitch />
      </header>
      <section className="cb-card" aria-labelledby="cb-name-title">
        <h1 id="cb-name-title">{t('name.title')}</h1>
        <p>{t('name.intro')}</p>
        <form onSubmit={onSubmit} noValidate>
          <div className="cb-field">
            <label htmlFor="cb-name">{t('name.field')}</label>
            <input
              id="cb-name"
              name="name"
              autoComplete="name"
              autoFocus
              maxLength={40}
              value={name}
              aria-invalid={error || undefined}
              aria-describedby={error ? 'cb-name-error' : undefined}
              onChange={(e) => setName(e.target.value)}
            />
          </div>
          {error && (
            <p className="cb-error" id="cb-name-error" role="alert">
              {t('name.required')}
            </p>
          )}
          <button type="submit" className="cb-button">
            {t('name.submit')}
          </button>
        </form>
      </section>
    </main>
  )
}
