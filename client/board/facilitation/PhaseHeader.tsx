import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useT } from '../../i18n/useT'
import { useBoardInfo } from '../boardContext'
import { useNarrow } from '../useNarrow'
import { useControlPublic } from '../control/useControl'
import { TimerDisplay } from './TimerDisplay'
import { useCommand } from '../control/useCommand'
import { phaseSteps } from './phaseSteps'
import { useLaunchPhase } from './useLaunchPhase'
import { readTimer } from './timerFormat'
import { useChimeAtZero, useTimerSound } from './timerSignal'
import { useServerNow } from './useServerNow'
import { frameOnBoard, goToFrame, zoneOf } from './zone'

/**
 * The header everyone sees above the board: the phase in progress with its instructions,
 * « Aller à la zone » (their view to the phase's frame), the timer with its signal at zero
 * (sound on or off, each person's choice), and what is happening to their board (locked,
 * view led by someone). Facilitators run the agenda from here: « Commencer l’atelier »,
 * then « Suivant : Boussole — 25 min », each one action that launches the phase (current,
 * everyone in its zone, its timer, its activity open on every screen), and « +5 min ».
 *
 * On a narrow screen (a phone) the whole header took a quarter of the height: there it is
 * one line — the phase, the timer and « Détails » — and « Détails » unfolds the rest.
 */
export function PhaseHeader() {
  const t = useT()
  const editor = useEditor()
  const { role } = useBoardInfo()
  const agenda = useControlPublic('agenda')
  const lock = useControlPublic('lock')
  const timer = useControlPublic('timer')
  const run = useCommand()
  const launch = useLaunchPhase()
  const [instructionsOpen, setInstructionsOpen] = useState(true)
  const narrow = useNarrow()
  const [unfolded, setUnfolded] = useState(false)
  const compact = narrow && !unfolded
  const [soundOn, toggleSound] = useTimerSound(role)
  const now = useServerNow(timer?.status === 'running')
  const reading = readTimer(timer, now)
  useChimeAtZero(timer ? reading.finished : null, soundOn)

  const { current, index, previous, next } = phaseSteps(agenda)
  const frameId = current?.frameId ?? null
  const hasFrame = useValue('phase frame on board', () => frameOnBoard(editor, frameId) !== undefined, [
    editor,
    frameId,
  ])
  const followed = useValue(
    'followed person',
    () => {
      const id = editor.getInstanceState().followingUserId
      if (!id) return null
      return editor.getCollaborators().find((c) => c.userId === id)?.userName || t('presence.unnamed')
    },
    [editor, t],
  )
  const facilitator = role === 'facilitator'
  const total = agenda?.phases.length ?? 0
  const timerSet = timer?.status === 'running' || timer?.status === 'paused'

  const phaseName = (step: 'facil.header.step' | 'facil.header.stepShort') =>
    current ? (
      <h2 className="cb-phase-header__name">
        <span className="cb-phase-header__step">{t(step, { n: index + 1, total })}</span>{' '}
        <span data-testid="phase-name">{current.name}</span>
      </h2>
    ) : (
      <h2 className="cb-phase-header__name" data-testid="phase-name-none">
        {t('facil.header.notStarted')}
      </h2>
    )
  const lockBanner = lock?.board && (
    <p className="cb-phase-header__banner" role="status" data-testid="board-locked">
      {facilitator ? t('facil.lock.boardLockedFacilitator') : t('facil.lock.boardLocked')}
    </p>
  )
  const detailsToggle = narrow && (
    <button
      type="button"
      className="cb-fp-button cb-fp-button--quiet cb-fp-button--small cb-phase-header__details"
      aria-expanded={unfolded}
      data-testid="phase-header-details"
      onClick={() => setUnfolded(!unfolded)}
    >
      {t(unfolded ? 'facil.header.less' : 'facil.header.more')}
    </button>
  )

  if (compact) {
    return (
      <section
        className="cb-phase-header cb-phase-header--compact"
        aria-label={t('facil.header.label')}
        data-testid="phase-header"
      >
        <div className="cb-phase-header__row">
          {phaseName('facil.header.stepShort')}
          <TimerDisplay />
          {detailsToggle}
        </div>
        {lockBanner}
      </section>
    )
  }

  return (
    <section className="cb-phase-header" aria-label={t('facil.header.label')} data-testid="phase-header">
      <div className="cb-phase-header__row">
        {facilitator && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--quiet"
            aria-label={t('facil.agenda.previous')}
            title={previous ? t('facil.launch.phase', { name: previous.name }) : t('facil.agenda.previous')}
            disabled={!previous}
            onClick={() => previous && void launch(previous)}
          >
            ◀
          </button>
        )}
        {phaseName('facil.header.step')}
        {facilitator && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--primary cb-phase-header__next"
            data-testid="launch-next"
            title={next ? t('facil.launch.hint') : undefined}
            disabled={!next}
            onClick={() => next && void launch(next)}
          >
            {!current
              ? t('facil.agenda.start')
              : next
                ? t('facil.launch.next', { name: next.name, minutes: next.durationMin })
                : t('facil.launch.last')}
          </button>
        )}
        {current && hasFrame && (
          <button type="button" className="cb-fp-button" onClick={() => goToFrame(editor, frameId)}>
            {t('facil.header.goToZone')}
          </button>
        )}
        {facilitator && current && hasFrame && (
          <button
            type="button"
            className="cb-fp-button"
            onClick={() => {
              const zone = zoneOf(editor, frameId)
              // Everyone else moves on the server's word; the facilitator goes there too.
              if (zone)
                void run({ type: 'facilitation.summon', ...zone }).then(
                  (answer) => answer.ok && goToFrame(editor, frameId),
                )
            }}
          >
            {t('facil.header.bringEveryone')}
          </button>
        )}
        {current?.instructions && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--quiet"
            aria-expanded={instructionsOpen}
            aria-controls="cb-phase-instructions"
            onClick={() => setInstructionsOpen(!instructionsOpen)}
          >
            {t('facil.header.instructions')}
          </button>
        )}
        <TimerDisplay />
        {facilitator && timerSet && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--small"
            data-testid="timer-add-five"
            onClick={() => void run({ type: 'timer.addMinutes', minutes: 5 })}
          >
            {t('facil.timer.addFive')}
          </button>
        )}
        {reading.text !== null && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--quiet cb-fp-button--small"
            aria-pressed={soundOn}
            aria-label={t('facil.timer.sound')}
            title={t('facil.timer.sound')}
            data-testid="timer-sound"
            onClick={toggleSound}
          >
            <BellIcon on={soundOn} />
          </button>
        )}
        {detailsToggle}
      </div>
      {current?.instructions && instructionsOpen && (
        <p id="cb-phase-instructions" className="cb-phase-header__instructions" data-testid="phase-instructions">
          {current.instructions}
        </p>
      )}
      {lockBanner}
      {followed !== null && (
        <p className="cb-phase-header__banner" role="status" data-testid="following">
          {t('facil.follow.following', { name: followed })}{' '}
          <button type="button" className="cb-fp-button cb-fp-button--small" onClick={() => editor.stopFollowingUser()}>
            {t('facil.follow.stop')}
          </button>
        </p>
      )}
    </section>
  )
}

/** A bell, struck through when the sound is off (drawn here: no emoji font needed). */
function BellIcon({ on }: { on: boolean }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <path
        d="M8 1.5a4 4 0 0 0-4 4v3L2.5 11h11L12 8.5v-3a4 4 0 0 0-4-4ZM6.5 12.5a1.5 1.5 0 0 0 3 0"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.4"
        strokeLinejoin="round"
      />
      {!on && <path d="M2 2l12 12" stroke="currentColor" strokeWidth="1.6" />}
    </svg>
  )
}
