import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import {
  activityOf,
  movesEveryone,
  PHASE_ACTIVITIES,
  type Phase,
  type PhaseActivity,
} from '../../../shared/control/agenda'
import { useT } from '../../i18n/useT'
import { useControlPublic } from '../control/useControl'
import { useCommand } from '../control/useCommand'
import { phaseSteps } from './phaseSteps'
import { useLaunchPhase } from './useLaunchPhase'
import { goToFrame } from './zone'

/** The one frame selected on the board, if exactly one frame is (to bind a phase to it). */
function useSelectedFrameId(): string | null {
  const editor = useEditor()
  return useValue(
    'selected frame',
    () => {
      const shapes = editor.getSelectedShapes()
      return shapes.length === 1 && shapes[0].type === 'frame' ? shapes[0].id : null
    },
    [editor],
  )
}

function PhaseForm({ phase, onDone }: { phase: Phase; onDone(): void }) {
  const t = useT()
  const run = useCommand()
  const selectedFrameId = useSelectedFrameId()
  const [name, setName] = useState(phase.name)
  const [minutes, setMinutes] = useState(String(phase.durationMin))
  const [instructions, setInstructions] = useState(phase.instructions)
  const [activity, setActivity] = useState<PhaseActivity>(activityOf(phase))
  const [moveEveryone, setMoveEveryone] = useState(movesEveryone(phase))
  const idBase = `cb-phase-${phase.id}`

  const save = async () => {
    const durationMin = Number(minutes)
    const { ok } = await run({
      type: 'agenda.updatePhase',
      id: phase.id,
      ...(name.trim() !== phase.name ? { name } : {}),
      ...(durationMin !== phase.durationMin ? { durationMin } : {}),
      ...(instructions.trim() !== phase.instructions ? { instructions } : {}),
      ...(activity !== activityOf(phase) ? { activity } : {}),
      ...(moveEveryone !== movesEveryone(phase) ? { moveEveryone } : {}),
    })
    if (ok) onDone()
  }

  return (
    <form
      className="cb-fp-form"
      onSubmit={(event) => {
        event.preventDefault()
        void save()
      }}
    >
      <label htmlFor={`${idBase}-name`}>{t('facil.agenda.name')}</label>
      <input id={`${idBase}-name`} value={name} maxLength={200} required onChange={(e) => setName(e.target.value)} />
      <label htmlFor={`${idBase}-minutes`}>{t('facil.agenda.minutes')}</label>
      <input
        id={`${idBase}-minutes`}
        type="number"
        min={1}
        max={480}
        step={1}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
      />
      <label htmlFor={`${idBase}-instructions`}>{t('facil.agenda.instructions')}</label>
      <textarea
        id={`${idBase}-instructions`}
        rows={3}
        maxLength={2000}
        value={instructions}
        onChange={(e) => setInstructions(e.target.value)}
      />
      <label htmlFor={`${idBase}-activity`}>{t('facil.agenda.activity')}</label>
      <select id={`${idBase}-activity`} value={activity} onChange={(e) => setActivity(e.target.value as PhaseActivity)}>
        {PHASE_ACTIVITIES.map((a) => (
          <option key={a} value={a}>
            {t(`facil.activity.${a}`)}
          </option>
        ))}
      </select>
      <label className="cb-fp-check">
        <input type="checkbox" checked={moveEveryone} onChange={(e) => setMoveEveryone(e.target.checked)} />
        {t('facil.agenda.moveEveryone')}
      </label>
      <p className="cb-fp-hint">{phase.frameId ? t('facil.agenda.frameBound') : t('facil.agenda.frameNone')}</p>
      <div className="cb-fp-actions">
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          disabled={!selectedFrameId || selectedFrameId === phase.frameId}
          onClick={() => void run({ type: 'agenda.updatePhase', id: phase.id, frameId: selectedFrameId })}
        >
          {t('facil.agenda.bindFrame')}
        </button>
        {phase.frameId && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--small"
            onClick={() => void run({ type: 'agenda.updatePhase', id: phase.id, frameId: null })}
          >
            {t('facil.agenda.unbindFrame')}
          </button>
        )}
      </div>
      <div className="cb-fp-actions">
        <button type="submit" className="cb-fp-button cb-fp-button--primary cb-fp-button--small">
          {t('facil.save')}
        </button>
        <button type="button" className="cb-fp-button cb-fp-button--small" onClick={onDone}>
          {t('facil.cancel')}
        </button>
      </div>
    </form>
  )
}

function AddPhase() {
  const t = useT()
  const run = useCommand()
  const [name, setName] = useState('')
  const [minutes, setMinutes] = useState('15')
  return (
    <form
      className="cb-fp-form cb-fp-form--inline"
      onSubmit={async (event) => {
        event.preventDefault()
        if ((await run({ type: 'agenda.addPhase', name, durationMin: Number(minutes) })).ok) setName('')
      }}
    >
      <label htmlFor="cb-add-phase-name">{t('facil.agenda.newPhase')}</label>
      <input id="cb-add-phase-name" value={name} maxLength={200} required onChange={(e) => setName(e.target.value)} />
      <label htmlFor="cb-add-phase-minutes">{t('facil.agenda.minutes')}</label>
      <input
        id="cb-add-phase-minutes"
        type="number"
        min={1}
        max={480}
        value={minutes}
        onChange={(e) => setMinutes(e.target.value)}
      />
      <button type="submit" className="cb-fp-button cb-fp-button--small">
        {t('facil.agenda.add')}
      </button>
    </form>
  )
}

/**
 * The agenda, editable: launch any phase (or the next, the previous, the current one
 * again), rename, time, choose its activity and whether it gathers everyone, write the
 * instructions, bind a phase to the selected frame, reorder, add, remove.
 */
export function AgendaEditor() {
  const t = useT()
  const editor = useEditor()
  const run = useCommand()
  const launch = useLaunchPhase()
  const agenda = useControlPublic('agenda')
  const [editing, setEditing] = useState<string | null>(null)
  if (!agenda) return null
  const { phases, currentId } = agenda
  const { current, previous, next } = phaseSteps(agenda)

  return (
    <div className="cb-fp-agenda">
      <div className="cb-fp-actions">
        {/* Each step launches a phase (zone, timer, activity); the buttons say where they lead. */}
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          disabled={!previous}
          onClick={() => previous && void launch(previous)}
        >
          {t('facil.agenda.previous')}
        </button>
        <button
          type="button"
          className="cb-fp-button cb-fp-button--primary cb-fp-button--small"
          disabled={!next}
          onClick={() => next && void launch(next)}
        >
          {!current
            ? t('facil.agenda.start')
            : next
              ? t('facil.launch.next', { name: next.name, minutes: next.durationMin })
              : t('facil.launch.last')}
        </button>
        {current && (
          <button type="button" className="cb-fp-button cb-fp-button--small" onClick={() => void launch(current)}>
            {t('facil.launch.relaunch')}
          </button>
        )}
        {currentId !== null && (
          <button
            type="button"
            className="cb-fp-button cb-fp-button--quiet cb-fp-button--small"
            onClick={() => void run({ type: 'agenda.setCurrent', id: null })}
          >
            {t('facil.agenda.reset')}
          </button>
        )}
      </div>
      <ol className="cb-fp-phases" data-testid="agenda-phases">
        {phases.map((phase, i) => (
          <li key={phase.id} className="cb-fp-phase" data-current={phase.id === currentId || undefined}>
            <div className="cb-fp-phase__row">
              <button
                type="button"
                className="cb-fp-phase__name"
                aria-pressed={phase.id === currentId}
                aria-label={t('facil.launch.phase', { name: phase.name })}
                onClick={() => void launch(phase)}
              >
                {phase.name}
              </button>
              <span className="cb-fp-muted">
                {t('facil.agenda.duration', { minutes: phase.durationMin })} ·{' '}
                {t(`facil.activity.${activityOf(phase)}`)}
              </span>
            </div>
            <div className="cb-fp-actions">
              <button
                type="button"
                className="cb-fp-button cb-fp-button--quiet cb-fp-button--small"
                aria-expanded={editing === phase.id}
                onClick={() => setEditing(editing === phase.id ? null : phase.id)}
              >
                {t('facil.agenda.edit')}
              </button>
              {phase.frameId && (
                <button
                  type="button"
                  className="cb-fp-button cb-fp-button--quiet cb-fp-button--small"
                  onClick={() => goToFrame(editor, phase.frameId)}
                >
                  {t('facil.header.goToZone')}
                </button>
              )}
              <button
                type="button"
                className="cb-fp-button cb-fp-button--quiet cb-fp-button--small"
                aria-label={t('facil.agenda.moveUp', { name: phase.name })}
                disabled={i === 0}
                onClick={() => void run({ type: 'agenda.movePhase', id: phase.id, toIndex: i - 1 })}
              >
                ↑
              </button>
              <button
                type="button"
                className="cb-fp-button cb-fp-button--quiet cb-fp-button--small"
                aria-label={t('facil.agenda.moveDown', { name: phase.name })}
                disabled={i === phases.length - 1}
                onClick={() => void run({ type: 'agenda.movePhase', id: phase.id, toIndex: i + 1 })}
              >
                ↓
              </button>
              <button
                type="button"
                className="cb-fp-button cb-fp-button--quiet cb-fp-button--small"
                aria-label={t('facil.agenda.remove', { name: phase.name })}
                onClick={() => {
                  if (window.confirm(t('facil.agenda.confirmRemove', { name: phase.name })))
                    void run({ type: 'agenda.removePhase', id: phase.id })
                }}
              >
                ✕
              </button>
            </div>
            {editing === phase.id && <PhaseForm phase={phase} onDone={() => setEditing(null)} />}
          </li>
        ))}
      </ol>
      <AddPhase />
    </div>
  )
}
