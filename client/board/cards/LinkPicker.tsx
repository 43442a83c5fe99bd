import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useEditor, type TLShapeId } from 'tldraw'
import { CARD_LOOKS, linkKindLabel, type CardType } from '../../../shared/cards'
import type { Locale } from '../../../shared/workshop'
import type { MessageKey, MessageParams } from '../../i18n/translate'
import { CardIcon } from './CardIcon'
import { filterCandidates, foldText, linkCandidates, linkDirection } from './linkCandidates'
import { linkCards } from './linkLabels'

type T = (key: MessageKey, params?: MessageParams) => string

/** More options than this and the list shows the first ones: the filter finds the rest. */
const MAX_SHOWN = 100

interface LinkPickerProps {
  cardId: TLShapeId
  cardType: CardType
  locale: Locale
  workshopLocale: Locale
  t: T
}

/**
 * « Relier à… »: a searchable list of the board's cards (type, title, frame), so a link
 * across the board needs no zoom. The ARIA combobox pattern (an input owning a listbox,
 * `aria-activedescendant` for the option under the arrow keys), usable from the keyboard
 * alone: type to filter, ↑/↓ to choose, Enter to draw the arrow, Escape to close. The
 * arrow is drawn the way the method reads it (`linkDirection`), bound at both ends.
 */
export function LinkPicker({ cardId, cardType, locale, workshopLocale, t }: LinkPickerProps) {
  const editor = useEditor()
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [active, setActive] = useState(0)
  const [done, setDone] = useState('')
  const opener = useRef<HTMLButtonElement>(null)
  const base = useId()
  const listId = `${base}-list`
  const hintId = `${base}-hint`

  // Read once per opening: the list is a snapshot, not a live query over every card.
  const candidates = useMemo(
    () =>
      open
        ? linkCandidates(editor, cardId).map((candidate) => {
            const type = t(`cards.type.${candidate.type}`)
            const title = candidate.title || t('cards.untitled')
            const frame = candidate.frame || t('cards.links.noFrame')
            return {
              ...candidate,
              typeLabel: type,
              shownTitle: title,
              shownFrame: frame,
              searchText: foldText(`${type} ${title} ${candidate.frame}`),
            }
          })
        : [],
    [open, editor, cardId, t],
  )
  const matches = useMemo(() => filterCandidates(candidates, query), [candidates, query])
  const shown = matches.slice(0, MAX_SHOWN)
  const activeIndex = Math.min(active, shown.length - 1)
  const optionId = (index: number) => `${base}-option-${index}`

  const close = () => {
    setOpen(false)
    setQuery('')
    setActive(0)
    opener.current?.focus()
  }

  const choose = (index: number) => {
    const other = shown[index]
    if (!other) return
    const { reversed, kind } = linkDirection(cardType, other.type)
    const [from, to] = reversed ? [other.id, cardId] : [cardId, other.id]
    const arrow = linkCards(editor, from, to, workshopLocale, kind)
    if (arrow) {
      const verb = linkKindLabel(kind, locale, reversed ? 'backward' : 'forward')
      setDone(t('cards.links.created', { verb, target: `${other.typeLabel} ${other.shownTitle}` }))
    }
    close()
  }

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        setActive(shown.length === 0 ? 0 : (activeIndex + 1) % shown.length)
        break
      case 'ArrowUp':
        setActive(shown.length === 0 ? 0 : (activeIndex - 1 + shown.length) % shown.length)
        break
      case 'Home':
        setActive(0)
        break
      case 'End':
        setActive(Math.max(shown.length - 1, 0))
        break
      case 'Enter':
        choose(activeIndex)
        break
      case 'Escape':
        close()
        break
      default:
        return
    }
    // The board's own shortcuts (arrows nudge the selected card) must not see these keys.
    e.preventDefault()
    e.stopPropagation()
  }

  return (
    <div className="cb-link-picker">
      <button
        ref={opener}
        type="button"
        className="cb-button cb-button--small"
        aria-expanded={open}
        onClick={() => (open ? close() : setOpen(true))}
      >
        {t('cards.links.pick')}
      </button>
      {open && (
        <>
          <label htmlFor={`${base}-input`}>{t('cards.links.pickLabel')}</label>
          <input
            id={`${base}-input`}
            type="text"
            role="combobox"
            autoFocus
            autoComplete="off"
            aria-expanded={true}
            aria-controls={listId}
            aria-autocomplete="list"
            aria-describedby={hintId}
            aria-activedescendant={shown.length > 0 ? optionId(activeIndex) : undefined}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value)
              setActive(0)
            }}
            onKeyDown={onKeyDown}
            onBlur={(e) => {
              // A click in the list keeps it open (the option's own handler chooses).
              if (!e.relatedTarget || !e.currentTarget.parentElement?.contains(e.relatedTarget as Node)) {
                setOpen(false)
                setQuery('')
              }
            }}
          />
          <small id={hintId}>{t('cards.links.pickHint')}</small>
          <ul
            id={listId}
            role="listbox"
            aria-label={t('cards.links.pickLabel')}
            className="cb-link-picker__list"
            tabIndex={-1}
          >
            {shown.map((candidate, index) => (
              <li
                key={candidate.id}
                id={optionId(index)}
                role="option"
                aria-selected={index === activeIndex}
                className="cb-link-picker__option"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(index)}
              >
                <CardIcon path={CARD_LOOKS[candidate.type].icon} size={14} />
                <span>
                  <span className="cb-link-picker__type">{candidate.typeLabel}</span> {candidate.shownTitle}
                  <span className="cb-link-picker__frame"> — {candidate.shownFrame}</span>
                </span>
              </li>
            ))}
          </ul>
          {shown.length === 0 && <p className="cb-muted">{t('cards.links.pickNone')}</p>}
          {matches.length > shown.length && (
            <p className="cb-muted">{t('cards.links.pickCount', { count: String(matches.length) })}</p>
          )}
        </>
      )}
      <p className="cb-link-picker__done" role="status" aria-live="polite">
        {done}
      </p>
    </div>
  )
}
