import type { ActionStatus } from '../cards/action'
import { roadmapProgress, sortRoadmap, type RoadmapItem, type RoadmapProgress } from './roadmap'

/**
 * One coalition's roadmap across its workshops. An action is the same action from one
 * workshop to the next when its text is the same (case, accents and spaces aside): a
 * follow-up workshop that marks « Rédiger la charte » done updates it rather than adding a
 * second one, and each workshop's status is kept as its history.
 */

export interface RoadmapSource {
  workshopId: string
  workshopTitle: string
  /** Creation of the workshop, ms since epoch: later workshops have the last word. */
  createdAt: number
  items: readonly RoadmapItem[]
}

export interface CoalitionAction extends RoadmapItem {
  /** The workshop whose version this is (the latest that has the action). */
  workshopId: string
  workshopTitle: string
  /** The status in each workshop that had the action, oldest first. */
  history: { workshopId: string; workshopTitle: string; status: ActionStatus | null; due: string | null }[]
}

export interface CoalitionRoadmap {
  /** Overdue first, then open by due date, then done, then dropped (`sortRoadmap`). */
  actions: CoalitionAction[]
  progress: RoadmapProgress
}

/** The key that makes two workshops' actions one: the text, folded. */
export function actionKey(what: string): string {
  return what
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim()
}

/** The merged, ordered roadmap of a coalition's workshops on `today` (`YYYY-MM-DD`). */
export function coalitionRoadmap(sources: readonly RoadmapSource[], today: string): CoalitionRoadmap {
  const byKey = new Map<string, CoalitionAction>()
  const oldestFirst = [...sources].sort((a, b) => a.createdAt - b.createdAt || (a.workshopId < b.workshopId ? -1 : 1))
  for (const source of oldestFirst) {
    for (const item of source.items) {
      // An action nobody named yet cannot be followed from one workshop to another.
      const key = actionKey(item.what) || `${source.workshopId}:${item.id}`
      const step = {
        workshopId: source.workshopId,
        workshopTitle: source.workshopTitle,
        status: item.status,
        due: item.due,
      }
      const history = [...(byKey.get(key)?.history ?? []), step]
      byKey.set(key, { ...item, workshopId: source.workshopId, workshopTitle: source.workshopTitle, history })
    }
  }
  const actions = sortRoadmap([...byKey.values()], today)
  return { actions, progress: roadmapProgress(actions, today) }
}
