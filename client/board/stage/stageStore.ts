import { create } from 'zustand'
import { isTypingTarget, type KeyTarget } from '../../onboarding/shortcuts'

/**
 * Whether the results stage is open and on what (UI state only, STYLE §7): the side
 * column's « Voir les résultats » and the board's « Résultats » button open it on a round.
 */
export type StageView = 'compass' | 'compare' | 'votes'

export interface StageTarget {
  view: StageView
  /** The round to show first (compass or vote round id); the latest revealed one otherwise. */
  roundId?: string
}

export interface StageState {
  target: StageTarget | null
  open(target: StageTarget): void
  close(): void
}

export const useStageStore = create<StageState>()((set) => ({
  target: null,
  open: (target) => set({ target }),
  close: () => set({ target: null }),
}))

/** The stage's shortcut: Shift+R (« Résultats », "Results"); tldraw binds neither `r` with Shift nor alone. */
export const STAGE_KEY_LABEL = 'Shift+R'

/** Whether a key event asks for the stage: Shift+R as typed, no Ctrl/Alt/Meta, outside anything one types into. */
export function isStageKey(
  event: { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean },
  target: KeyTarget | null,
): boolean {
  if (event.key.toLowerCase() !== 'r' || !event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return false
  return !isTypingTarget(target)
}
