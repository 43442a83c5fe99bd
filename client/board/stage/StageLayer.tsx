import { useEffect } from 'react'
import { useT } from '../../i18n/useT'
import { ResultsStage } from './ResultsStage'
import { isStageKey, STAGE_KEY_LABEL, useStageStore } from './stageStore'

/**
 * The board's « Résultats » button (everyone, beside « ? » and « Partager ») and Shift+R,
 * opening the results stage; the side column's « Voir les résultats » opens it through the
 * same store, on its round.
 */
export function StageLayer() {
  const t = useT()
  const target = useStageStore((s) => s.target)

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isStageKey(event, event.target instanceof HTMLElement ? event.target : null))
        return
      event.preventDefault()
      useStageStore.getState().open({ view: 'compass' })
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  return (
    <>
      <button
        type="button"
        className="cb-canvas-pill cb-stage-button"
        data-testid="stage-button"
        aria-haspopup="dialog"
        aria-keyshortcuts={STAGE_KEY_LABEL}
        title={t('stage.openTitle', { key: t('stage.key') })}
        onClick={() => useStageStore.getState().open({ view: 'compass' })}
        onPointerDown={(e) => e.stopPropagation()}
      >
        {t('stage.open')}
      </button>
      {target && <ResultsStage target={target} />}
    </>
  )
}
