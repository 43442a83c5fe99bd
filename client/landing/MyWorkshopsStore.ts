import { useSyncExternalStore } from 'react'
import type { Role } from '../../shared/protocol'
import { localPrefs, PrefKey } from '../identity/localStore'
import { parseMyWorkshops, recordOpened, removeEntry, type MyWorkshop } from './MyWorkshopsList'

/**
 * « Mes ateliers » in localStorage, shared by every tab of this browser: the landing page
 * lists it, creating a workshop and opening a board add to it. Writes never throw (private
 * browsing just forgets).
 */

const listeners = new Set<() => void>()
const NONE: MyWorkshop[] = []
let cached: { raw: string | null; list: MyWorkshop[] } = { raw: null, list: [] }

function read(): MyWorkshop[] {
  const raw = localPrefs.get(PrefKey.myWorkshops)
  if (raw !== cached.raw) cached = { raw, list: parseMyWorkshops(raw) }
  return cached.list
}

function write(list: MyWorkshop[]): void {
  localPrefs.set(PrefKey.myWorkshops, JSON.stringify(list))
  for (const listener of listeners) listener()
}

/** The list, most recently opened first. */
export function loadMyWorkshops(): MyWorkshop[] {
  return read()
}

/** Adds or refreshes an entry, dated now. */
export function rememberWorkshop(entry: Omit<MyWorkshop, 'lastOpened'>, now = Date.now()): void {
  write(recordOpened(read(), entry, now))
}

/** Removes one entry (workshop and role), or all of a workshop's entries. */
export function forgetWorkshop(id: string, role?: Role): void {
  write(removeEntry(read(), id, role))
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  // Another tab created or opened a workshop: the list follows.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key === PrefKey.myWorkshops) listener()
  }
  window.addEventListener('storage', onStorage)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('storage', onStorage)
  }
}

/** The list, live (this tab's writes and other tabs'). */
export function useMyWorkshops(): MyWorkshop[] {
  return useSyncExternalStore(subscribe, read, () => NONE)
}
