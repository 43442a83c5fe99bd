/**
 * localStorage that never throws: private browsing, disabled storage or a full quota must not
 * break the board, only forget the preference.
 */
export const localPrefs = {
  get(key: string): string | null {
    try {
      return globalThis.localStorage?.getItem(key) ?? null
    } catch {
      return null
    }
  },
  set(key: string, value: string): void {
    try {
      globalThis.localStorage?.setItem(key, value)
    } catch {}
  },
}

/** Keys we keep in localStorage, in one place so they never collide. */
export const PrefKey = {
  locale: 'coalition-board.locale',
  displayName: 'coalition-board.display-name',
  memberKey: 'coalition-board.member-key',
  userColor: 'coalition-board.user-color',
  workshopMeta: (id: string) => `coalition-board.workshop.${id}`,
  /** « Mes ateliers »: workshops created or joined in this browser (client/landing/MyWorkshopsStore.ts). */
  myWorkshops: 'coalition-board.my-workshops',
  /** Set once the first-time orientation was shown (client/onboarding/). */
  orientationSeen: 'coalition-board.orientation-seen',
  /** The board's side column: panels opened or closed by hand, column hidden (client/board/sidePanelStore.ts). */
  panelLayout: 'coalition-board.panel-layout',
  /** The timer's sound at zero, `on` or `off`; absent: on for facilitators only (client/board/facilitation/timerSignal.ts). */
  timerSound: 'coalition-board.timer-sound',
} as const
