import { useT } from '../i18n/useT'
import { useUiStore } from '../state/uiStore'
import { useBoardInfo } from './boardContext'

/** The connection badge: connecté / reconnexion… / hors ligne, announced politely. */
export function ConnectionStatus() {
  const t = useT()
  const status = useUiStore((s) => s.connection)
  const { readOnly } = useBoardInfo()
  return (
    <div className="cb-status-bar">
      <p
        className={`cb-status cb-status--${status}`}
        role="status"
        aria-label={t('connection.label')}
        data-testid="connection-status"
        data-status={status}
      >
        <span className="cb-status__dot" aria-hidden="true" />
        {t(`connection.${status}`)}
      </p>
      {readOnly && (
        <p className="cb-status cb-status--readonly" data-testid="readonly-badge">
          {t('board.readonly')}
        </p>
      )}
    </div>
  )
}
