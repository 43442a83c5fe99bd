import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { useEditor, useValue, type TLUiOverrides } from 'tldraw'
import { CARD_LOOKS, CARD_TYPES, type CardType } from '../../../shared/cards'
import { COMPASS_SHAPE_TYPE } from '../../../shared/compass/compassShape'
import { LOCALES } from '../../../shared/workshop'
import { translate } from '../../i18n/translate'
import { useT } from '../../i18n/useT'
import { useBoardInfo } from '../boardContext'
import { useNarrow } from '../useNarrow'
import { CardIcon } from './CardIcon'
import { placeCard } from './cardTools'
import { useOwnKeys } from './useOwnKeys'

/**
 * Keyboard shortcuts of the card tools. tldraw 5 takes v h e d b x r o a l f t n k and
 * q g z as single keys, shift+d f h l q v and the digits (toolbar positions); these four
 * are free: shift + the first letter that tells the types apart in both languages.
 */
export const CARD_TOOL_KBD: Readonly<Record<CardType, string>> = {
  actor: 'shift+a',
  lever: 'shift+e',
  indicator: 'shift+i',
  impact: 'shift+m',
  action: 'shift+n',
}

/** "Maj+A" / "Shift+A", for tooltips and `aria-keyshortcuts`. */
function kbdText(kbd: string, shiftName: string): string {
  return kbd.replace('shift+', `${shiftName}+`).replace(/\+(\w)$/, (_, key: string) => `+${key.toUpperCase()}`)
}

/**
 * tldraw's side of the tools: one UI tool per card type (selecting the state node of the
 * same id), its shortcut, and its label in tldraw's own translations (menus, shortcuts
 * dialog) taken from our catalogues.
 */
export const cardUiOverrides: TLUiOverrides = {
  tools(editor, tools) {
    for (const type of CARD_TYPES) {
      tools[type] = {
        id: type,
        label: `cards.type.${type}`,
        icon: <CardIcon path={CARD_LOOKS[type].icon} size={18} />,
        kbd: CARD_TOOL_KBD[type],
        onSelect: () => editor.setCurrentTool(type),
      }
    }
    return tools
  },
  // tldraw's screen-reader announcement of a selected shape reads `tool.<shape type>`:
  // without these it says « tool.actor ». The compass shape's name rides along here.
  translations: Object.fromEntries(
    LOCALES.map((locale) => [
      locale,
      Object.fromEntries([
        ...CARD_TYPES.flatMap((type) => [
          [`cards.type.${type}`, translate(locale, `cards.type.${type}`)],
          [`tool.${type}`, translate(locale, `cards.type.${type}`)],
        ]),
        [`tool.${COMPASS_SHAPE_TYPE}`, translate(locale, 'compass.panel.title')],
      ]),
    ]),
  ),
}

/**
 * The card tools as one toolbar group on the left edge of the canvas, always visible:
 * tldraw's main toolbar folds anything after its eighth item into an overflow menu, and
 * cards are the point of this board. Each button's accessible name is the type's name.
 *
 * On a narrow screen (a phone) the five buttons would cover a fifth of the canvas, and a
 * tap meant for a card under them armed a tool instead: there the bar folds into one
 * « Cartes » button, opens on a tap, and folds again once a type is chosen (or on Escape,
 * or a tap elsewhere), so a tap on the board always reaches the board.
 */
export function CardToolbar() {
  const editor = useEditor()
  const t = useT()
  const { readOnly } = useBoardInfo()
  const current = useValue('current tool', () => editor.getCurrentToolId(), [editor])
  const buttons = useRef<(HTMLButtonElement | null)[]>([])
  const toggle = useRef<HTMLButtonElement | null>(null)
  const ownKeys = useOwnKeys()
  const narrow = useNarrow()
  const [unfolded, setUnfolded] = useState(false)
  const folded = narrow && !unfolded
  // Where the keyboard focus goes once the bar has folded or unfolded (the element is new).
  const focusNext = useRef<'first' | 'toggle' | null>(null)
  useEffect(() => {
    const target = focusNext.current
    focusNext.current = null
    if (target === 'first') buttons.current[0]?.focus()
    else if (target === 'toggle') toggle.current?.focus()
  }, [folded])

  // A tap elsewhere on the board folds the bar again.
  useEffect(() => {
    if (!narrow || !unfolded) return
    // Native listeners run before React's: a press on the bar itself must not fold it.
    const fold = (e: PointerEvent) => {
      if (!(e.target instanceof Element && e.target.closest('.cb-card-toolbar'))) setUnfolded(false)
    }
    const container = editor.getContainer()
    container.addEventListener('pointerdown', fold)
    return () => container.removeEventListener('pointerdown', fold)
  }, [editor, narrow, unfolded])

  if (readOnly) return null

  const currentType = (CARD_TYPES as readonly string[]).includes(current) ? (current as CardType) : null
  if (folded) {
    const look = currentType ? CARD_LOOKS[currentType] : null
    return (
      <div
        ref={ownKeys}
        className="cb-card-toolbar cb-card-toolbar--folded"
        data-testid="card-toolbar"
        onPointerDown={(e) => e.stopPropagation()}
      >
        <button
          ref={toggle}
          type="button"
          className="cb-card-toolbar__toggle"
          aria-expanded={false}
          data-testid="card-toolbar-toggle"
          title={t('cards.toolbar.open')}
          onClick={(e) => {
            if (e.detail === 0) focusNext.current = 'first'
            setUnfolded(true)
          }}
        >
          {look ? <CardIcon path={look.icon} size={20} /> : <span aria-hidden="true">+</span>}
          <span className="cb-card-toolbar__label">
            {currentType ? t(`cards.type.${currentType}`) : t('cards.toolbar.label')}
          </span>
        </button>
      </div>
    )
  }

  // Toolbar pattern: one tab stop, arrows move between the buttons.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const index = buttons.current.findIndex((b) => b === document.activeElement)
    if (index < 0) return
    const step =
      e.key === 'ArrowDown' || e.key === 'ArrowRight' ? 1 : e.key === 'ArrowUp' || e.key === 'ArrowLeft' ? -1 : 0
    const target =
      e.key === 'Home'
        ? 0
        : e.key === 'End'
          ? CARD_TYPES.length - 1
          : step
            ? (index + step + CARD_TYPES.length) % CARD_TYPES.length
            : -1
    if (e.key === 'Escape' && narrow) {
      e.preventDefault()
      e.stopPropagation()
      focusNext.current = 'toggle'
      setUnfolded(false)
      return
    }
    if (target < 0) return
    e.preventDefault()
    e.stopPropagation()
    buttons.current[target]?.focus()
  }

  return (
    <div
      ref={ownKeys}
      className="cb-card-toolbar"
      role="toolbar"
      aria-label={t('cards.toolbar.label')}
      aria-orientation="vertical"
      id="cb-card-toolbar-buttons"
      data-testid="card-toolbar"
      onKeyDown={onKeyDown}
      onPointerDown={(e) => e.stopPropagation()}
    >
      {CARD_TYPES.map((type, i) => {
        const label = t(`cards.type.${type}`)
        const kbd = kbdText(CARD_TOOL_KBD[type], t('cards.tool.shift'))
        const look = CARD_LOOKS[type]
        return (
          <button
            key={type}
            ref={(el) => {
              buttons.current[i] = el
            }}
            type="button"
            className="cb-card-toolbar__button"
            data-card-type={type}
            aria-pressed={current === type}
            aria-keyshortcuts={kbdText(CARD_TOOL_KBD[type], 'Shift')}
            title={t('cards.tool.title', { label, kbd })}
            tabIndex={i === 0 ? 0 : -1}
            style={{
              color: look.border,
              background: look.fill,
              borderColor: look.border,
              borderStyle: look.borderStyle,
            }}
            onClick={(e) => {
              // From the keyboard (Enter/Space: a click with no pointer, detail 0) there is
              // no canvas click to come: place the card in the middle of the view at once.
              if (e.detail === 0) placeCard(editor, type, editor.getViewportPageBounds().center)
              else editor.setCurrentTool(type)
              if (narrow) {
                if (e.detail === 0) focusNext.current = 'toggle'
                setUnfolded(false)
              }
            }}
          >
            <CardIcon path={look.icon} size={20} />
            <span className="cb-card-toolbar__label">{label}</span>
          </button>
        )
      })}
    </div>
  )
}
