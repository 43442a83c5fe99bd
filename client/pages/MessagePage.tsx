import type { ReactNode } from 'react'
import { LocaleSwitch } from '../LocaleSwitch'
import { useT } from '../i18n/useT'

export interface MessagePageProps {
  title: string
  body: string
  /** Buttons before « Retour à l’accueil ». */
  actions?: ReactNode
  /** More text under the body (hints, details). */
  children?: ReactNode
  testId: string
  /** Drop the home link where home cannot help (the app itself failed to start). */
  noHome?: boolean
}

/** A full page with one message: the shape of every "this cannot open" page. */
export function MessagePage({ title, body, actions, children, testId, noHome }: MessagePageProps) {
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
        {children}
        <div className="cb-actions">
          {actions}
          {!noHome && (
            <a className="cb-button cb-button--quiet" href="/">
              {t('page.home')}
            </a>
          )}
        </div>
      </section>
    </main>
  )
}
