import {
  CARD_FIELDS,
  CARD_TYPES,
  cardTypeLabel,
  formatFieldValue,
  isChoiceUnset,
  mainTextField,
  notSetLabel,
  type CardType,
} from '../cards/cardTypes'
import { linkKindLabel } from '../cards/links'
import { EXPORT_LABELS } from './labels'
import { colon } from './markdownText'
import { exportCardList } from './model'
import type { Locale } from '../workshop'
import type { ExportCard, ExportDocument } from './schema'

/**
 * The cards of an export as CSV for spreadsheets: one row per card, a column per field.
 * RFC 4180 (CRLF line ends, quotes doubled) with a UTF-8 byte order mark, without which
 * Excel reads « Équitable » as « Ã‰quitable ». The separator follows the workshop's
 * language, as the spreadsheets its readers use expect: `;` in French (French Excel
 * splits on `;` and opens a `,` file in one column), `,` in English. Every text cell is
 * quoted; numbers (levels) are not, so a spreadsheet can sort and average them.
 */

/** The cell separator of a workshop's CSV, by its language. */
export const CSV_SEPARATOR: Record<Locale, string> = { fr: ';', en: ',' }

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
      if (field !== mainTextField(type) && !columns.some((column) => column.field === field))
        columns.push({ field, type })
    }
  }
  return columns
})()

/**
 * Where a spreadsheet would start a formula: the start of the cell, or of any piece a
 * spreadsheet set to the other separator cuts it into (`Budget;=1+2*3;fin` read by French
 * Excel from a `,` file, or `a, =HYPERLINK(…)` the other way round). A piece is risky when
 * it starts with a tab or CR, or — after spaces and quotes — with `=`, `+`, `-` or `@`.
 */
const RISKY_AT_START = /^(?:[\t\r]|[\s"]*[=+\-@])/
const RISKY_AFTER_SEPARATOR = /([,;])(?=[\t\r]|[\s"]*[=+\-@])/g

/**
 * CSV injection: a risky cell, and every risky piece after a `,` or `;` inside it, gets a
 * leading apostrophe, which spreadsheets show as text and do not run.
 */
export function neutralized(value: string): string {
  const inside = value.replace(RISKY_AFTER_SEPARATOR, "$1'")
  return RISKY_AT_START.test(inside) ? `'${inside}` : inside
}

/** One RFC 4180 field: a number as it is, any text quoted (quotes doubled) and neutralized. */
export function csvField(value: string | number): string {
  if (typeof value === 'number') return String(value)
  return `"${neutralized(value).replace(/"/g, '""')}"`
}

/** A cell already written as the spreadsheet should read it (a locale decimal): not quoted. */
export interface RawCell {
  raw: string
}

/** Rows as a CSV file's text: BOM, the workshop's separator, CRLF after every row. */
export function csvRows(rows: readonly (readonly (string | number | RawCell)[])[], locale: Locale): string {
  const separator = CSV_SEPARATOR[locale]
  const cell = (value: string | number | RawCell) => (typeof value === 'object' ? value.raw : csvField(value))
  return BOM + rows.map((row) => row.map(cell).join(separator)).join(CRLF) + CRLF
}

function fieldCell(
  type: CardType,
  card: ExportCard,
  field: string,
  doc: ExportDocument,
  titles: ReadonlyMap<string, string>,
): string | number {
  const info = CARD_FIELDS[type][field]
  if (!info) return ''
  const value = card.fields[field]
  // An action's owner actor by its name: an id means nothing in a spreadsheet.
  if (info.input === 'actor') return typeof value === 'string' && value ? (titles.get(value) ?? '') : ''
  // Levels stay numbers ("4", not "4/5") so a spreadsheet can sort and average them.
  if (info.input === 'level') return typeof value === 'number' ? value : ''
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
  const titles = new Map([
    ...doc.notes.map((note): [string, string] => [note.id, note.text]),
    ...cards.map(({ card }): [string, string] => [card.id, card.title]),
  ])
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
    ...CSV_FIELD_COLUMNS.map(({ field }) => fieldCell(type, card, field, doc, titles)),
    card.framePath.join(' › '),
    (links.get(card.id) ?? []).join(separator),
  ])
  return csvRows([header, ...rows], locale)
}
