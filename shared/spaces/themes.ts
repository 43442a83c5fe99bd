import type { Locale } from '../workshop'
import type { Theme } from './space'

/**
 * Themes of a space: the deck's three by default (environment; democracy, ethics and
 * freedoms; inclusion, empowerment, education), then whatever the programme edits. A
 * coalition points at a theme by id, so a label can change without touching coalitions.
 */

const DEFAULTS: readonly { id: string; label: Record<Locale, string> }[] = [
  { id: 'environnement', label: { fr: 'Environnement', en: 'Environment' } },
  { id: 'democratie', label: { fr: 'Démocratie, éthique et libertés', en: 'Democracy, ethics and freedoms' } },
  { id: 'inclusion', label: { fr: 'Inclusion, capacitation, éducation', en: 'Inclusion, empowerment, education' } },
]

/** The three themes of the deck, labelled in the space's language. */
export function defaultThemes(locale: Locale): Theme[] {
  return DEFAULTS.map((theme) => ({ id: theme.id, label: theme.label[locale] }))
}

/** A theme id from a label: lowercase ASCII words joined by dashes (« Santé & soin » → `sante-soin`). */
export function themeSlug(label: string): string {
  const slug = label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '')
  return slug || 'theme'
}

/**
 * The new list of themes from an edited one: given ids are kept, a theme without id gets
 * one from its label (suffixed `-2`, `-3`… when taken). Also says which previous ids are gone,
 * so the caller can refuse to drop a theme coalitions still use.
 */
export function resolveThemes(
  input: readonly { id?: string; label: string }[],
  previous: readonly Theme[],
): { themes: Theme[]; removed: string[] } {
  const taken = new Set(input.flatMap((theme) => (theme.id ? [theme.id] : [])))
  const themes = input.map((theme) => {
    if (theme.id) return { id: theme.id, label: theme.label }
    const base = themeSlug(theme.label)
    let id = base
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`
    taken.add(id)
    return { id, label: theme.label }
  })
  const kept = new Set(themes.map((theme) => theme.id))
  return { themes, removed: previous.filter((theme) => !kept.has(theme.id)).map((theme) => theme.id) }
}
