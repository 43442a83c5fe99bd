import { CONTROL_SECTIONS as ALL_SECTIONS, type AnyControlSection } from '../../shared/control/index'
import type { MetaState } from '../../shared/control/meta'
import type { WorkshopMeta } from '../../shared/workshop'

/**
 * The control sections the server runs: all of `shared/control/index.ts`. A new section
 * (shared/control/<name>.ts) becomes live by being added there; nothing else in the server
 * names a section, except the mirror below that keeps the workshops table and the `meta`
 * section in step.
 */

/** A section with its state and command types erased, as the hub stores them. */
export type AnySection = AnyControlSection

export const CONTROL_SECTIONS: readonly AnySection[] = ALL_SECTIONS

/**
 * Initial states of a workshop with no stored control state: each section's own initial
 * state for this workshop (the agenda follows its locale and template), from the row.
 */
export function seedsFromWorkshop(meta: WorkshopMeta): Record<string, unknown> {
  const init = { locale: meta.locale, template: meta.template, title: meta.title, coalition: meta.coalition }
  const seeds: Record<string, unknown> = {}
  for (const section of CONTROL_SECTIONS) seeds[section.key] = section.initial(init)
  const metaSeed: MetaState = { title: meta.title, coalition: meta.coalition }
  seeds.meta = metaSeed
  return seeds
}

/** The workshops-table change that mirrors a section's new state, if any. */
export function workshopPatchFor(key: string, state: unknown): { title?: string; coalition?: string } | null {
  if (key !== 'meta') return null
  const { title, coalition } = state as MetaState
  return { title, coalition }
}
