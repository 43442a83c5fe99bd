import { CARD_FIELDS, CARD_TYPES, cardTypeLabel, formatFieldValue, isChoiceUnset, mainTextField, notSetLabel, type CardType } from '../cards/cardTypes'
import { linkKindLabel } from '../cards/links'
import { EXPORT_LABELS } from './labels'
import { colon } from './markdownText'
import { exportCardList } from './model'
import type { ExportCard, ExportDocument } from './schema'

/**
 * The cards of an export as CSV for spreadsheets: one row per card, a column per field.
 * RFC 4180 (CRLF line ends, fields quoted when they hold a comma, quote, CR or LF, quotes
 * doubled) with a UTF-8 byte order mark, without which Excel reads « Équitable » as
 * « Ã‰quitable ».
 */

const BOM = '\uFEFF'
const CRLF = '\r\n'

/**
 * Field columns: every field of every card type but the main text (that is the title
 * column), once per name: `sphere` and `horizon` mean the same on the cards that have them,
 * and a spreadsheet filters by the type column anyway.
 */
export const CSV_FIELD_COLUMNS: readonly { field: string; type: CardType }[] = (() => {
  const columns: { field: string; type: CardType }[] = []
  for (const type of CARD_TYPES) {
    for (const field of Object.keys(CARD_FIELDS[type])) {
      if (field !== mainTextField(type) && !columns.some((column) => column.field === field)) columns.push({ field, type })
    }
  }
  return columns
})()

/**
 * A spreadsheet runs a cell starting with `=`, `+`, `-` or `@` as a formula (CSV
 * injection): a card titled `=HYPERLINK(…)` must stay text, so such cells get a leading
 * apostrophe, which spreadsheets show as text and hide.
 */
function neutralized(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

/** One RFC 4180 field. */
export function csvField(value: string): string {
  const safe = neutralized(value)
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

function fieldCell(type: CardType, card: ExportCard, field: string, doc: ExportDocument): string {
  const info = CARD_FIELDS[type][field]
  if (!info) return ''
  const value = card.fields[field]
  // Levels stay numbers ("4", not "4/5") so a spreadsheet can sort and average them.
  if (info.input === 'level') return typeof value === 'number' ? String(value) : ''
  if (isChoiceUnset(type, field, value)) return notSetLabel(doc.workshop.locale)
  return formatFieldValue(type, field, value, doc.workshop.locale)
}

/**
 * Per card, its links read from it: « détient : Ouvrir les données ; mesuré par : NO₂ ».
 * Built in one pass over the links: a board of thousands of cards stays linear.
 */
function linkTexts(doc: ExportDocument, titles: ReadonlyMap<string, string>): Map<string, string[]> {
  const locale = doc.workshop.locale
  const untitled = EXPORT_LABELS[locale].untitled
  const texts = new Map<string, string[]>()
  const add = (id: string, text: string) => {
    const list = texts.get(id)
    if (list) list.push(text)
    else texts.set(id, [text])
  }
  for (const link of doc.links) {
    add(link.from, `${linkKindLabel(link.kind, locale, 'forward')}${colon(locale)} ${titles.get(link.to) || untitled}`)
    add(link.to, `${linkKindLabel(link.kind, locale, 'backward')}${colon(locale)} ${titles.get(link.from) || untitled}`)
  }
  return texts
}

/** The cards of an export as a CSV file's text (BOM included), in the workshop's language. */
export function buildCsv(doc: ExportDocument): string {
  const locale = doc.workshop.locale
  const labels = EXPORT_LABELS[locale]
  const cards = exportCardList(doc.cards)
  // A link's other end may be a card or any shape with text (a note, a frame).
  const titles = new Map([...doc.notes.map((note): [string, string] => [note.id, note.text]), ...cards.map(({ card }): [string, string] => [card.id, card.title])])
  const links = linkTexts(doc, titles)
  const separator = locale === 'fr' ? '\u00a0; ' : '; '
  const header = [
    labels.card,
    labels.id,
    labels.title,
    ...CSV_FIELD_COLUMNS.map(({ field, type }) => CARD_FIELDS[type][field].label[locale]),
    labels.frame,
    labels.links,
  ]
  const rows = cards.map(({ type, card }) => [
    cardTypeLabel(type, locale),
    card.id,
    card.title,
    ...CSV_FIELD_COLUMNS.map(({ field }) => fieldCell(type, card, field, doc)),
    card.framePath.join(' › '),
    (links.get(card.id) ?? []).join(separator),
  ])
  return BOM + [header, ...rows].map((row) => row.map(csvField).join(',')).join(CRLF) + CRLF
}
