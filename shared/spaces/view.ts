import type { WorkshopOutcome } from './outcome'
import type { CoalitionRecord, SpaceLinks, SpaceRecord, SpaceRole, WorkshopRef } from './space'

/**
 * The answer of `GET /api/spaces/<id>`: the space, its coalitions, and for each workshop
 * what the panorama and the evolution views need (its outcome), so the page never opens a
 * workshop's document itself.
 */

export interface WorkshopEntry extends WorkshopRef {
  /** False when the workshop was deleted after it was linked. */
  found: boolean
  /** Null when not found. */
  outcome: WorkshopOutcome | null
}

export interface CoalitionView extends Omit<CoalitionRecord, 'workshops'> {
  workshops: WorkshopEntry[]
}

export interface SpaceView {
  /** What the token used opens. */
  role: SpaceRole
  space: SpaceRecord
  /** In creation order. */
  coalitions: CoalitionView[]
  /** Both links, for an admin only (a viewer never learns the admin link). */
  links: SpaceLinks | null
}

/** The outcomes of the workshops that still exist. */
export function outcomesOf(coalition: CoalitionView): WorkshopOutcome[] {
  return coalition.workshops.flatMap((entry) => (entry.outcome ? [entry.outcome] : []))
}
