/**
 * A workshop's time zone, without zod (the landing page checks the browser's before it
 * sends it, and must stay small): an IANA name, never an offset.
 */

/** Every date of a workshop created before it chose its own time zone is in this one. */
export const DEFAULT_TIME_ZONE = 'Europe/Paris'

/** An IANA time zone name the runtime knows (`Europe/Paris`, `America/Montreal`, `UTC`); not an offset. */
export function isTimeZone(name: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(name)) return false
  try {
    new Intl.DateTimeFormat('en', { timeZone: name })
    return true
  } catch {
    return false
  }
}
