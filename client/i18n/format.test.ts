import { describe, expect, it } from 'vitest'
import {
  formatDate,
  formatDateTime,
  formatList,
  formatNumber,
  formatPercent,
  formatRelative,
  localeTag,
} from './format'

// Intl writes French with narrow no-break spaces (U+202F) as thousands separators and
// before « % »; compare with plain spaces so the expectations stay readable.
const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ')
const AT = Date.UTC(2026, 10, 28, 10, 3)
const DAY = 24 * 3600_000

describe('locale formatting', () => {
  it('maps each UI language to one BCP 47 tag', () => {
    expect(localeTag('fr')).toBe('fr-FR')
    expect(localeTag('en')).toBe('en-GB')
  })

  it('writes numbers with each language’s decimal and grouping marks', () => {
    expect(plain(formatNumber('fr', 12345.67))).toBe('12 345,7')
    expect(formatNumber('en', 12345.67)).toBe('12,345.7')
    expect(formatNumber('fr', 2.456, 2)).toBe('2,46')
    expect(formatNumber('en', 3)).toBe('3')
    expect(plain(formatPercent('fr', 0.42))).toBe('42 %')
    expect(formatPercent('en', 0.42)).toBe('42%')
  })

  it('writes dates and times in the language chosen, whatever the machine’s locale', () => {
    expect(formatDate('fr', AT, 'UTC')).toBe('28 nov. 2026')
    expect(formatDate('en', AT, 'UTC')).toBe('28 Nov 2026')
    expect(formatDateTime('fr', AT, 'UTC')).toBe('28 nov. 2026, 10:03')
    expect(formatDateTime('en', AT, 'UTC')).toBe('28 Nov 2026, 10:03')
    expect(formatDateTime('en', new Date(Date.UTC(2026, 0, 5, 21, 7)), 'UTC')).toBe('5 Jan 2026, 21:07')
  })

  it('says how long ago in the largest whole unit, and "now" under a minute', () => {
    expect(formatRelative('fr', AT - 20_000, AT)).toBe('maintenant')
    expect(formatRelative('en', AT - 20_000, AT)).toBe('now')
    expect(formatRelative('fr', AT - 5 * 60_000, AT)).toBe('il y a 5 minutes')
    expect(formatRelative('en', AT - DAY, AT)).toBe('yesterday')
    expect(formatRelative('fr', AT - 3 * DAY, AT)).toBe('il y a 3 jours')
    expect(formatRelative('en', AT - 15 * DAY, AT)).toBe('2 weeks ago')
    expect(formatRelative('en', AT - 400 * DAY, AT)).toBe('last year')
    expect(formatRelative('en', AT + 2 * 3600_000, AT)).toBe('in 2 hours')
  })

  it('joins lists with each language’s conjunction', () => {
    expect(formatList('fr', ['Inclusif', 'Frugal', 'Équitable'])).toBe('Inclusif, Frugal et Équitable')
    expect(formatList('en', ['Inclusive', 'Frugal', 'Fair'])).toBe('Inclusive, Frugal and Fair')
    expect(formatList('en', [])).toBe('')
  })
})
