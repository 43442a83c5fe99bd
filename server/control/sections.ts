import type { ControlSection } from '../../shared/control/section'
import { facilitationSection } from '../../shared/control/facilitation'
import { lockSection } from '../../shared/control/lock'
import { metaSection, type MetaState } from '../../shared/control/meta'
import { timerSection } from '../../shared/control/timer'
import type { WorkshopMeta } from '../../shared/workshop'

/**
 * THE list of control sections the server runs. A new section (shared/control/<name>.ts)
 * becomes live by being added here; nothing else in the server names a section, except
 * the two mirrors below that keep the workshops table and the `meta` section in step.
 */

/** A section with its state and command types erased, as the hub stores them. */
export type AnySection = ControlSection<unknown, { type: string }>

export const CONTROL_SECTIONS: readonly AnySection[] = [
  metaSection,
  timerSection,
  lockSection,
  facilitationSection,
]

/** Initial states taken from the workshop row (used when a section has no stored state). */
export function seedsFromWorkshop(meta: WorkshopMeta): Record<string, unknown> {
  const seed: MetaState = { title: meta.title, coalition: meta.coalition }
  return { meta: seed }
}

/** The workshops-table change that mirrors a section's new state, if any. */
export function workshopPatchFor(key: string, state: unknown): { title?: string; coalition?: string } | null {
  if (key !== 'meta') return null
  const { title, coalition } = state as MetaState
  return { title, coalition }
}
