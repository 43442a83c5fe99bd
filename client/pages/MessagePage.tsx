import type { ReactNode } from 'react'
import { LocaleSwitch } from '../LocaleSwitch'
import { useT } from '../i18n/useT'

/** A full page with one message: the shape of every "this cannot open" page. */
export function MessagePage({ title, body, actions, testId }: { title: string; body: string; actions?: ReactNode; testId: string }) {
  const t = useT()
  return (
    <main className="cb-page cb-message" data-testid={testId}>
      <header className="cb-page__header">
        <a className="cb-brand" href="/">
          {t('app.name')}
        </a>
        <LocaleSwitch />
      </header>
      <section className="cb-card" aria-labelledby="cb-message-title">
        <h1 id="cb-message-title">{title}</h1>
        <p>{body}</p>
        <div className="cb-actions">
          {actions}
          <a className="cb-button cb-button--quiet" href="/">
            {t('page.home')}
          </a>
        </div>
      </section>
    </main>
  )
}
