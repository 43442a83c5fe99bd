import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { SCORE_VALUES, type ScoreValue } from '../../../shared/compass/aggregate'
import type { Axis } from '../../../shared/compass/axes'
import { MAX_COMMENT_LENGTH, type CompassScore } from '../../../shared/control/compass'
import type { Locale } from '../../../shared/workshop'
import { useT } from '../../i18n/useT'
import type { CommandAnswer } from '../control/useCommand'

type SaveState = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'error'; text: string }

export interface AxisScoreFieldProps {
  roundId: string
  axis: Axis
  question: string
  locale: Locale
  /** What the server holds for me on this axis. */
  saved: CompassScore | undefined
  /** The round is closed: shown, not editable. */
  closed: boolean
  save(value: ScoreValue, comment: string | undefined): Promise<CommandAnswer>
}

/**
 * One axis of my scoring sheet: a native radio group 0–4 + « non concerné » (arrow keys move
 * and select, Space selects), the axis's guiding question as its description, an optional
 * comment saved when leaving the field or on Enter, and a visible saved / error state.
 * A choice is shown at once and kept until the server's copy of my scores agrees with it.
 */
export function AxisScoreField({ roundId, axis, question, locale, saved, closed, save }: AxisScoreFieldProps) {
  const t = useT()
  const [pending, setPending] = useState<ScoreValue | null>(null)
  const [draft, setDraft] = useState<string | null>(null)
  const [state, setState] = useState<SaveState>({ kind: 'idle' })
  // Only the latest command's answer says what the field shows.
  const sequence = useRef(0)
  const base = `cb-compass-${roundId}-${axis.code}`
  const current = pending ?? saved?.value ?? null
  const savedComment = saved?.comment ?? ''

  useEffect(() => {
    if (pending !== null && saved?.value === pending) setPending(null)
  }, [pending, saved?.value])
  useEffect(() => {
    if (draft !== null && savedComment === draft.trim()) setDraft(null)
  }, [draft, savedComment])

  async function send(value: ScoreValue, comment: string | undefined) {
    const mine = ++sequence.current
    setState({ kind: 'saving' })
    const outcome = await save(value, comment)
    if (mine !== sequence.current) return
    if (outcome.ok) setState({ kind: 'saved' })
    else {
      setPending(null)
      setState({ kind: 'error', text: outcome.text })
    }
  }

  function chooseValue(value: ScoreValue) {
    setPending(value)
    void send(value, draft ?? undefined)
  }

  function saveComment() {
    if (draft === null || draft.trim() === savedComment) return
    if (current === null) {
      setState({ kind: 'error', text: t('compass.score.commentNeedsValue') })
      return
    }
    void send(current, draft)
  }

  function onCommentKey(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter') {
      event.preventDefault()
      saveComment()
    }
  }

  const status =
    state.kind === 'saving'
      ? t('compass.score.saving')
      : state.kind === 'saved'
        ? t('compass.score.saved')
        : state.kind === 'error'
          ? t('compass.score.error', { reason: state.text })
          : ''

  return (
    <fieldset className="cb-compass-axis" disabled={closed} data-axis={axis.code}>
      <legend id={`${base}-name`} className="cb-compass-axis__name">
        {axis.label[locale]}
      </legend>
      <p id={`${base}-question`} className="cb-compass-axis__question">
        {question}
      </p>
      <div
        role="radiogroup"
        aria-labelledby={`${base}-name`}
        aria-describedby={`${base}-question`}
        className="cb-compass-scale"
      >
        {SCORE_VALUES.map((value) => (
          <label
            key={value}
            className="cb-compass-scale__option"
            title={value === 'nc' ? undefined : t(`compass.scale.${value}`)}
          >
            <input
              type="radio"
              name={`${base}-value`}
              value={String(value)}
              checked={current === value}
              onChange={() => chooseValue(value)}
            />
            <span aria-hidden="true">{value === 'nc' ? t('compass.scale.ncShort') : value}</span>
            <span className="cb-visually-hidden">
              {value === 'nc' ? t('compass.scale.nc') : `${value} — ${t(`compass.scale.${value}`)}`}
            </span>
          </label>
        ))}
      </div>
      <label className="cb-compass-axis__comment">
        <span>{t('compass.score.comment')}</span>
        <input
          type="text"
          maxLength={MAX_COMMENT_LENGTH}
          value={draft ?? savedComment}
          onChange={(event) => {
            setDraft(event.target.value)
            // « Enregistré » no longer describes what is being typed.
            if (state.kind !== 'saving') setState({ kind: 'idle' })
          }}
          onBlur={saveComment}
          onKeyDown={onCommentKey}
          aria-describedby={`${base}-status`}
        />
      </label>
      <p id={`${base}-status`} role="status" className="cb-compass-axis__status" data-state={state.kind}>
        {status}
      </p>
    </fieldset>
  )
}
