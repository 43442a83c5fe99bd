import type { Editor, TLMeasureTextOpts } from 'tldraw'
import { resolveLineHeightPx } from 'tldraw'
import { defaultCardProps, mainTextField, MAX_CARD_SIDE, type CardType } from '../../../shared/cards'
import { SUMMARY_LINES } from './cardSummary'

/**
 * One card layout, shared by the HTML view, the SVG export and the height computation,
 * so the three agree to the pixel. Page units (the card's own coordinates):
 *
 *   border · padding · header (icon + type) · gap · main text · gap · summary lines · padding · border
 */
export const CARD_BORDER = 3
export const CARD_PADDING = 10
export const CARD_HEADER = 20
export const CARD_GAP = 6
export const CARD_FONT_FAMILY = "'tldraw_sans', sans-serif"

export const MAIN_FONT = { size: 17, lineHeight: 1.3, weight: 'bold' } as const
export const SMALL_FONT = { size: 13, lineHeight: 1.35, weight: 'normal' } as const
export const HEADER_FONT = { size: 12, lineHeight: 1.35, weight: 'bold' } as const

export const MAIN_LINE_PX = resolveLineHeightPx(MAIN_FONT.size, MAIN_FONT.lineHeight)
export const SMALL_LINE_PX = resolveLineHeightPx(SMALL_FONT.size, SMALL_FONT.lineHeight)

/** Width available to text inside a card `w` wide. */
export function cardTextWidth(w: number): number {
  return Math.max(1, w - 2 * (CARD_BORDER + CARD_PADDING))
}

/** Where the main text starts, from the card's top. */
export const MAIN_TEXT_TOP = CARD_BORDER + CARD_PADDING + CARD_HEADER + CARD_GAP

/** Height of everything but the main text. */
const CHROME_HEIGHT = MAIN_TEXT_TOP + CARD_GAP + SUMMARY_LINES * SMALL_LINE_PX + CARD_PADDING + CARD_BORDER

export function mainTextMeasureOpts(w: number): TLMeasureTextOpts {
  return {
    fontFamily: CARD_FONT_FAMILY,
    fontSize: MAIN_FONT.size,
    fontWeight: MAIN_FONT.weight,
    fontStyle: 'normal',
    lineHeight: MAIN_FONT.lineHeight,
    maxWidth: cardTextWidth(w),
    padding: '0px',
  }
}

/**
 * The height a card needs: its type's default height, or more when the main text needs
 * more lines. Measured in the DOM by the person who changed the card (tldraw calls the
 * shape util's `onBeforeCreate`/`onBeforeUpdate` for local changes only); peers receive
 * the result and never measure, so two screens cannot argue about a height.
 */
export function cardHeightFor(editor: Editor, type: CardType, props: Readonly<Record<string, unknown>>): number {
  const text = props[mainTextField(type)]
  const measured =
    typeof text === 'string' && text.length > 0
      ? editor.textMeasure.measureText(text, mainTextMeasureOpts(Number(props.w))).h
      : 0
  const textHeight = Math.max(MAIN_LINE_PX, Math.ceil(measured))
  // Capped by the schema's bound, so no text, however long and narrow, makes a card invalid.
  return Math.min(MAX_CARD_SIDE, Math.max(defaultCardProps(type).h, CHROME_HEIGHT + textHeight))
}
