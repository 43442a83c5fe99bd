import { DEFAULT_TIME_ZONE } from '../workshop'
/**
 * Names of downloaded outcome files, the same on both sides: the server's
 * `Content-Disposition` and the board's PNG/SVG downloads. ASCII only, so the name is
 * safe in a header and on every file system: `pour-des-cantines-durables-2026-03-12.md`.
 */

const MAX_SLUG = 60

/** The title in lower-case ASCII words joined by dashes ('atelier' when nothing is left). */
export function fileSlug(title: string, fallback = 'atelier'): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/gi, 'oe')
    .replace(/æ/gi, 'ae')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, MAX_SLUG)
    .replace(/^-+|-+$/g, '')
  return slug || fallback
}

/**
 * The one time zone of every workshop date: the sheet's date and its « en retard », file
 * names, checkpoints. The method's workshops are French; a workshop does not choose its
 * own zone yet, so every reader, wherever their browser is, sees the same day.
 */
export const WORKSHOP_TIME_ZONE = DEFAULT_TIME_ZONE

/** `YYYY-MM-DD` of a moment in a time zone (default the workshops' zone). */
export function dayIn(ms: number, timeZone = WORKSHOP_TIME_ZONE): string {
  // en-CA formats dates as ISO does.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms)
}

/** `<slug>-<date>[-<part>].<ext>`. */
export function exportFileName(title: string, day: string, ext: string, part?: string): string {
  const suffix = part ? `-${fileSlug(part, '')}`.replace(/-$/, '') : ''
  return `${fileSlug(title)}-${day}${suffix}.${ext}`
}
