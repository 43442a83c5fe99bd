import { create } from 'zustand'
import type { Locale } from '../../shared/workshop'
import { chooseLocale, type MessageKey, type MessageParams } from '../i18n/translate'
import { localPrefs, PrefKey } from '../identity/localStore'
import type { ConnectionStatus } from '../board/session/connectionStatus'

/** A message shown in the board's notice area until dismissed. */
export interface Notice {
  id: string
  key: MessageKey
  params?: MessageParams
  /** `reload` adds a "Reload" button (outdated client). */
  action?: 'reload'
}

/**
 * UI state only (STYLE §7): language, who I am, connection status and notices (the side
 * column's layout is `board/sidePanelStore.ts`).
 * Board data never lives here; it is in the Y.Doc and mirrored by tldraw.
 */
export interface UiState {
  locale: Locale
  setLocale(locale: Locale): void
  displayName: string | null
  setDisplayName(name: string): void
  connection: ConnectionStatus
  setConnection(status: ConnectionStatus): void
  notices: Notice[]
  /** Adds a notice unless one with the same key and params is already shown. */
  pushNotice(notice: Omit<Notice, 'id'>): void
  dismissNotice(id: string): void
}

let noticeCounter = 0

function initialLocale(): Locale {
  const languages = typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language])
  return chooseLocale(localPrefs.get(PrefKey.locale), languages)
}

export const useUiStore = create<UiState>()((set) => ({
  locale: initialLocale(),
  setLocale(locale) {
    localPrefs.set(PrefKey.locale, locale)
    set({ locale })
  },
  displayName: localPrefs.get(PrefKey.displayName),
  setDisplayName(name) {
    localPrefs.set(PrefKey.displayName, name)
    set({ displayName: name })
  },
  connection: 'connecting',
  setConnection(connection) {
    set((s) => (s.connection === connection ? s : { connection }))
  },
  notices: [],
  pushNotice(notice) {
    set((s) => {
      const same = s.notices.some(
        (n) => n.key === notice.key && JSON.stringify(n.params) === JSON.stringify(notice.params),
      )
      if (same) return s
      // Keep the list short: a storm of bad records must not bury the board under notices.
      const notices = [...s.notices, { ...notice, id: `notice-${++noticeCounter}` }].slice(-4)
      return { notices }
    })
  },
  dismissNotice(id) {
    set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }))
  },
}))
