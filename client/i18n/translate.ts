import type { Locale } from '../../shared/workshop'
import { en } from './en'
import { fr, type MessageKey } from './fr'

export type { MessageKey }

const catalogues: Record<Locale, Record<MessageKey, string>> = { fr, en }

/** Values substituted into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>

/** The message for `key` in `locale`, with `{placeholders}` replaced (unknown ones kept). */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogues[locale][key]
  if (!params) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  )
}

/**
 * The UI language: the one the person chose before (localStorage), else the browser's if we
 * speak it, else French — the method and most of its users are French.
 */
export function chooseLocale(stored: string | null, browserLanguages: readonly string[]): Locale {
  if (stored === 'fr' || stored === 'en') return stored
  for (const language of browserLanguages) {
    const primary = language.toLowerCase().split('-')[0]
    if (primary === 'fr') return 'fr'
    if (primary === 'en') return 'en'
  }
  return 'fr'
}

/** Every key of the French catalogue (the reference), for parity checks. */
export function messageKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]).sort()
}
