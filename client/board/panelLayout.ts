import type { Role } from '../../shared/protocol'
import { isTypingTarget, type KeyTarget } from '../onboarding/shortcuts'

/**
 * The board's right column, as plain data: which panels exist, which are open when the
 * person has not chosen (what matters in this phase for this role), what a newly opened
 * round unfolds, how the layout is kept in localStorage, and the key that hides the column.
 * No React, no DOM: `SidePanel`, `SideColumn` and `sidePanelStore` are written on top of it.
 */

/** Every panel of the column, one id each (it names its stored open/closed choice). */
export const PANEL_IDS = [
  'card',
  'outline',
  'template',
  'compass',
  'facilitation',
  'votes',
  'sheet',
  'outcome',
] as const
export type PanelId = (typeof PANEL_IDS)[number]

/** Below this width the column is an overlay drawer, folded by default (phones: 640 px, a sheet). */
export const NARROW_QUERY = '(max-width: 800px)'

/** What the defaults depend on: who I am, the window, and the rounds asking for input now. */
export interface PanelSituation {
  role: Role
  narrow: boolean
  openCompassRounds: number
  openVoteRounds: number
}

/**
 * Open unless the person chose otherwise? Everything is folded except what the current
 * moment asks of this role: the facilitator runs the workshop from the facilitation panel;
 * anyone who can take part gets the compass while a round is open and the votes while a
 * vote is open; the selected card shows its fields.
 */
export function defaultPanelOpen(id: PanelId, situation: PanelSituation): boolean {
  const takesPart = situation.role !== 'viewer'
  switch (id) {
    case 'card':
      return true
    case 'facilitation':
      return situation.role === 'facilitator'
    case 'compass':
      return takesPart && situation.openCompassRounds > 0
    case 'votes':
      return takesPart && situation.openVoteRounds > 0
    case 'outline':
    case 'template':
    case 'sheet':
    case 'outcome':
      return false
  }
}

/** A person's choices (only the panels they toggled) over the defaults. */
export type PanelChoices = Partial<Record<PanelId, boolean>>

export function isPanelOpen(id: PanelId, choices: PanelChoices, situation: PanelSituation): boolean {
  return choices[id] ?? defaultPanelOpen(id, situation)
}

/**
 * Panels a viewer (the projection screen) never gets: they edit the board or run the
 * workshop. The card panel is not one: a viewer reads the clicked card's details there, read-only.
 */
const EDITING_PANELS: ReadonlySet<PanelId> = new Set(['template', 'facilitation', 'outcome'])

export function isPanelForRole(id: PanelId, role: Role): boolean {
  if (role === 'viewer') return !EDITING_PANELS.has(id)
  if (id === 'facilitation' || id === 'outcome') return role === 'facilitator'
  return true
}

/**
 * What a change of situation asks for: a round that just opened is the moment to score or
 * vote, so its panel forgets an earlier "closed" (back to its default, open) and the
 * column comes back if it was hidden.
 */
export function unfoldOnNewRounds(
  before: PanelSituation,
  after: PanelSituation,
): { reset: PanelId[]; showColumn: boolean } {
  const reset: PanelId[] = []
  if (after.openCompassRounds > before.openCompassRounds) reset.push('compass')
  if (after.openVoteRounds > before.openVoteRounds) reset.push('votes')
  return { reset, showColumn: reset.length > 0 && after.role !== 'viewer' }
}

/**
 * Panels that a round closing would fold mid-task (the facilitator pressing « Clore » is
 * still reading it): those open by default before and not after. The column keeps them
 * open as if chosen, until the person folds them.
 */
export function keepOpenOnRoundsClosing(before: PanelSituation, after: PanelSituation): PanelId[] {
  return (['compass', 'votes'] as const).filter((id) => defaultPanelOpen(id, before) && !defaultPanelOpen(id, after))
}

/** What is kept across reloads: the panels toggled by hand, and whether the column is hidden (wide windows). */
export interface StoredPanelLayout {
  choices: PanelChoices
  columnHidden: boolean
}

export const EMPTY_LAYOUT: StoredPanelLayout = { choices: {}, columnHidden: false }

/** Reads what `serializeLayout` wrote; anything else (old, hand-edited, absent) gives the defaults. */
export function parseLayout(raw: string | null): StoredPanelLayout {
  if (!raw) return EMPTY_LAYOUT
  let value: unknown
  try {
    value = JSON.parse(raw)
  } catch {
    return EMPTY_LAYOUT
  }
  if (typeof value !== 'object' || value === null) return EMPTY_LAYOUT
  const record = value as { choices?: unknown; columnHidden?: unknown }
  const choices: PanelChoices = {}
  if (typeof record.choices === 'object' && record.choices !== null) {
    for (const id of PANEL_IDS) {
      const choice = (record.choices as Record<string, unknown>)[id]
      if (typeof choice === 'boolean') choices[id] = choice
    }
  }
  return { choices, columnHidden: record.columnHidden === true }
}

export function serializeLayout(layout: StoredPanelLayout): string {
  return JSON.stringify({ choices: layout.choices, columnHidden: layout.columnHidden })
}

/** The column's shortcut: Shift+P (« Panneaux », "Panels"); tldraw binds neither `p` nor `shift+p`. */
export const COLUMN_KEY_LABEL = 'Shift+P'

/**
 * Whether a key event asks to hide or show the column: Shift+P (the letter as typed, so it
 * follows the keyboard layout) without Ctrl, Alt or Meta, outside anything one types into.
 */
export function isColumnToggleKey(
  event: { key: string; shiftKey: boolean; ctrlKey: boolean; altKey: boolean; metaKey: boolean },
  target: KeyTarget | null,
): boolean {
  if (event.key.toLowerCase() !== 'p' || !event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return false
  return !isTypingTarget(target)
}
