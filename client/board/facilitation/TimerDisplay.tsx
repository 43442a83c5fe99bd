import { useControlPublic } from '../control/useControl'
import { useT } from '../../i18n/useT'
import { readTimer } from './timerFormat'
import { useServerNow } from './useServerNow'

/**
 * The workshop timer as everyone sees it, computed from the server's state and clock.
 * At zero it says « Temps écoulé » and pulses gently (a steady highlight when the person prefers reduced motion);
 * screen readers hear the phase end once, not every second.
 */
export function TimerDisplay() {
  const t = useT()
  const timer = useControlPublic('timer')
  const now = useServerNow(timer?.status === 'running')
  const reading = readTimer(timer, now)
  if (reading.text === null) return null
  const status = reading.finished ? 'finished' : reading.paused ? 'paused' : 'running'
  return (
    <div className="cb-timer" data-status={status} data-testid="timer" role="timer" aria-label={t('facil.timer.label')}>
      <span className="cb-timer__text" data-testid="timer-text">
        {reading.text}
      </span>
      {reading.paused && <span className="cb-timer__state">{t('facil.timer.paused')}</span>}
      {reading.finished && (
        <span className="cb-timer__state cb-timer__state--up" data-testid="timer-up">
          {t('facil.timer.timeUp')}
        </span>
      )}
      <span className="cb-fp-sr-only" aria-live="polite">
        {reading.finished ? t('facil.timer.finished') : ''}
      </span>
    </div>
  )
}
