import { create } from 'zustand'
import { localPrefs, PrefKey } from '../identity/localStore'
import { parseLayout, serializeLayout, type PanelChoices, type PanelId } from './panelLayout'

/**
 * The side column's UI state (STYLE §7: layout only, no board data): the panels a person
 * opened or closed by hand and whether the column is hidden, both kept in localStorage so
 * a reload finds the same layout; and the narrow-window drawer, which always starts folded.
 */
export interface SidePanelState {
  choices: PanelChoices
  /** Wide windows: the column hidden to give the canvas the whole screen. */
  columnHidden: boolean
  /** Narrow windows: the overlay drawer unfolded (never stored: it covers the board). */
  drawerOpen: boolean
  setPanelOpen(id: PanelId, open: boolean): void
  /** Back to the default for this phase and role (a newly opened round). */
  resetPanels(ids: readonly PanelId[]): void
  setColumnShown(shown: boolean, narrow: boolean): void
}

function save(state: Pick<SidePanelState, 'choices' | 'columnHidden'>): void {
  localPrefs.set(PrefKey.panelLayout, serializeLayout({ choices: state.choices, columnHidden: state.columnHidden }))
}

const stored = parseLayout(localPrefs.get(PrefKey.panelLayout))

export const useSidePanelStore = create<SidePanelState>()((set, get) => ({
  choices: stored.choices,
  columnHidden: stored.columnHidden,
  drawerOpen: false,
  setPanelOpen(id, open) {
    set((s) => ({ choices: { ...s.choices, [id]: open } }))
    save(get())
  },
  resetPanels(ids) {
    if (!ids.some((id) => id in get().choices)) return
    set((s) => {
      const choices = { ...s.choices }
      for (const id of ids) delete choices[id]
      return { choices }
    })
    save(get())
  },
  setColumnShown(shown, narrow) {
    if (narrow) {
      set({ drawerOpen: shown })
      return
    }
    set({ columnHidden: !shown })
    save(get())
  },
}))
