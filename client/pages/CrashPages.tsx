import { useT } from '../i18n/useT'
import { MessagePage } from './MessagePage'

function ReloadButton() {
  const t = useT()
  return (
    <button type="button" className="cb-button" onClick={() => location.reload()}>
      {t('page.reload')}
    </button>
  )
}

/** Anything outside the board threw while rendering: a message, never a stack trace. */
export function AppCrashPage() {
  const t = useT()
  return (
    <MessagePage
      testId="app-crash"
      title={t('page.crash.title')}
      body={t('page.crash.body')}
      actions={<ReloadButton />}
    />
  )
}

/**
 * The board threw (our code or tldraw's). The work is safe: every edit is in the browser's
 * offline copy and, once connected, on the server; a reload reopens it.
 */
export function BoardCrashPage() {
  const t = useT()
  return (
    <MessagePage
      testId="board-crash"
      title={t('page.boardCrash.title')}
      body={t('page.boardCrash.body')}
      actions={<ReloadButton />}
    />
  )
}

/** The board's code could not be downloaded (network lost, or a new version replaced it). */
export function BoardLoadFailedPage() {
  const t = useT()
  return (
    <MessagePage
      testId="board-load-failed"
      title={t('page.loadFailed.title')}
      body={t('page.loadFailed.body')}
      actions={<ReloadButton />}
    />
  )
}

/**
 * tldraw's own error boundary (`components.ErrorFallback`): our page over the whole board,
 * in place of tldraw's English screen with its stack trace and "reset data" button.
 */
export function BoardErrorFallback({ error }: { error: unknown }) {
  console.error('board crashed', error)
  return (
    <div className="cb-crash-cover">
      <BoardCrashPage />
    </div>
  )
}
