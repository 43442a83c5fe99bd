import type { Locale } from '../workshop'
import { COHORT_LABELS } from './labels'
import { ENGAGED_CIRCLES, hasMeans, type CompassSnapshot, type WorkshopOutcome } from './outcome'
import { COHORTS, type CoalitionStatus, type Cohort, type Theme } from './space'
import { dayIn } from '../export/fileName'
import { coalitionRoadmap, type CoalitionRoadmap } from '../roadmap/coalitionRoadmap'

/**
 * The panorama of a space: coalitions as cards grouped by theme or by cohort, filtered by
 * status, each with what its workshops say (latest compass, actors engaged, next steps).
 * Pure, so the page, the booklet and the tests group and summarise the same way.
 */

export const PANORAMA_GROUPINGS = ['cohort', 'theme'] as const
export type PanoramaGrouping = (typeof PANORAMA_GROUPINGS)[number]

/** Key of the group of coalitions whose theme is missing or no longer in the list. */
export const NO_THEME = '∅'

/** What grouping needs from a coalition. */
export interface PanoramaItem {
  id: string
  title: string
  themeId: string | null
  cohort: Cohort
  status: CoalitionStatus
}

export interface PanoramaGroup<T extends PanoramaItem> {
  /** A cohort code, a theme id, or `NO_THEME`. */
  key: string
  label: string
  items: T[]
}

export interface PanoramaOptions {
  by: PanoramaGrouping
  themes: readonly Theme[]
  /** Statuses to show; empty shows every status. */
  statuses?: readonly CoalitionStatus[]
  locale: Locale
  /** Label of the no-theme group, in the page's language. */
  noThemeLabel: string
}

function collator(locale: Locale): Intl.Collator {
  return new Intl.Collator(locale === 'fr' ? 'fr' : 'en', { sensitivity: 'base', numeric: true })
}

/**
 * Groups in a stable order: by cohort, the four cohorts always (each is a drop target,
 * empty or not); by theme, the space's themes in their order (empty ones too, so a theme
 * just added shows), then « no theme » only when something falls there. Cards inside a
 * group are sorted by title, then id, so the order never depends on storage.
 */
export function groupPanorama<T extends PanoramaItem>(
  items: readonly T[],
  options: PanoramaOptions,
): PanoramaGroup<T>[] {
  const statuses = options.statuses ?? []
  const shown = statuses.length === 0 ? [...items] : items.filter((item) => statuses.includes(item.status))
  const compare = collator(options.locale)
  shown.sort((a, b) => compare.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))

  if (options.by === 'cohort') {
    return COHORTS.map((cohort) => ({
      key: cohort,
      label: COHORT_LABELS[cohort][options.locale],
      items: shown.filter((item) => item.cohort === cohort),
    }))
  }
  const known = new Set(options.themes.map((theme) => theme.id))
  const groups: PanoramaGroup<T>[] = options.themes.map((theme) => ({
    key: theme.id,
    label: theme.label,
    items: shown.filter((item) => item.themeId === theme.id),
  }))
  const loose = shown.filter((item) => item.themeId === null || !known.has(item.themeId))
  if (loose.length > 0) groups.push({ key: NO_THEME, label: options.noThemeLabel, items: loose })
  return groups
}

/** How many coalitions have each status (for the filter's counts), every status present. */
export function countByStatus(
  items: readonly PanoramaItem[],
  statuses: readonly CoalitionStatus[],
): Record<CoalitionStatus, number> {
  const counts = Object.fromEntries(statuses.map((status) => [status, 0])) as Record<CoalitionStatus, number>
  for (const item of items) counts[item.status] = (counts[item.status] ?? 0) + 1
  return counts
}

export interface CoalitionSummary {
  /** The latest revealed compass round about the coalition, from its latest workshop that has one. */
  compass: (CompassSnapshot & { workshopId: string }) | null
  /** Actors in the core or first circle, and all actors, in the latest workshop that mapped actors. */
  actorsEngaged: number
  actorsTotal: number
  /** From the latest workshop that wrote a roadmap. */
  nextSteps: string[]
  /** The latest workshop (by creation), or null without any. */
  latest: WorkshopOutcome | null
  /** Actions from all its workshops, merged (`coalitionRoadmap`): overdue first, done/total, next due date. */
  roadmap: CoalitionRoadmap
}

/** Workshops oldest first (by creation, then id). */
export function chronological(outcomes: readonly WorkshopOutcome[]): WorkshopOutcome[] {
  return [...outcomes].sort(
    (a, b) => a.createdAt - b.createdAt || (a.workshopId < b.workshopId ? -1 : a.workshopId > b.workshopId ? 1 : 0),
  )
}

/**
 * What a coalition's card shows. Each part comes from the latest workshop that has
 * something to say about it: a follow-up workshop that only scored the compass must not
 * blank the actors mapped in the one before.
 */
export function summarizeCoalition(
  outcomes: readonly WorkshopOutcome[],
  today: string = dayIn(Date.now()),
): CoalitionSummary {
  const newestFirst = chronological(outcomes).reverse()
  let compass: CoalitionSummary['compass'] = null
  for (const outcome of newestFirst) {
    const round = outcome.compass.filter(hasMeans).at(-1)
    if (round) {
      compass = { ...round, workshopId: outcome.workshopId }
      break
    }
  }
  const mapped = newestFirst.find((outcome) => outcome.actors.length > 0)
  const planned = newestFirst.find((outcome) => outcome.nextSteps.length > 0)
  return {
    compass,
    actorsEngaged: mapped
      ? mapped.actors.filter((actor) => actor.circle !== null && ENGAGED_CIRCLES.includes(actor.circle)).length
      : 0,
    actorsTotal: mapped?.actors.length ?? 0,
    nextSteps: planned?.nextSteps ?? [],
    latest: newestFirst[0] ?? null,
    roadmap: coalitionRoadmap(
      outcomes.map((outcome) => ({
        workshopId: outcome.workshopId,
        workshopTitle: outcome.title,
        createdAt: outcome.createdAt,
        items: outcome.roadmap ?? [],
      })),
      today,
    ),
  }
}
