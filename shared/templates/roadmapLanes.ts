import { ACTION_STATUSES, ACTION_STATUS_OPTIONS, type ActionStatus } from '../cards/action'
import type { LocalizedText } from '../compass/axes'
import { lanesWriter, type Lane } from './lanes'

/**
 * The roadmap (*feuille de route*): one lane per action status, left to right as work
 * moves (à faire → en cours → fait, abandonnée last). An action placed or moved into a lane
 * takes its status (`statusOfRole`), so moving a card across is how a status is updated.
 */
const LANE_W = 700

const HINTS: Record<ActionStatus, LocalizedText> = {
  todo: {
    fr: 'Une action par carte : ce qui sera fait, son porteur (un acteur du tableau ou un nom) et sa date. Reliez-la au levier ou à l’impact qu’elle met en œuvre.',
    en: 'One action per card: what will be done, its owner (an actor of the board or a name) and its date. Link it to the lever or impact it implements.',
  },
  doing: { fr: 'Les actions déjà engagées.', en: 'Actions already under way.' },
  done: { fr: 'Les actions faites.', en: 'Actions done.' },
  dropped: {
    fr: 'Les actions abandonnées, pour garder la trace de la décision.',
    en: 'Actions dropped, to keep a record of the decision.',
  },
}

/** Meta role of a status lane: `lane:actions:doing`… */
export function actionLaneRole(status: ActionStatus): string {
  return `lane:actions:${status}`
}

/** The status a template frame stands for (`lane:actions:done` → done), or null. */
export function statusOfRole(role: unknown): ActionStatus | null {
  if (typeof role !== 'string') return null
  const status = /^lane:actions:(.+)$/.exec(role)?.[1]
  return status !== undefined && (ACTION_STATUSES as readonly string[]).includes(status)
    ? (status as ActionStatus)
    : null
}

const ROADMAP_LANES: readonly Lane[] = ACTION_STATUSES.map((status) => {
  const label = ACTION_STATUS_OPTIONS.find((option) => option.value === status)!.label
  return {
    name: `lane-actions-${status}`,
    role: actionLaneRole(status),
    title: { fr: `Actions — ${label.fr}`, en: `Actions — ${label.en}` },
    hint: HINTS[status],
    w: LANE_W,
  }
})

/** The four status lanes from `at`; returns the size they take. */
export const writeRoadmapLanes = lanesWriter(ROADMAP_LANES, 1000)
