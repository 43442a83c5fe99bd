import type { Locale } from '../workshop'
import type { BoardOutline, OutlineCard, OutlineFrame, OutlineTypeGroup } from './outline'

/**
 * An outline as indented plain text, for the clipboard, a screen reader's "read all", or
 * a quick look in logs. Empty fields are left out; the main text is the card's line.
 */
const INDENT = '  '
const LOOSE: Record<Locale, string> = { fr: 'Hors cadre', en: 'Outside frames' }
const EMPTY: Record<Locale, string> = { fr: 'Aucune carte sur le tableau.', en: 'No cards on the board.' }

function colon(locale: Locale): string {
  return locale === 'fr' ? '\u00a0:' : ':'
}

function cardLines(card: OutlineCard, depth: number, locale: Locale): string[] {
  const pad = INDENT.repeat(depth)
  const lines = [`${pad}- ${card.title}`]
  // The first field is the main text, already on the card's line.
  for (const field of card.fields.slice(1)) {
    if (field.text)
      lines.push(`${pad}${INDENT}${field.label}${colon(locale)} ${field.text.replace(/\s*\n\s*/g, ' / ')}`)
  }
  for (const link of card.links) lines.push(`${pad}${INDENT}→ ${link.text}`)
  return lines
}

function groupLines(groups: OutlineTypeGroup[], depth: number, locale: Locale): string[] {
  return groups.flatMap((group) => [
    `${INDENT.repeat(depth)}${group.label} (${group.cards.length})`,
    ...group.cards.flatMap((card) => cardLines(card, depth + 1, locale)),
  ])
}

function frameLines(frame: OutlineFrame, depth: number, locale: Locale): string[] {
  return [
    `${INDENT.repeat(depth)}# ${frame.name}`,
    ...groupLines(frame.groups, depth + 1, locale),
    ...frame.frames.flatMap((child) => frameLines(child, depth + 1, locale)),
  ]
}

/** The outline as text, by card type (default) or by frame. */
export function outlineToText(outline: BoardOutline, view: 'type' | 'frame' = 'type'): string {
  const { locale } = outline
  if (outline.cardCount === 0) return EMPTY[locale]
  if (view === 'type') return groupLines(outline.byType, 0, locale).join('\n')
  const lines = outline.byFrame.frames.flatMap((frame) => frameLines(frame, 0, locale))
  if (outline.byFrame.loose.length > 0)
    lines.push(`# ${LOOSE[locale]}`, ...groupLines(outline.byFrame.loose, 1, locale))
  return lines.join('\n')
}
