import {
  useCallback,
  useEffect,
  useRef,
  type ChangeEvent,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
  type RefObject,
} from 'react'
import { getPointerInfo, HTMLContainer, useEditor, useIsEditing, useValue } from 'tldraw'
import { CARD_FIELDS, CARD_LOOKS, CARD_TYPES, MAX_MAIN_TEXT, mainTextField, type CardType } from '../../../shared/cards'
import { SharedTextInput } from '../text/SharedTextInput'
import { useFieldText } from '../text/cardTextContext'
import type { TextElement } from '../text/bindTextInput'
import { fitCardHeight } from './fitCardHeight'
import { useFlushNewCard } from '../text/useFlushNewCard'
import { useCardLock } from './useCardLock'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import type { CardShape } from './cardShape'
import { cardSummaryLines } from './cardSummary'
import { CardIcon } from './CardIcon'
import { actorName } from './actionOwner'

/**
 * Below this zoom a card's normal text is a few pixels high and unreadable: the card is
 * drawn from far instead, its type icon and main text alone, sized in screen pixels
 * (`cards.css`: 11 px whatever the zoom, through tldraw's `--tl-zoom`), so the whole board
 * reads at 15 %. The icon is a CSS background (one image per type, shared by every card),
 * not an inline SVG: painting a thousand small SVGs per frame halved the frame rate of a
 * zoomed-out pan. tldraw's efficient zoom level does not change while the camera moves, so
 * cards do not flip between the two looks mid-gesture.
 */
export const FAR_ZOOM = 0.3

/**
 * Below this zoom a card is under 24 px wide on screen: no title fits legibly, so it is
 * drawn as its colour and border style only, as cheap as a board of thousands of cards
 * needs (a zoomed-out pan over 1,000 labelled cards lost frames on the bench).
 */
export const VERY_FAR_ZOOM = 0.1

/**
 * A board of up to this many shapes keeps its titles below `VERY_FAR_ZOOM` too: « Voir tout
 * le tableau » shows the « Atelier complet » board with 100 linked cards at 9.5 % on
 * 1280 × 800, and a few hundred labels cost nothing like the thousand the bench pans over.
 */
export const VERY_FAR_SHAPE_COUNT = 400

type Distance = 'near' | 'far' | 'veryFar'

/** The type icon as a data URL, in the type's border colour (see `CardIcon`). */
function iconUrl(type: CardType): string {
  const look = CARD_LOOKS[type]
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="${look.border}" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"><path d="${look.icon}"/></svg>`
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`
}
const FAR_ICONS = Object.fromEntries(CARD_TYPES.map((type) => [type, iconUrl(type)])) as Record<CardType, string>

const PLACEHOLDER_KEYS = {
  actor: 'cards.placeholder.actor',
  lever: 'cards.placeholder.lever',
  indicator: 'cards.placeholder.indicator',
  impact: 'cards.placeholder.impact',
  action: 'cards.placeholder.action',
} as const

/**
 * A card on the canvas: type at a glance (colour, border style, icon and name, so it still
 * reads in black-and-white print), the main text big, two lines of key fields. While the
 * card is being edited its main text becomes a text area bound to the card's shared text
 * (typed together, merged letter by letter), read-only while the facilitator locks it.
 */
export function CardView({ shape }: { shape: CardShape }) {
  const editor = useEditor()
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const type = shape.type as CardType
  const look = CARD_LOOKS[type]
  const mainField = mainTextField(type)
  const props = shape.props as unknown as Record<string, unknown>
  const text = typeof props[mainField] === 'string' ? (props[mainField] as string) : ''
  const isEditing = useIsEditing(shape.id)
  const distance = useValue(
    'card seen from',
    (): Distance => {
      const zoom = editor.getEfficientZoomLevel()
      if (zoom >= FAR_ZOOM) return 'near'
      return zoom < VERY_FAR_ZOOM && editor.getCurrentPageShapeIds().size > VERY_FAR_SHAPE_COUNT ? 'veryFar' : 'far'
    },
    [editor],
  )
  const ownerActorId = typeof props.ownerActorId === 'string' ? props.ownerActorId : ''
  const ownerName = useValue('action owner', () => (ownerActorId ? actorName(editor, ownerActorId) : undefined), [
    editor,
    ownerActorId,
  ])
  const style = {
    width: shape.props.w,
    height: shape.props.h,
    background: look.fill,
    color: look.text,
    borderColor: look.border,
    pointerEvents: isEditing ? ('all' as const) : ('none' as const),
  }

  if (distance === 'veryFar' && !isEditing) {
    return (
      <HTMLContainer
        className={`cb-card-shape cb-card-shape--far cb-card-shape--${look.borderStyle}`}
        data-card-type={type}
        style={style}
      />
    )
  }
  if (distance === 'far' && !isEditing) {
    const farStyle = { ...style, '--cb-far-icon': FAR_ICONS[type] } as CSSProperties
    return (
      <HTMLContainer
        className={`cb-card-shape cb-card-shape--far cb-card-shape--${look.borderStyle}`}
        data-card-type={type}
        style={farStyle}
      >
        <div className="cb-card-shape__far-text" data-empty={text.trim() === '' || undefined}>
          {text.trim() === '' ? t(`cards.type.${type}`) : text}
        </div>
      </HTMLContainer>
    )
  }

  const [first, second] = cardSummaryLines(type, props, locale, () => ownerName)
  const typeLabel = t(`cards.type.${type}`)
  return (
    <HTMLContainer className={`cb-card-shape cb-card-shape--${look.borderStyle}`} data-card-type={type} style={style}>
      <div className="cb-card-shape__header" style={{ color: look.border }}>
        <CardIcon path={look.icon} size={18} />
        <span>{typeLabel}</span>
      </div>
      {isEditing ? (
        <MainTextEditor
          shape={shape}
          field={mainField}
          text={text}
          multiline={CARD_FIELDS[type][mainField].input === 'multiline'}
          label={typeLabel}
        />
      ) : (
        <div className="cb-card-shape__text" data-empty={text.trim() === '' || undefined}>
          {text.trim() === '' ? t(PLACEHOLDER_KEYS[type]) : text}
        </div>
      )}
      <div className="cb-card-shape__summary">
        <div>{first}</div>
        <div>{second}</div>
      </div>
    </HTMLContainer>
  )
}

interface MainTextEditorProps {
  shape: CardShape
  field: string
  text: string
  multiline: boolean
  label: string
}

/** The main text in edit mode: focused on entry, Enter ends one-line texts, Escape ends any. */
function MainTextEditor({ shape, field, text, multiline, label }: MainTextEditorProps) {
  const editor = useEditor()
  const input = useRef<TextElement | null>(null)
  const sharedText = useFieldText(shape.id, field)
  const lock = useCardLock(shape.id)
  useFlushNewCard(sharedText)

  // Focused on entry, and again when a new card's shared text arrives (the frame after its
  // creation) and the text area bound to it replaces the first one.
  useEffect(() => {
    const el = input.current
    if (!el) return
    el.focus()
    el.setSelectionRange(el.value.length, el.value.length)
  }, [sharedText])

  // A card from before shared texts (until the server gives it its own): edited as its record.
  const onChange = useCallback(
    (e: ChangeEvent<HTMLTextAreaElement>) => {
      if (editor.getEditingShapeId() !== shape.id) return
      const value = multiline ? e.target.value : e.target.value.replace(/\r?\n/g, ' ')
      editor.updateShape({ id: shape.id, type: shape.type, props: { [field]: value.slice(0, MAX_MAIN_TEXT) } })
    },
    [editor, shape.id, shape.type, field, multiline],
  )

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLTextAreaElement>) => {
      if (e.key !== 'Enter' || e.nativeEvent.isComposing) return
      // Like tldraw's notes: Ctrl/Cmd+Enter always ends editing; a name or title has one line.
      if (e.ctrlKey || e.metaKey || !multiline) {
        e.preventDefault()
        editor.complete()
      }
    },
    [editor, multiline],
  )

  // The pointer goes to tldraw first (so a drag from the text still moves the card), and
  // stops here so the text area keeps its focus (tldraw's own text labels do the same).
  const onPointerDown = useCallback(
    (e: PointerEvent<HTMLTextAreaElement>) => {
      editor.dispatch({ ...getPointerInfo(editor, e), type: 'pointer', name: 'pointer_down', target: 'shape', shape })
      e.stopPropagation()
    },
    [editor, shape],
  )

  if (sharedText) {
    return (
      <SharedTextInput
        elementRef={input}
        text={sharedText}
        max={MAX_MAIN_TEXT}
        multiline
        singleLine={!multiline}
        className="cb-card-shape__text cb-card-shape__input"
        aria-label={label}
        readOnly={lock !== null}
        rows={1}
        spellCheck
        onTextChange={(_value, local, focused) => {
          if (local || focused) fitCardHeight(editor, shape.id)
        }}
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onDoubleClick={editor.markEventAsHandled}
      />
    )
  }
  return (
    <textarea
      ref={input as RefObject<HTMLTextAreaElement>}
      className="cb-card-shape__text cb-card-shape__input"
      aria-label={label}
      value={text}
      maxLength={MAX_MAIN_TEXT}
      rows={1}
      spellCheck
      onChange={onChange}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onDoubleClick={editor.markEventAsHandled}
    />
  )
}
