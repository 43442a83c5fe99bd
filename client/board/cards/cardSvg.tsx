import type { Editor, TLMeasureTextSpanOpts } from 'tldraw'
import { CARD_LOOKS, mainTextField, type BorderStyle, type CardType } from '../../../shared/cards'
import type { Locale } from '../../../shared/workshop'
import { translate } from '../../i18n/translate'
import {
  CARD_BORDER,
  CARD_FONT_FAMILY,
  CARD_HEADER,
  CARD_PADDING,
  HEADER_FONT,
  MAIN_FONT,
  MAIN_LINE_PX,
  MAIN_TEXT_TOP,
  SMALL_FONT,
  SMALL_LINE_PX,
  cardTextWidth,
} from './cardLayout'
import type { CardShape } from './cardShape'
import { cardSummaryLines } from './cardSummary'
import { actorName } from './actionOwner'

const DASHES: Record<BorderStyle, string | undefined> = {
  solid: undefined,
  dashed: '10 6',
  dotted: '1 6',
  double: undefined,
  thick: undefined,
}

interface TextBlock {
  text: string
  x: number
  y: number
  width: number
  height: number
  font: { size: number; lineHeight: number; weight: string }
  overflow: TLMeasureTextSpanOpts['overflow']
  fill: string
}

/** Text laid out by the browser (tldraw's span measurement), written as SVG tspans. */
function svgText(editor: Editor, block: TextBlock) {
  if (!block.text) return null
  const spans = editor.textMeasure.measureTextSpans(block.text, {
    width: block.width,
    height: block.height,
    padding: 0,
    fontSize: block.font.size,
    fontWeight: block.font.weight,
    fontFamily: CARD_FONT_FAMILY,
    fontStyle: 'normal',
    lineHeight: block.font.lineHeight,
    textAlign: 'start',
    overflow: block.overflow,
  })
  return (
    <text
      fontSize={block.font.size}
      fontFamily={CARD_FONT_FAMILY}
      fontWeight={block.font.weight}
      fill={block.fill}
      dominantBaseline="mathematical"
      alignmentBaseline="mathematical"
    >
      {spans.map(({ text, box }, i) => (
        <tspan key={i} x={block.x + box.x} y={block.y + box.y + block.font.size / 2} unicodeBidi="plaintext">
          {text.replace(/\s/g, '\u00a0')}
        </tspan>
      ))}
    </text>
  )
}

/**
 * A card as plain SVG for PNG/SVG exports: the same layout as the canvas (`cardLayout`),
 * the border style kept (solid, dashed, dotted, double, thick) so types stay apart in print.
 */
export function cardToSvg(editor: Editor, shape: CardShape, locale: Locale) {
  const type = shape.type as CardType
  const look = CARD_LOOKS[type]
  const { w, h } = shape.props
  const props = shape.props as unknown as Record<string, unknown>
  const inset = CARD_BORDER / 2
  const textX = CARD_BORDER + CARD_PADDING
  const textW = cardTextWidth(w)
  const main = typeof props[mainTextField(type)] === 'string' ? (props[mainTextField(type)] as string) : ''
  const summaryTop = h - CARD_BORDER - CARD_PADDING - 2 * SMALL_LINE_PX
  const [first, second] = cardSummaryLines(type, props, locale, (id) => actorName(editor, id))
  const iconScale = 18 / 24
  const headerY = CARD_BORDER + CARD_PADDING

  return (
    <g>
      <rect
        x={inset}
        y={inset}
        width={w - CARD_BORDER}
        height={h - CARD_BORDER}
        rx={8}
        fill={look.fill}
        stroke={look.border}
        strokeWidth={look.borderStyle === 'double' ? 1.5 : CARD_BORDER}
        strokeDasharray={DASHES[look.borderStyle]}
        strokeLinecap="round"
      />
      {look.borderStyle === 'thick' && (
        <rect
          x={CARD_BORDER + 1.5}
          y={CARD_BORDER + 1.5}
          width={w - 2 * CARD_BORDER - 3}
          height={h - 2 * CARD_BORDER - 3}
          rx={6}
          fill="none"
          stroke={look.text}
          strokeWidth={3}
        />
      )}
      {look.borderStyle === 'double' && (
        <rect x={4} y={4} width={w - 8} height={h - 8} rx={6} fill="none" stroke={look.border} strokeWidth={1.5} />
      )}
      <g
        transform={`translate(${textX}, ${headerY + 1}) scale(${iconScale})`}
        fill="none"
        stroke={look.border}
        strokeWidth={2}
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d={look.icon} />
      </g>
      {svgText(editor, {
        text: translate(locale, `cards.type.${type}`).toUpperCase(),
        x: textX + 24,
        y: headerY + (CARD_HEADER - HEADER_FONT.size * HEADER_FONT.lineHeight) / 2,
        width: textW - 24,
        height: CARD_HEADER,
        font: HEADER_FONT,
        overflow: 'truncate-ellipsis',
        fill: look.border,
      })}
      {svgText(editor, {
        text: main,
        x: textX,
        y: MAIN_TEXT_TOP,
        width: textW,
        height: Math.max(MAIN_LINE_PX, summaryTop - MAIN_TEXT_TOP),
        font: MAIN_FONT,
        overflow: 'wrap',
        fill: look.text,
      })}
      {[first, second].map((line, i) => (
        <g key={i}>
          {svgText(editor, {
            text: line,
            x: textX,
            y: summaryTop + i * SMALL_LINE_PX,
            width: textW,
            height: SMALL_LINE_PX,
            font: SMALL_FONT,
            overflow: 'truncate-ellipsis',
            fill: look.text,
          })}
        </g>
      ))}
    </g>
  )
}
