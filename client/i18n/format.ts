import type { Locale } from '../../shared/workshop'

/**
 * Dates, numbers and lists written the way each UI language writes them (French: « 28 nov.
 * 2026, 10:03 », « 3,5 », « A, B et C »; English: « 28 Nov 2026, 10:03 », « 3.5 », « A, B
 * and C »). Built on `Intl` with explicit BCP 47 tags, so the result depends on the UI
 * language chosen in the app, never on the machine's own locale.
 */

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' }

/** The BCP 47 tag used for a UI language. */
export function localeTag(locale: Locale): string {
  return TAGS[locale]
}

/** A decimal number: `3,5` / `3.5`; at most `maxDigits` decimals (default 1). */
export function formatNumber(locale: Locale, value: number, maxDigits = 1): string {
  return new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: maxDigits }).format(value)
}

/** A share of a whole: `42 %` (narrow no-break space in French) / `42%`. */
export function formatPercent(locale: Locale, ratio: number): string {
  return new Intl.NumberFormat(TAGS[locale], { style: 'percent', maximumFractionDigits: 0 }).format(ratio)
}

/** A calendar date: `28 nov. 2026` / `28 Nov 2026`. */
export function formatDate(locale: Locale, at: number | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(TAGS[locale], { day: 'numeric', month: 'short', year: 'numeric', timeZone }).format(at)
}

/** A date and a time of day: `28 nov. 2026, 10:03` / `28 Nov 2026, 10:03` (24-hour clock in both). */
export function formatDateTime(locale: Locale, at: number | Date, timeZone?: string): string {
  return new Intl.DateTimeFormat(TAGS[locale], {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at)
}

const RELATIVE_STEPS: { unit: Intl.RelativeTimeFormatUnit; ms: number }[] = [
  { unit: 'year', ms: 365 * 24 * 3600_000 },
  { unit: 'month', ms: 30 * 24 * 3600_000 },
  { unit: 'week', ms: 7 * 24 * 3600_000 },
  { unit: 'day', ms: 24 * 3600_000 },
  { unit: 'hour', ms: 3600_000 },
  { unit: 'minute', ms: 60_000 },
]

/**
 * How long ago (or in how long) `at` is from `now`, in the largest whole unit: « il y a
 * 3 jours », « hier », « maintenant » / "3 days ago", "yesterday", "now". Under a
 * minute reads as now, so a list does not flicker through seconds.
 */
export function formatRelative(locale: Locale, at: number, now: number): string {
  const diff = at - now
  const rtf = new Intl.RelativeTimeFormat(TAGS[locale], { numeric: 'auto' })
  for (const step of RELATIVE_STEPS) {
    if (Math.abs(diff) >= step.ms) return rtf.format(Math.trunc(diff / step.ms), step.unit)
  }
  return rtf.format(0, 'second')
}

/** `A, B et C` / `A, B and C`. */
export function formatList(locale: Locale, items: readonly string[]): string {
  return new Intl.ListFormat(TAGS[locale], { style: 'long', type: 'conjunction' }).format(items)
}
