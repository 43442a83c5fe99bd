import { z } from 'zod'
import type { Role } from '../protocol'
import { DEFAULT_PHASES, PHASE_ACTIVITIES, type PhaseActivity } from '../templates/phases'
import {
  accept,
  type CommandContext,
  type CommandResult,
  type ControlSection,
  type FollowUp,
  type SectionInit,
} from './section'
import { refuserOf } from './refusals'
import { TIMER_MAX_MS } from './timer'
import { MAX_BUDGET, MAX_CARDS_PER_ROUND } from './votes'

export { PHASE_ACTIVITIES, type PhaseActivity }

/**
 * The workshop's agenda: its phases and the one in progress. A new workshop starts with the
 * nine phases of the method in its language; the facilitator edits, reorders and steps
 * through them. Nothing is secret here.
 */

export const MAX_PHASES = 30
export const MAX_PHASE_NAME_LENGTH = 200
export const MAX_INSTRUCTIONS_LENGTH = 2_000
export const MAX_PHASE_MINUTES = 8 * 60

export interface Phase {
  id: string
  name: string
  durationMin: number
  instructions: string
  /** The frame of the board where this phase happens, if any. */
  frameId: string | null
  /**
   * What launching the phase opens for everyone (absent in agendas stored before phases
   * had activities: read it with `activityOf`).
   */
  activity?: PhaseActivity
  /** Whether launching the phase brings everyone's view to its frame (absent: yes). */
  moveEveryone?: boolean
}

/** The last « Lancer la phase »: each new `seq` is one launch every screen acts on once. */
export interface PhaseLaunch {
  seq: number
  phaseId: string
  /** Server time of the launch. */
  at: number
}

export interface AgendaState {
  phases: Phase[]
  /** The phase in progress, or null before the workshop starts. */
  currentId: string | null
  /** Server time the current phase began (for "elapsed in this phase"), or null. */
  currentSince: number | null
  /** Sequence for ids of added phases: never reused. */
  nextPhaseSeq: number
  /** The last launch, or null/absent if no phase was ever launched. */
  launch?: PhaseLaunch | null
}

const phaseId = z.string().min(1, 'phase id is required').max(64, 'phase id is too long')
const name = z
  .string()
  .trim()
  .min(1, 'name is required')
  .max(MAX_PHASE_NAME_LENGTH, `name is longer than ${MAX_PHASE_NAME_LENGTH} characters`)
const durationMin = z
  .number()
  .int('durationMin must be a whole number of minutes')
  .min(1, `durationMin must be between 1 and ${MAX_PHASE_MINUTES}`)
  .max(MAX_PHASE_MINUTES, `durationMin must be between 1 and ${MAX_PHASE_MINUTES}`)
const instructions = z
  .string()
  .trim()
  .max(MAX_INSTRUCTIONS_LENGTH, `instructions are longer than ${MAX_INSTRUCTIONS_LENGTH} characters`)
const frameId = z
  .string()
  .regex(/^shape:\S{1,120}$/, 'frameId must be a shape id ("shape:…")')
  .nullable()
const activity = z.enum(PHASE_ACTIVITIES, { error: `activity must be one of ${PHASE_ACTIVITIES.join(', ')}` })
const moveEveryone = z.boolean()
const index = z.number().int('index must be a whole number').min(0, 'index must not be negative')

export const agendaCommandSchema = z.discriminatedUnion('type', [
  /** null: back to "not started". */
  z.object({ type: z.literal('agenda.setCurrent'), id: phaseId.nullable() }),
  z.object({ type: z.literal('agenda.next') }),
  z.object({ type: z.literal('agenda.previous') }),
  /**
   * « Lancer la phase »: makes it the current one and, through follow-ups the server runs
   * next, starts its timer and opens its activity; every screen then moves to its frame and
   * opens its panel once (`launch.seq`). Launching the current phase again restarts it.
   */
  z.object({
    type: z.literal('agenda.launch'),
    id: phaseId,
    /**
     * For a vote phase, the vote to open unless one is open: the cards are resolved on the
     * facilitator's screen from the board (as for `votes.start`), the server checks them.
     */
    vote: z
      .object({
        cardIds: z
          .array(z.string().regex(/^shape:\S{1,120}$/, 'card ids must be shape ids ("shape:…")'))
          .min(1, 'a vote needs at least one card')
          .max(MAX_CARDS_PER_ROUND, `at most ${MAX_CARDS_PER_ROUND} cards per vote`),
        budget: z
          .number()
          .int('budget must be a whole number of dots')
          .min(1, `budget must be between 1 and ${MAX_BUDGET} dots`)
          .max(MAX_BUDGET, `budget must be between 1 and ${MAX_BUDGET} dots`),
      })
      .optional(),
  }),
  z.object({
    type: z.literal('agenda.updatePhase'),
    id: phaseId,
    name: name.optional(),
    durationMin: durationMin.optional(),
    instructions: instructions.optional(),
    frameId: frameId.optional(),
    activity: activity.optional(),
    moveEveryone: moveEveryone.optional(),
  }),
  z.object({
    type: z.literal('agenda.addPhase'),
    name,
    durationMin,
    instructions: instructions.default(''),
    frameId: frameId.default(null),
    activity: activity.default('free'),
    moveEveryone: moveEveryone.default(true),
    /** Position of the new phase; at the end when omitted or beyond it. */
    index: index.optional(),
  }),
  z.object({ type: z.literal('agenda.removePhase'), id: phaseId }),
  z.object({ type: z.literal('agenda.movePhase'), id: phaseId, toIndex: index }),
])
export type AgendaCommand = z.infer<typeof agendaCommandSchema>

export interface AgendaPublicView {
  phases: Phase[]
  currentId: string | null
  currentSince: number | null
  launch: PhaseLaunch | null
}

/** What a phase opens (`free` for phases stored before activities existed). */
export function activityOf(phase: Pick<Phase, 'activity'>): PhaseActivity {
  return phase.activity ?? 'free'
}

/** Whether launching a phase moves everyone to its frame (yes unless turned off). */
export function movesEveryone(phase: Pick<Phase, 'moveEveryone'>): boolean {
  return phase.moveEveryone !== false
}

/** A phase's timer: its duration, within what the timer accepts (phases may last 8 h, the timer 4 h). */
export function phaseTimerMs(phase: Pick<Phase, 'durationMin'>): number {
  return Math.min(phase.durationMin * 60_000, TIMER_MAX_MS)
}

/**
 * The agenda of a new workshop: the method's phases in the workshop's language, each bound
 * to its frame when the board was built from the `full-workshop` template (the only one
 * that has a frame per phase).
 */
export function initialAgenda(init?: SectionInit): AgendaState {
  const locale = init?.locale ?? 'fr'
  const withFrames = init?.template === 'full-workshop'
  return {
    phases: DEFAULT_PHASES.map((p) => ({
      id: p.id,
      name: p.name[locale],
      durationMin: p.minutes,
      instructions: p.instructions[locale],
      frameId: withFrames ? p.frameId : (p.templateFrames[init?.template ?? 'blank'] ?? null),
      activity: p.activity,
      moveEveryone: true,
    })),
    currentId: null,
    currentSince: null,
    nextPhaseSeq: 1,
    launch: null,
  }
}

/** The phase in progress, or undefined before the workshop starts. */
export function currentPhase(state: AgendaState): Phase | undefined {
  return state.phases.find((p) => p.id === state.currentId)
}

/** Why a agenda command may be refused (codes and the values their texts show). */
export const AGENDA_REFUSALS = {
  'unknown-phase': [],
  'unknown-frame': [],
  'agenda-empty': [],
  'agenda-not-started': [],
  'at-first-phase': [],
  'at-last-phase': [],
  'too-many-phases': ['max'],
} as const
const refuse = refuserOf(AGENDA_REFUSALS)

function goTo(state: AgendaState, id: string | null, now: number): AgendaState {
  if (id === state.currentId) return state
  return { ...state, currentId: id, currentSince: id === null ? null : now }
}

/** Whether a phase's zone names a frame the board does not have. */
function frameMissing(id: string | null | undefined, ctx: CommandContext): boolean {
  return Boolean(id && ctx.hasRecord && !ctx.hasRecord(id))
}

function applyAgenda(
  state: AgendaState,
  command: AgendaCommand,
  ctx: CommandContext,
): CommandResult<AgendaState, typeof AGENDA_REFUSALS> {
  const at = (id: string) => state.phases.findIndex((p) => p.id === id)
  const currentIndex = state.currentId === null ? -1 : at(state.currentId)
  switch (command.type) {
    case 'agenda.setCurrent':
      if (command.id !== null && at(command.id) < 0) return refuse('unknown-phase')
      return accept(goTo(state, command.id, ctx.now))
    case 'agenda.next':
      if (state.phases.length === 0) return refuse('agenda-empty')
      if (currentIndex === state.phases.length - 1) return refuse('at-last-phase')
      return accept(goTo(state, state.phases[currentIndex + 1].id, ctx.now))
    case 'agenda.previous':
      if (currentIndex < 0) return refuse('agenda-not-started')
      if (currentIndex === 0) return refuse('at-first-phase')
      return accept(goTo(state, state.phases[currentIndex - 1].id, ctx.now))
    case 'agenda.launch': {
      if (at(command.id) < 0) return refuse('unknown-phase')
      const launch: PhaseLaunch = { seq: (state.launch?.seq ?? 0) + 1, phaseId: command.id, at: ctx.now }
      // A relaunch restarts the phase: its time counts from now, like its new timer.
      return accept({ ...state, currentId: command.id, currentSince: ctx.now, launch })
    }
    case 'agenda.updatePhase': {
      const i = at(command.id)
      if (i < 0) return refuse('unknown-phase')
      if (frameMissing(command.frameId, ctx)) return refuse('unknown-frame')
      const { type: _type, id: _id, ...changes } = command
      const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) as Partial<Phase>
      return accept({ ...state, phases: state.phases.with(i, { ...state.phases[i], ...defined }) })
    }
    case 'agenda.addPhase': {
      if (state.phases.length >= MAX_PHASES) return refuse('too-many-phases', { max: MAX_PHASES })
      if (frameMissing(command.frameId, ctx)) return refuse('unknown-frame')
      const phase: Phase = {
        id: `phase-${state.nextPhaseSeq}`,
        name: command.name,
        durationMin: command.durationMin,
        instructions: command.instructions,
        frameId: command.frameId,
        activity: command.activity,
        moveEveryone: command.moveEveryone,
      }
      const position = Math.min(command.index ?? state.phases.length, state.phases.length)
      return accept({
        ...state,
        phases: state.phases.toSpliced(position, 0, phase),
        nextPhaseSeq: state.nextPhaseSeq + 1,
      })
    }
    case 'agenda.removePhase': {
      const i = at(command.id)
      if (i < 0) return refuse('unknown-phase')
      const phases = state.phases.toSpliced(i, 1)
      if (command.id !== state.currentId) return accept({ ...state, phases })
      // Removing the phase in progress moves on to the one that followed it (or the one
      // before, if it was the last), as if the facilitator had pressed "next".
      const successor = phases[Math.min(i, phases.length - 1)]
      return accept(goTo({ ...state, phases }, successor?.id ?? null, ctx.now))
    }
    case 'agenda.movePhase': {
      const i = at(command.id)
      if (i < 0) return refuse('unknown-phase')
      const to = Math.min(command.toIndex, state.phases.length - 1)
      if (to === i) return accept(state)
      const rest = state.phases.toSpliced(i, 1)
      return accept({ ...state, phases: rest.toSpliced(to, 0, state.phases[i]) })
    }
  }
}

/**
 * What the server runs after a launch, as the same facilitator: the phase's timer (a new
 * phase replaces the old timer), and for a compass phase a round to score unless one is
 * already open; for a vote phase, the vote the facilitator's screen resolved (its cards),
 * unless one is open. Every screen then opens the matching panel from `launch`.
 */
function agendaFollowUps(state: AgendaState, command: AgendaCommand): readonly FollowUp[] {
  if (command.type !== 'agenda.launch') return []
  const phase = state.phases.find((p) => p.id === command.id)
  if (!phase) return []
  const followUps: FollowUp[] = [{ type: 'timer.start', durationMs: phaseTimerMs(phase) }]
  if (activityOf(phase) === 'compass') followUps.push({ type: 'compass.ensureRound', label: phase.name })
  if (activityOf(phase) === 'vote' && command.vote)
    followUps.push({ type: 'votes.ensureRound', label: phase.name, ...command.vote })
  return followUps
}

/** The `agenda` control section: facilitators only, same view for everyone. */
export const agendaSection = {
  key: 'agenda',
  initial: initialAgenda,
  commandSchema: agendaCommandSchema,
  allowedRoles: (): readonly Role[] => ['facilitator'],
  refusals: AGENDA_REFUSALS,
  apply: applyAgenda,
  followUps: agendaFollowUps,
  publicView: (state: AgendaState): AgendaPublicView => ({
    phases: state.phases,
    currentId: state.currentId,
    currentSince: state.currentSince,
    launch: state.launch ?? null,
  }),
  memberView: (): null => null,
} satisfies ControlSection<AgendaState, AgendaCommand, typeof AGENDA_REFUSALS>
