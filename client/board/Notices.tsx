import { useT } from '../i18n/useT'
import { useUiStore } from '../state/uiStore'

/** Small dismissible notices (skipped records, outdated client, server limits). */
export function Notices() {
  const t = useT()
  const notices = useUiStore((s) => s.notices)
  const dismiss = useUiStore((s) => s.dismissNotice)
  if (notices.length === 0) return null
  return (
    <ul className="cb-notices" aria-live="polite">
      {notices.map((notice) => (
        <li key={notice.id} className="cb-notice" data-testid="notice" data-key={notice.key}>
          <span>{t(notice.key, notice.params)}</span>
          {notice.action === 'reload' && (
            <button type="button" className="cb-button cb-button--small" onClick={() => location.reload()}>
              {t('board.reload')}
            </button>
          )}
          <button
            type="button"
            className="cb-button cb-button--quiet cb-button--small"
            onClick={() => dismiss(notice.id)}
          >
            {t('board.dismiss')}
          </button>
        </li>
      ))}
    </ul>
  )
}
