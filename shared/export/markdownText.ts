import type { Locale } from '../workshop'

/**
 * Markdown building blocks for the coalition sheet. Everything people typed goes through
 * `mdText`: a card named `*Vélo* | [lien](x)` must read as typed, not turn into emphasis,
 * a link or an extra table column.
 */

// Characters that start inline syntax (emphasis, code, links, HTML, strikethrough, table
// cells). `(`, `)` and `!` only matter after `[`, which is escaped.
const SPECIAL = /[\\`*_[\]<>|~]/g

/**
 * User text on one line: newlines become « / », Markdown syntax is escaped. A `#` is
 * syntax only where it opens a heading (the start of the text, which may start a line or a
 * list item) or closes one (a run of `#` after a space at the end, which a heading would
 * drop): « Atelier #1 » stays as typed, « # 1 » and « Atelier # » are escaped.
 */
export function mdText(text: string): string {
  return text
    .trim()
    .replace(/\s*\n\s*/g, ' / ')
    .replace(SPECIAL, (char) => `\\${char}`)
    .replace(/&(?=#?\w+;)/g, '&amp;')
    .replace(/^#/, '\\#')
    .replace(/(\s)(#+)$/, (_, space: string, hashes: string) => `${space}${hashes.replace(/#/g, '\\#')}`)
}

/** A GFM table; cells are Markdown already (escape user text with `mdText` first). */
export function mdTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  align: readonly ('left' | 'right')[] = [],
): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`
  const rule = header.map((_, i) => (align[i] === 'right' ? '---:' : '---'))
  return [line(header), line(rule), ...rows.map(line)]
}

/** The colon after a label: French puts a no-break space before it. */
export function colon(locale: Locale): string {
  return locale === 'fr' ? '\u00a0:' : ':'
}

/** `**Label :** value`. */
export function mdField(label: string, value: string, locale: Locale): string {
  return `**${label}${colon(locale)}** ${value}`
}

// Building an Intl formatter costs far more than using one: keep one per locale and sign.
const numberFormats = new Map<string, Intl.NumberFormat>()

/** A number with at most one decimal, in the locale ("1,3" in French). */
export function formatNumber(value: number | null, locale: Locale, signed = false): string {
  if (value === null) return '–'
  const key = `${locale}:${signed}`
  let format = numberFormats.get(key)
  if (!format) {
    format = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      maximumFractionDigits: 1,
      signDisplay: signed ? 'exceptZero' : 'auto',
    })
    numberFormats.set(key, format)
  }
  return format.format(value)
}

/** A long date in the locale ("12 mars 2026", "12 March 2026"). */
export function formatDate(iso: string, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone }).format(
    new Date(iso),
  )
}
