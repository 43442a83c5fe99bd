import { useState, type ReactNode } from 'react'
import { useEditor, useValue } from 'tldraw'
import {
  CARD_FIELD_OPTIONS,
  cardTextMax,
  mainTextField,
  NOT_SET,
  notSetLabel,
  validateCardProps,
  type CardType,
  type FieldInfo,
} from '../../../shared/cards'
import { AXES } from '../../../shared/compass/axes'
import type { Locale } from '../../../shared/workshop'
import type { MessageKey, MessageParams } from '../../i18n/translate'
import { SharedTextInput } from '../text/SharedTextInput'
import { useFieldText } from '../text/cardTextContext'
import { useFlushNewCard } from '../text/useFlushNewCard'
import type { CardShape } from './cardShape'
import { actorChoices } from './actionOwner'
import { fitCardHeight } from './fitCardHeight'
import { placeActorOnGrid } from './gridPlacement'

type T = (key: MessageKey, params?: MessageParams) => string

interface FieldInputProps {
  card: CardShape
  field: string
  info: FieldInfo
  locale: Locale
  /** Viewer, outdated client, or locked by the facilitator: the input is disabled. */
  readOnly: boolean
  /** The panel's note saying why it is read-only, for `aria-describedby`. */
  reasonId?: string
  t: T
}

/** What a refused value gets as explanation, in the UI language, by kind of input. */
function refusal(t: T, info: FieldInfo, label: string, issues: string[]): string {
  switch (info.input) {
    case 'level':
      return t('cards.error.level', { field: label })
    case 'choice':
    case 'choices':
    case 'actor':
      return t('cards.error.choice', { field: label })
    case 'date':
      return t('cards.error.date', { field: label })
    default: {
      const max = issues.map((issue) => /longer than (\d+)/.exec(issue)?.[1]).find(Boolean)
      return max ? t('cards.error.tooLong', { field: label, max }) : t('cards.error.invalid', { field: label })
    }
  }
}

/**
 * One field of the selected card. A free-text field whose card has shared texts is bound to
 * its Y.Text (`SharedTextInput`): typing merges with others' typing character by character,
 * and an edit that would pass the field's limit is refused whole, with the reason. Other
 * values are checked with the card's schema before they are written; a refused one stays in
 * the input, marked invalid, with the reason read out (aria-live), and the card keeps its
 * last good value; focusing such a field opens one undo step for the edit.
 */
export function CardFieldInput({ card, field, info, locale, readOnly, reasonId, t }: FieldInputProps) {
  const editor = useEditor()
  const sharedText = useFieldText(card.id, field)
  useFlushNewCard(sharedText)
  const type = card.type as CardType
  const stored = (card.props as unknown as Record<string, unknown>)[field]
  const [draft, setDraft] = useState<string | null>(null)
  const [error, setError] = useState<string | null>(null)
  const id = `cb-field-${field}`
  const errorId = `${id}-error`
  const label = info.label[locale]

  const write = (value: unknown, text: string | null) => {
    const result = validateCardProps(type, { ...card.props, [field]: value })
    if (!result.ok) {
      setDraft(text)
      setError(refusal(t, info, label, result.issues))
      return
    }
    setDraft(null)
    setError(null)
    editor.updateShape({ id: card.id, type: card.type, props: { [field]: value } })
    if (type === 'actor' && (field === 'power' || field === 'interest')) placeActorOnGrid(editor, card.id)
  }
  const onFocus = () => editor.markHistoryStoppingPoint(`edit ${field}`)
  const common = {
    id,
    disabled: readOnly,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': reasonId ? `${errorId} ${reasonId}` : errorId,
    onFocus,
  }
  const isText = info.input === 'line' || info.input === 'multiline'

  let input: ReactNode
  if (isText && sharedText) {
    const max = cardTextMax(type, field)
    const shared = {
      id,
      text: sharedText,
      max,
      disabled: readOnly,
      'aria-invalid': error ? true : undefined,
      'aria-describedby': common['aria-describedby'],
      onTextChange: (_value: string, local: boolean, focused: boolean) => {
        if (local) setError(null)
        if ((local || focused) && field === mainTextField(type)) fitCardHeight(editor, card.id)
      },
      onRefused: () => setError(t('cards.error.tooLong', { field: label, max: String(max) })),
    }
    input =
      info.input === 'multiline' ? (
        <SharedTextInput {...shared} multiline rows={3} />
      ) : (
        <SharedTextInput {...shared} multiline={false} />
      )
  } else
    switch (info.input) {
      case 'line':
        input = (
          <input
            {...common}
            type="text"
            value={draft ?? String(stored ?? '')}
            onChange={(e) => write(e.target.value, e.target.value)}
          />
        )
        break
      case 'multiline':
        input = (
          <textarea
            {...common}
            rows={3}
            value={draft ?? String(stored ?? '')}
            onChange={(e) => write(e.target.value, e.target.value)}
          />
        )
        break
      case 'level':
        input = (
          <input
            {...common}
            type="number"
            inputMode="numeric"
            min={1}
            max={5}
            step={1}
            value={draft ?? String(stored ?? '')}
            onChange={(e) => write(e.target.value === '' ? undefined : Number(e.target.value), e.target.value)}
          />
        )
        break
      case 'choice': {
        const options = CARD_FIELD_OPTIONS[`${type}.${field}`] ?? []
        // An unset choice ('') reads « non renseigné » and can be chosen back.
        const known = stored === NOT_SET || options.some((option) => option.value === stored)
        input = (
          <select {...common} value={String(stored ?? '')} onChange={(e) => write(e.target.value, null)}>
            <option value={NOT_SET}>{notSetLabel(locale)}</option>
            {!known && (
              <option value={String(stored ?? '')}>
                {t('cards.panel.unknownValue', { value: String(stored ?? '') })}
              </option>
            )}
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label[locale]}
              </option>
            ))}
          </select>
        )
        break
      }
      case 'date':
        // The browser's date picker gives `YYYY-MM-DD` or '' (cleared): what the schema keeps.
        input = (
          <input
            {...common}
            type="date"
            value={draft ?? String(stored ?? '')}
            onChange={(e) => write(e.target.value, e.target.value)}
          />
        )
        break
      case 'actor':
        input = (
          <ActorSelect
            common={common}
            value={String(stored ?? '')}
            locale={locale}
            t={t}
            onChange={(value) => write(value, null)}
          />
        )
        break
      case 'choices': {
        const chosen = Array.isArray(stored) ? (stored as string[]) : []
        const toggle = (code: string, on: boolean) => {
          const next = AXES.map((axis) => axis.code).filter((c) => (c === code ? on : chosen.includes(c)))
          write(next, null)
        }
        return (
          <fieldset className="cb-field cb-field--choices" aria-describedby={errorId}>
            <legend>{label}</legend>
            {AXES.map((axis) => (
              <label key={axis.code} className="cb-check">
                <input
                  type="checkbox"
                  disabled={readOnly}
                  checked={chosen.includes(axis.code)}
                  onFocus={onFocus}
                  onChange={(e) => toggle(axis.code, e.target.checked)}
                />
                {axis.label[locale]}
              </label>
            ))}
            <FieldError id={errorId} error={error} />
          </fieldset>
        )
      }
    }

  return (
    <div className="cb-field">
      <label htmlFor={id}>{label}</label>
      {input}
      {info.input === 'level' && <small>{t('cards.panel.levelHint')}</small>}
      <FieldError id={errorId} error={error} />
    </div>
  )
}

/** The actor cards of the page (live: a new or renamed actor shows at once), or none. */
function ActorSelect({
  common,
  value,
  locale,
  t,
  onChange,
}: {
  common: Record<string, unknown>
  value: string
  locale: Locale
  t: T
  onChange: (value: string) => void
}) {
  const editor = useEditor()
  const actors = useValue('actor cards', () => actorChoices(editor), [editor])
  const known = value === '' || actors.some((actor) => actor.id === value)
  return (
    <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{notSetLabel(locale)}</option>
      {!known && <option value={value}>{t('cards.panel.missingActor')}</option>}
      {actors.map((actor) => (
        <option key={actor.id} value={actor.id}>
          {actor.name || t('cards.panel.unnamedActor')}
        </option>
      ))}
    </select>
  )
}

/** The reason of a refusal, announced politely and kept visible next to its field. */
function FieldError({ id, error }: { id: string; error: string | null }) {
  return (
    <p id={id} className="cb-field__error" role="status" aria-live="polite">
      {error}
    </p>
  )
}
