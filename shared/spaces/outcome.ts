import { ACTOR_CIRCLES, type ActorCircle } from '../cards/actor'
import { AXIS_CODES, type AxisCode } from '../compass/axes'
import { exportRoadmap } from '../export/markdownRoadmap'
import type { ExportDocument } from '../export/schema'
import type { RoadmapItem } from '../roadmap/roadmap'
import type { Locale } from '../workshop'

/**
 * What a programme space needs from one workshop, reduced from its export document (the
 * same `buildExport` the workshop export uses): its date and the phase it reached, its
 * revealed compass rounds about the whole coalition, its actors' circles and its next
 * steps. Small enough to send for every workshop of a space in one answer.
 */

/** Means per axis of one revealed compass round (null where nobody gave a number). */
export type AxisMeans = Record<AxisCode, number | null>

export interface CompassSnapshot {
  roundId: string
  label: string
  /** When the round was opened (server clock), or null when unknown. */
  at: number | null
  scoredCount: number
  means: AxisMeans
}

export interface OutcomeActor {
  /** The actor card's name, trimmed ('' when unnamed). */
  name: string
  /** Null when the stored value is not a circle (old or foreign data). */
  circle: ActorCircle | null
}

export interface WorkshopOutcome {
  workshopId: string
  title: string
  locale: Locale
  /** Creation of the workshop, ms since epoch. */
  createdAt: number
  /** The phase in progress or last reached, or null before the first one. */
  phase: { id: string; name: string } | null
  /** Revealed rounds about the whole coalition, in the workshop's order. Hidden rounds never appear. */
  compass: CompassSnapshot[]
  actors: OutcomeActor[]
  /** Cards and notes written in the roadmap phase (*feuille de route*), in reading order. */
  nextSteps: string[]
  /** The workshop's action cards as roadmap rows (absent from outcomes made before actions). */
  roadmap?: RoadmapItem[]
}

/** At most this many next steps are kept per workshop: the panorama shows a few, the sheet has them all. */
export const MAX_NEXT_STEPS = 12

/** Circles that count as engaged: the core and the first circle. */
export const ENGAGED_CIRCLES: readonly ActorCircle[] = ['noyau', 'premier-cercle']

const ROADMAP_PHASE = 'feuille-de-route'
const ROADMAP_FRAME_NAME = /feuille de route|prochaines [ée]tapes|roadmap|next steps/i

/**
 * The roadmap frame: the one the agenda binds to the roadmap phase, else a frame named like
 * it (a board that did not start from the full-workshop template). Same rule as the sheet.
 */
function roadmapFrameId(doc: ExportDocument): string | undefined {
  const frames = doc.notes.filter((note) => note.shapeType === 'frame')
  const bound = doc.phases.find((phase) => phase.id === ROADMAP_PHASE)?.frameId
  if (bound && frames.some((frame) => frame.id === bound)) return bound
  return frames.find((frame) => ROADMAP_FRAME_NAME.test(frame.text))?.id
}

function nextStepsOf(doc: ExportDocument): string[] {
  const frame = roadmapFrameId(doc)
  if (!frame) return []
  const cards = (['impact', 'lever', 'indicator', 'actor'] as const).flatMap((type) => doc.cards[type])
  const texts = [
    ...cards.filter((card) => card.frameIds.includes(frame)).map((card) => card.title),
    ...doc.notes
      .filter((note) => note.frameIds.includes(frame) && !note.fromTemplate && note.shapeType !== 'frame')
      .map((note) => note.text),
  ]
  return texts
    .map((t) => t.trim())
    .filter((t) => t !== '')
    .slice(0, MAX_NEXT_STEPS)
}

function isCircle(value: unknown): value is ActorCircle {
  return typeof value === 'string' && (ACTOR_CIRCLES as readonly string[]).includes(value)
}

/** The outcome of one workshop, from its export document. */
export function outcomeFromExport(workshopId: string, doc: ExportDocument): WorkshopOutcome {
  const openedAt = new Map(doc.control.compass.rounds.map((round) => [round.id, round.createdAt]))
  const compass = doc.compass.rounds.flatMap((round): CompassSnapshot[] => {
    const axes = round.axes
    if (round.subject.kind !== 'coalition' || !round.revealed || !axes) return []
    const means = Object.fromEntries(AXIS_CODES.map((axis) => [axis, axes[axis]?.mean ?? null])) as AxisMeans
    return [
      {
        roundId: round.id,
        label: round.label,
        at: openedAt.get(round.id) ?? null,
        scoredCount: round.scoredCount,
        means,
      },
    ]
  })
  const current = doc.phases.find((phase) => phase.current)
  return {
    workshopId,
    title: doc.workshop.title,
    locale: doc.workshop.locale,
    createdAt: Date.parse(doc.workshop.createdAt),
    phase: current ? { id: current.id, name: current.name } : null,
    compass,
    actors: doc.cards.actor.map((card) => ({
      name: card.title.trim(),
      circle: isCircle(card.fields.circle) ? card.fields.circle : null,
    })),
    nextSteps: nextStepsOf(doc),
    roadmap: exportRoadmap(doc),
  }
}

/** Whether a round's means hold at least one number (an all-« non concerné » round draws nothing). */
export function hasMeans(snapshot: CompassSnapshot): boolean {
  return AXIS_CODES.some((axis) => snapshot.means[axis] !== null)
}

/**
 * Whether people wrote anything in a workshop: a card, a note of their own (not the
 * template's), or a revealed compass round. A workshop just started from the space has
 * none, and must not replace the sheet of the one before in the booklet.
 */
export function hasContent(doc: ExportDocument): boolean {
  const cards =
    doc.cards.actor.length +
    doc.cards.lever.length +
    doc.cards.indicator.length +
    doc.cards.impact.length +
    (doc.cards.action?.length ?? 0)
  return cards > 0 || doc.notes.some((note) => !note.fromTemplate) || doc.compass.rounds.some((round) => round.revealed)
}
