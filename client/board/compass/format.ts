import type { Locale } from '../../../shared/workshop'

/**
 * Numbers of the compass as people read them: one decimal at most, the decimal comma in
 * French, a real minus sign and an explicit plus on changes.
 */

const formatters = new Map<string, Intl.NumberFormat>()

function formatter(locale: Locale, signed: boolean): Intl.NumberFormat {
  const key = `${locale}:${signed}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      maximumFractionDigits: 1,
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
    })
    formatters.set(key, f)
  }
  return f
}

/** A score statistic (mean, median…): `2,5` in French, `2.5` in English; `—` when absent. */
export function formatScore(value: number | null, locale: Locale): string {
  return value === null ? '—' : formatter(locale, false).format(value).replace('-', '−')
}

/** A change between rounds: `+1,5`, `−0,5`, `0`; `—` when either side has no value. */
export function formatDelta(value: number | null, locale: Locale): string {
  return value === null ? '—' : formatter(locale, true).format(value).replace('-', '−')
}
