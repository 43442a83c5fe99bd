import type { Locale } from '../workshop'
import { WORKSHOP_TIME_ZONE } from './fileName'
import { formatDate } from './markdownText'

/** Longest workshop title (`exportWorkshopSchema`). */
const MAX_TITLE = 200

// A suffix an earlier import wrote: a copy of a copy says one date, the latest.
const COPY_SUFFIX = /\s*\((?:copie du|copy of) [^()]*\)$/

/**
 * The title of a workshop restored from an export: « Atelier #1 (copie du 7 décembre
 * 2026) », dated by the export it was made from, so the copy and its original are not
 * mistaken for each other in a list of workshops. The base is shortened if needed to stay
 * within the title's limit.
 */
export function copyTitle(title: string, exportedAt: string, locale: Locale, timeZone = WORKSHOP_TIME_ZONE): string {
  const date = formatDate(exportedAt, locale, timeZone)
  const suffix = locale === 'fr' ? ` (copie du ${date})` : ` (copy of ${date})`
  const base = title.replace(COPY_SUFFIX, '').trim()
  return `${base.slice(0, MAX_TITLE - suffix.length).trimEnd()}${suffix}`
}
