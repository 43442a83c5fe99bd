import { useState } from 'react'
import { useT } from '../../i18n/useT'
import { useControlPublic } from '../control/useControl'
import { minutesToDurationMs } from './timerFormat'
import { TimerDisplay } from './TimerDisplay'
import { useCommand } from '../control/useCommand'

/** Start (with a length, the current phase's by default), pause, resume, add a minute, stop. */
export function TimerControls() {
  const t = useT()
  const run = useCommand()
  const timer = useControlPublic('timer')
  const agenda = useControlPublic('agenda')
  const phaseMinutes = agenda?.phases.find((p) => p.id === agenda.currentId)?.durationMin
  const [minutes, setMinutes] = useState<string | null>(null)
  const shown = minutes ?? String(phaseMinutes ?? 5)
  const durationMs = minutesToDurationMs(shown)
  const status = timer?.status ?? 'idle'
  const set = status === 'running' || status === 'paused'

  return (
    <div className="cb-fp-timer">
      <form
        className="cb-fp-form cb-fp-form--inline"
        onSubmit={(event) => {
          event.preventDefault()
          if (durationMs !== null) void run({ type: 'timer.start', durationMs })
        }}
      >
        <label htmlFor="cb-timer-minutes">{t('facil.timer.minutes')}</label>
        <input
          id="cb-timer-minutes"
          inputMode="decimal"
          value={shown}
          aria-invalid={durationMs === null}
          aria-describedby="cb-timer-minutes-hint"
          onChange={(e) => setMinutes(e.target.value)}
        />
        <button
          type="submit"
          className="cb-fp-button cb-fp-button--primary cb-fp-button--small"
          disabled={durationMs === null}
        >
          {set ? t('facil.timer.restart') : t('facil.timer.start')}
        </button>
      </form>
      <p id="cb-timer-minutes-hint" className="cb-fp-hint">
        {durationMs === null ? t('facil.timer.invalidMinutes') : t('facil.timer.hint')}
      </p>
      <div className="cb-fp-actions">
        {status === 'running' && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--small"
            onClick={() => void run({ type: 'timer.pause' })}
          >
            {t('facil.timer.pause')}
          </button>
        )}
        {status === 'paused' && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--small"
            onClick={() => void run({ type: 'timer.resume' })}
          >
            {t('facil.timer.resume')}
          </button>
        )}
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          disabled={!set}
          onClick={() => void run({ type: 'timer.addMinute' })}
        >
          {t('facil.timer.addMinute')}
        </button>
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          disabled={!set}
          onClick={() => void run({ type: 'timer.addMinutes', minutes: 5 })}
        >
          {t('facil.timer.addFive')}
        </button>
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          disabled={!set}
          onClick={() => void run({ type: 'timer.stop' })}
        >
          {t('facil.timer.stop')}
        </button>
        <TimerDisplay />
      </div>
    </div>
  )
}
