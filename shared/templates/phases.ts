import type { LocalizedText } from '../compass/axes'
import type { TemplateId } from '../workshop'
import { actorsGridFrameId } from './actorsMap'
import { defaultTemplateIdPrefix } from './records'

/**
 * What launching a phase opens for everyone: the board alone (`free`), a compass round and
 * its scoring sheet, the voting panel, the outline (to review what was written), the roadmap.
 */
export const PHASE_ACTIVITIES = ['free', 'compass', 'vote', 'outline', 'roadmap'] as const
export type PhaseActivity = (typeof PHASE_ACTIVITIES)[number]

/** One step of the workshop agenda (GLOSSARY: a typical workshop). */
export interface AgendaPhase {
  /** Stable code, also the local name of its frame in `full-workshop`. */
  id: string
  name: LocalizedText
  /** Suggested duration; the facilitator adjusts it in the control state. */
  minutes: number
  /** Short instructions shown on the phase's frame and in the agenda panel. */
  instructions: LocalizedText
  /** Id of the phase's frame in `full-workshop` built with the default id prefix. */
  frameId: string
  /** What launching it opens. */
  activity: PhaseActivity
  /** Its frame in other templates that have one for it (`actors-map`: the grid). */
  templateFrames: Partial<Record<TemplateId, string>>
}

/** Local shape name of a phase's frame; prefix it (see `phaseFrameId`). */
export function phaseFrameName(phaseId: string): string {
  return `phase-${phaseId}`
}

/** The frame id of a phase in a `full-workshop` board built with `idPrefix`. */
export function phaseFrameId(phaseId: string, idPrefix: string = defaultTemplateIdPrefix('full-workshop')): string {
  return `shape:${idPrefix}${phaseFrameName(phaseId)}`
}

type PhaseText = Omit<AgendaPhase, 'frameId' | 'templateFrames'> & { templateFrames?: AgendaPhase['templateFrames'] }

// A three-hour workshop; the longest slots go to the phases that produce the coalition sheet.
const PHASES: readonly PhaseText[] = [
  {
    id: 'tour-de-table',
    activity: 'free',
    name: { fr: 'Tour de table', en: 'Round of introductions' },
    minutes: 15,
    instructions: {
      fr: 'Chacun dépose une carte : son nom, son organisation, ce qu’il attend de l’atelier.',
      en: 'Everyone drops a card: their name, their organisation, what they expect from the workshop.',
    },
  },
  {
    id: 'cadrage',
    activity: 'free',
    name: { fr: 'Cadrage', en: 'Framing' },
    minutes: 15,
    instructions: {
      fr: 'Formulez l’intention (« Pour … »), le problème, le périmètre et l’horizon visé.',
      en: 'State the intention ("For …"), the problem, the scope and the horizon aimed at.',
    },
  },
  {
    id: 'diagnostic',
    activity: 'free',
    name: { fr: 'Diagnostic', en: 'Diagnosis' },
    minutes: 20,
    instructions: {
      fr: 'En silence, chacun écrit ce qui devrait changer, une idée par note ; puis regroupez les notes par thème.',
      en: 'In silence, everyone writes what should change, one idea per note; then cluster the notes by theme.',
    },
  },
  {
    id: 'boussole',
    activity: 'compass',
    name: { fr: 'Boussole', en: 'Compass' },
    minutes: 25,
    instructions: {
      fr: 'Chacun note les sept qualités sans voir les autres ; révélation simultanée, puis discussion des axes signalés (écart ≥ 2).',
      en: 'Everyone scores the seven qualities without seeing the others; reveal all at once, then discuss the flagged axes (spread ≥ 2).',
    },
  },
  {
    id: 'horizon-impacts',
    activity: 'free',
    name: { fr: 'Horizon et impacts', en: 'Horizon and impacts' },
    minutes: 25,
    instructions: {
      fr: 'Écrivez les impacts recherchés à l’horizon, chacun avec au moins un indicateur relié par une flèche indicateur → impact.',
      en: 'Write the impacts sought at the horizon, each with at least one indicator linked by an arrow indicator → impact.',
    },
  },
  {
    id: 'acteurs-leviers',
    activity: 'free',
    templateFrames: { 'actors-map': actorsGridFrameId() },
    name: { fr: 'Acteurs et leviers', en: 'Actors and levers' },
    minutes: 35,
    instructions: {
      fr: 'Placez les acteurs sur la grille pouvoir / intérêt, puis reliez acteur → levier → impact.',
      en: 'Place the actors on the power / interest grid, then link actor → lever → impact.',
    },
  },
  {
    id: 'priorisation',
    activity: 'vote',
    name: { fr: 'Priorisation', en: 'Prioritisation' },
    minutes: 15,
    instructions: {
      fr: 'Vote par gommettes : 3 à 5 points chacun, cachés jusqu’à la révélation.',
      en: 'Dot voting: 3 to 5 dots each, hidden until revealed.',
    },
  },
  {
    id: 'feuille-de-route',
    activity: 'roadmap',
    name: { fr: 'Feuille de route et engagement', en: 'Roadmap and commitment' },
    minutes: 20,
    instructions: {
      fr: 'Listez les actions, chacune avec un porteur et une date ; précisez le cercle de chaque acteur.',
      en: 'List the actions, each with an owner and a date; set each actor’s circle.',
    },
  },
  {
    id: 'cloture',
    activity: 'outline',
    name: { fr: 'Clôture', en: 'Closing' },
    minutes: 10,
    instructions: {
      fr: 'Validez la synthèse ensemble, puis exportez la fiche coalition.',
      en: 'Validate the synthesis together, then export the coalition sheet.',
    },
  },
]

/** The agenda of a typical workshop, in order, with the frame each phase maps to. */
export const DEFAULT_PHASES: readonly AgendaPhase[] = PHASES.map((phase) => ({
  ...phase,
  frameId: phaseFrameId(phase.id),
  templateFrames: phase.templateFrames ?? {},
}))
