import { ACTOR_CIRCLES, type ActorCircle } from '../cards/actor'
import { AXIS_CODES, type AxisCode } from '../compass/axes'
import { hasMeans, type WorkshopOutcome } from './outcome'
import { chronological } from './panorama'

/**
 * How one coalition evolves across its successive workshops: the compass per axis over
 * time (one line per kind of round, e.g. *situation actuelle* and *visée*), and its actors'
 * circles over time (who moved from *informé* to *noyau*). Pure: the page draws it, the
 * tests check it.
 */

export interface EvolutionWorkshop {
  workshopId: string
  title: string
  createdAt: number
}

export interface CompassSeries {
  /** The round label as first written (« Situation actuelle »). */
  round: string
  /** Mean per workshop, aligned with `workshops`; null where that workshop has no such round or no number. */
  values: (number | null)[]
}

export interface CompassEvolution {
  /** Workshops with at least one revealed coalition round, oldest first. */
  workshops: EvolutionWorkshop[]
  /** Round labels in first-seen order. */
  rounds: string[]
  /** Per axis, one series per round label. */
  axes: Record<AxisCode, CompassSeries[]>
}

/** Same round whatever the case, accents' composition or spacing people typed. */
function roundKey(label: string): string {
  return label.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr')
}

function describe(outcome: WorkshopOutcome): EvolutionWorkshop {
  return { workshopId: outcome.workshopId, title: outcome.title, createdAt: outcome.createdAt }
}

/**
 * The compass over time. Rounds are matched across workshops by label; within one
 * workshop the last round with a label wins (a round re-run later replaces the first).
 */
export function compassEvolution(outcomes: readonly WorkshopOutcome[]): CompassEvolution {
  const scored = chronological(outcomes).filter((outcome) => outcome.compass.some(hasMeans))
  const labels = new Map<string, string>()
  const perWorkshop = scored.map((outcome) => {
    const byKey = new Map<string, WorkshopOutcome['compass'][number]>()
    for (const round of outcome.compass.filter(hasMeans)) {
      const key = roundKey(round.label)
      if (!labels.has(key)) labels.set(key, round.label.trim())
      byKey.set(key, round)
    }
    return byKey
  })
  const keys = [...labels.keys()]
  const axes = Object.fromEntries(
    AXIS_CODES.map((axis) => [
      axis,
      keys.map((key) => ({
        round: labels.get(key)!,
        values: perWorkshop.map((byKey) => byKey.get(key)?.means[axis] ?? null),
      })),
    ]),
  ) as Record<AxisCode, CompassSeries[]>
  return { workshops: scored.map(describe), rounds: keys.map((key) => labels.get(key)!), axes }
}

/** An actor's way between two workshops: towards the core, away from it, or unchanged. */
export type CircleChange = 'closer' | 'further' | 'same' | 'new'

export interface ActorTrack {
  name: string
  /** Circle per workshop, aligned with `workshops`; null where the actor is absent or unplaced. */
  circles: (ActorCircle | null)[]
  /** First known circle → last known circle. */
  from: ActorCircle | null
  to: ActorCircle | null
  /** From first to last appearance; `new` when it appears in one workshop only. */
  change: CircleChange
}

export interface CircleMove {
  name: string
  from: ActorCircle
  to: ActorCircle
  /** The workshop where the new circle was recorded. */
  workshopId: string
}

export interface CircleEvolution {
  /** Workshops that mapped at least one named actor, oldest first. */
  workshops: EvolutionWorkshop[]
  /** Actors from the closest current circle outwards, then by name. */
  actors: ActorTrack[]
  /** Every change of circle between an actor's consecutive appearances, in time order. */
  moves: CircleMove[]
}

/** 0 for the core, 3 for « to involve »: smaller is closer. */
function closeness(circle: ActorCircle): number {
  return ACTOR_CIRCLES.indexOf(circle)
}

/** Same actor whatever the case, accents' composition or spacing. */
export function actorKey(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr')
}

/**
 * Actors' circles over time, matching actors by name across workshops. An actor placed twice
 * in one workshop counts with its closest circle; unnamed actor cards cannot be followed and
 * are left out.
 */
export function circleEvolution(outcomes: readonly WorkshopOutcome[]): CircleEvolution {
  const mapped = chronological(outcomes).filter((outcome) => outcome.actors.some((actor) => actor.name !== ''))
  const names = new Map<string, string>()
  const perWorkshop = mapped.map((outcome) => {
    const circles = new Map<string, ActorCircle | null>()
    for (const actor of outcome.actors) {
      if (actor.name === '') continue
      const key = actorKey(actor.name)
      if (!names.has(key)) names.set(key, actor.name)
      const before = circles.get(key)
      const closer =
        before === undefined ||
        before === null ||
        (actor.circle !== null && closeness(actor.circle) < closeness(before))
      circles.set(key, closer ? actor.circle : before)
    }
    return circles
  })

  const moves: CircleMove[] = []
  const actors = [...names].map(([key, name]): ActorTrack => {
    const circles = perWorkshop.map((byKey) => byKey.get(key) ?? null)
    const known = circles
      .map((circle, index) => ({ circle, index }))
      .filter((c): c is { circle: ActorCircle; index: number } => c.circle !== null)
    for (let i = 1; i < known.length; i++) {
      if (known[i].circle !== known[i - 1].circle)
        moves.push({
          name,
          from: known[i - 1].circle,
          to: known[i].circle,
          workshopId: mapped[known[i].index].workshopId,
        })
    }
    const from = known[0]?.circle ?? null
    const to = known.at(-1)?.circle ?? null
    const appearances = perWorkshop.filter((byKey) => byKey.has(key)).length
    const change: CircleChange =
      appearances < 2 || from === null || to === null
        ? 'new'
        : closeness(to) < closeness(from)
          ? 'closer'
          : closeness(to) > closeness(from)
            ? 'further'
            : 'same'
    return { name, circles, from, to, change }
  })

  const order = (track: ActorTrack) => (track.to === null ? ACTOR_CIRCLES.length : closeness(track.to))
  const compare = new Intl.Collator('fr', { sensitivity: 'base' })
  actors.sort((a, b) => order(a) - order(b) || compare.compare(a.name, b.name))
  const position = new Map(mapped.map((outcome, index) => [outcome.workshopId, index]))
  moves.sort((a, b) => position.get(a.workshopId)! - position.get(b.workshopId)! || compare.compare(a.name, b.name))
  return { workshops: mapped.map(describe), actors, moves }
}
