import { useState, type FormEvent } from 'react'
import { useEditor, useValue } from 'tldraw'
import { isCardType } from '../../../shared/cards/cardTypes'
import { MAX_LABEL_LENGTH } from '../../../shared/control/compass'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useCommand } from '../control/useCommand'
import { cardSubjectText } from './subject'

/**
 * The facilitator opens a round: a label (« Situation actuelle », « Visée 2030 ») and a
 * subject, the whole coalition or the one card selected on the board.
 */
export function OpenRoundForm() {
  const t = useT()
  const editor = useEditor()
  const locale = useUiStore((s) => s.locale)
  const send = useCommand({ report: 'inline' })
  const [label, setLabel] = useState('')
  const [aboutCard, setAboutCard] = useState(false)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ error: boolean; text: string } | null>(null)
  const selectedCard = useValue(
    'compass selected card',
    () => {
      const selected = editor.getSelectedShapes()
      return selected.length === 1 && isCardType(selected[0].type)
        ? { id: selected[0].id, text: cardSubjectText(editor, selected[0].id, locale, t) }
        : null
    },
    [editor, locale, t],
  )
  const cardChoice = aboutCard && selectedCard !== null

  async function submit(event: FormEvent) {
    event.preventDefault()
    const text = label.trim() || t('compass.open.defaultLabel')
    setBusy(true)
    const subject = cardChoice ? ({ kind: 'card', cardId: selectedCard.id } as const) : ({ kind: 'coalition' } as const)
    const answer = await send({ type: 'compass.openRound', label: text, subject })
    setBusy(false)
    setMessage(
      answer.ok
        ? { error: false, text: t('compass.open.opened', { label: text }) }
        : { error: true, text: answer.text },
    )
    if (answer.ok) setLabel('')
  }

  return (
    <form className="cb-compass-open" onSubmit={submit} aria-labelledby="cb-compass-open-title">
      <h3 id="cb-compass-open-title">{t('compass.open.title')}</h3>
      <label className="cb-compass-field">
        <span>{t('compass.open.label')}</span>
        <input
          type="text"
          value={label}
          maxLength={MAX_LABEL_LENGTH}
          placeholder={t('compass.open.defaultLabel')}
          aria-describedby="cb-compass-open-hint"
          onChange={(event) => setLabel(event.target.value)}
        />
      </label>
      <small id="cb-compass-open-hint" className="cb-compass-note">
        {t('compass.open.labelHint')}
      </small>
      <fieldset className="cb-compass-subject">
        <legend>{t('compass.open.subject')}</legend>
        <label>
          <input type="radio" name="cb-compass-subject" checked={!cardChoice} onChange={() => setAboutCard(false)} />{' '}
          {t('compass.open.subjectCoalition')}
        </label>
        <label>
          <input
            type="radio"
            name="cb-compass-subject"
            checked={cardChoice}
            disabled={!selectedCard}
            onChange={() => setAboutCard(true)}
          />{' '}
          {t('compass.open.subjectCard')} ({selectedCard ? selectedCard.text : t('compass.open.noCard')})
        </label>
      </fieldset>
      <button type="submit" className="cb-button cb-button--small" disabled={busy}>
        {t('compass.open.submit')}
      </button>
      {message && (
        <p className={message.error ? 'cb-error' : 'cb-compass-note'} role={message.error ? 'alert' : 'status'}>
          {message.text}
        </p>
      )}
    </form>
  )
}
