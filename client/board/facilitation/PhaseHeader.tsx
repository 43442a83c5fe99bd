import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { useT } from '../../i18n/useT'
import { useBoardInfo } from '../boardContext'
import { useControlPublic } from '../control/useControl'
import { TimerDisplay } from './TimerDisplay'
import { useCommand } from '../control/useCommand'
import { frameOnBoard, goToFrame, zoneOf } from './zone'

/**
 * The header everyone sees above the board: the phase in progress with its instructions,
 * « Aller à la zone » (their view to the phase's frame), the timer, and what is happening
 * to their board (locked, view led by someone). Facilitators also step through phases here.
 */
export function PhaseHeader() {
  const t = useT()
  const editor = useEditor()
  const { role } = useBoardInfo()
  const agenda = useControlPublic('agenda')
  const lock = useControlPublic('lock')
  const run = useCommand()
  const [instructionsOpen, setInstructionsOpen] = useState(true)

  const index = agenda ? agenda.phases.findIndex((p) => p.id === agenda.currentId) : -1
  const current = index >= 0 ? agenda!.phases[index] : undefined
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

  return (
    <section className="cb-phase-header" aria-label={t('facil.header.label')} data-testid="phase-header">
      <div className="cb-phase-header__row">
        {facilitator && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--quiet"
            aria-label={t('facil.agenda.previous')}
            title={t('facil.agenda.previous')}
            disabled={index <= 0}
            onClick={() => void run({ type: 'agenda.previous' })}
          >
            ◀
          </button>
        )}
        {current ? (
          <h2 className="cb-phase-header__name">
            <span className="cb-phase-header__step">{t('facil.header.step', { n: index + 1, total })}</span>{' '}
            <span data-testid="phase-name">{current.name}</span>
          </h2>
        ) : (
          <h2 className="cb-phase-header__name" data-testid="phase-name-none">
            {t('facil.header.notStarted')}
          </h2>
        )}
        {facilitator && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--quiet"
            aria-label={t('facil.agenda.next')}
            title={t('facil.agenda.next')}
            disabled={total === 0 || index === total - 1}
            onClick={() => void run({ type: 'agenda.next' })}
          >
            ▶
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
                void run({ type: 'facilitation.summon', ...zone }).then((ok) => ok && goToFrame(editor, frameId))
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
      </div>
      {current?.instructions && instructionsOpen && (
        <p id="cb-phase-instructions" className="cb-phase-header__instructions" data-testid="phase-instructions">
          {current.instructions}
        </p>
      )}
      {lock?.board && (
        <p className="cb-phase-header__banner" role="status" data-testid="board-locked">
          {facilitator ? t('facil.lock.boardLockedFacilitator') : t('facil.lock.boardLocked')}
        </p>
      )}
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
