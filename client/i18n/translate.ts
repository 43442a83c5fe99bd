import type { Locale } from '../../shared/workshop'
import { coreFr, type CoreKey } from './coreFr'
import type { MessageKey as FullKey } from './fr'

/** Every UI message key: the first-paint catalogue's and the full one's (never both). */
export type MessageKey = CoreKey | FullKey

type Catalogue = Partial<Record<MessageKey, string>>

// The landing page's first paint carries only the small French core catalogue (its own
// strings, the crash and loading pages'); English people get the English core first (one
// small chunk, see `loadLocale`). The full catalogues (~10 KB gzipped per language) arrive
// with the routes and panels that need them, so the page a phone opens first stays light.
const catalogues: Record<Locale, Catalogue> = { fr: { ...coreFr }, en: {} }
let version = 0
const listeners = new Set<() => void>()

function added(locale: Locale, messages: Catalogue): void {
  Object.assign(catalogues[locale], messages)
  version += 1
  for (const listener of listeners) listener()
}

/** `load()` once; a failed download forgets itself so the next call retries. */
function once(load: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | null = null
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = null
      throw error
    }))
}

const loadEnglishCore = once(() => import('./coreEn').then(({ coreEn }) => added('en', coreEn)))

/**
 * The core strings of `locale` (French ones are always there): awaited before the first
 * render and before switching language, so no key ever shows.
 */
export function loadLocale(locale: Locale): Promise<void> {
  return locale === 'fr' ? Promise.resolve() : loadEnglishCore()
}

/**
 * Loads every string of both languages (once). Routes other than the landing load it in
 * parallel with their own chunk; a failed download can be retried.
 */
export const loadAllMessages = once(() =>
  Promise.all([import('./fr'), import('./en'), loadEnglishCore()]).then(([{ fr }, { en }]) => {
    added('fr', fr)
    added('en', en)
  }),
)

/** `import(chunk)` and every string together: what a lazy route or panel waits for. */
export function withAllMessages<T>(chunk: Promise<T>): Promise<T> {
  return Promise.all([chunk, loadAllMessages()]).then(([module]) => module)
}

/** For `useSyncExternalStore`: changes when more strings have arrived. */
export function subscribeMessages(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
export function messagesVersion(): number {
  return version
}

// Outside a browser (unit tests in Node) there is no first paint to keep light. The build
// replaces `import.meta.env.SSR` with `false` and drops this await: a top-level await left in
// the bundle makes Rolldown split the landing page into ~10 small chunks (+3 KB gzipped).
if (import.meta.env.SSR) await loadAllMessages()

/** Values substituted into `{name}` placeholders. */
export type MessageParams = Record<string, string | number>

const PLURAL_TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' }
const pluralRules = new Map<Locale, Intl.PluralRules>()

/**
 * `{count, plural, one {# tour ouvert} other {# tours ouverts}}`: the branch that
 * `Intl.PluralRules` picks for the number in the UI language (French: 0 and 1 are « one »),
 * `#` standing for the number; `other` when no branch matches. Branches hold no braces: other
 * placeholders go outside the plural. No « tour(s) ouvert(s) » anywhere.
 */
function withPlurals(locale: Locale, template: string, params: MessageParams): string {
  if (!template.includes(', plural,')) return template
  let rules = pluralRules.get(locale)
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(PLURAL_TAGS[locale])))
  const chooser = rules
  return template.replace(
    /\{(\w+), plural,((?:\s*[\w=]+\s*\{[^{}]*\})+)\s*\}/g,
    (whole, name: string, body: string) => {
      const value = Number(params[name])
      if (!(name in params) || !Number.isFinite(value)) return whole
      const branches = new Map([...body.matchAll(/([\w=]+)\s*\{([^{}]*)\}/g)].map((m) => [m[1], m[2]]))
      const text = branches.get(`=${value}`) ?? branches.get(chooser.select(value)) ?? branches.get('other') ?? ''
      return text.replace(/#/g, String(params[name]))
    },
  )
}

/**
 * The message for `key` in `locale`, with `{placeholders}` replaced (unknown ones kept).
 * A key whose catalogue has not arrived yet shows as the key itself (a bug: load it first),
 * and components using `useT` render again once it has.
 */
export function translate(locale: Locale, key: MessageKey, params?: MessageParams): string {
  // French stands in only if a download failed (the page stays readable, if not in English).
  const template = catalogues[locale][key] ?? catalogues.fr[key] ?? key
  return fillTemplate(locale, template, params)
}

/** A message template with its `{placeholders}` and plurals filled (unknown ones kept). */
export function fillTemplate(locale: Locale, template: string, params?: MessageParams): string {
  if (!params) return template
  return withPlurals(locale, template, params).replace(/\{(\w+)\}/g, (whole, name: string) =>
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

/** Every key loaded for `locale` (all of them once `loadAllMessages` resolved), for parity checks. */
export function messageKeys(locale: Locale): string[] {
  return Object.keys(catalogues[locale]).sort()
}
