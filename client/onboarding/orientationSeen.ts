import { localPrefs, PrefKey } from '../identity/localStore'

/**
 * The first-time orientation is shown once per browser: as soon as it is on screen it
 * counts as seen, so a reload, another workshop or a skipped dialog never brings it back
 * (the help panel keeps the same content at hand).
 */
export function hasSeenOrientation(): boolean {
  return localPrefs.get(PrefKey.orientationSeen) !== null
}

export function markOrientationSeen(now = Date.now()): void {
  localPrefs.set(PrefKey.orientationSeen, String(now))
}
