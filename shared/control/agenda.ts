import { z } from 'zod'
import type { Role } from '../protocol'
import { DEFAULT_PHASES } from '../templates/phases'
import { accept, type CommandContext, type CommandResult, type ControlSection, type SectionInit } from './section'
import { refuserOf } from './refusals'

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
}

export interface AgendaState {
  phases: Phase[]
  /** The phase in progress, or null before the workshop starts. */
  currentId: string | null
  /** Server time the current phase began (for "elapsed in this phase"), or null. */
  currentSince: number | null
  /** Sequence for ids of added phases: never reused. */
  nextPhaseSeq: number
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
const index = z.number().int('index must be a whole number').min(0, 'index must not be negative')

export const agendaCommandSchema = z.discriminatedUnion('type', [
  /** null: back to "not started". */
  z.object({ type: z.literal('agenda.setCurrent'), id: phaseId.nullable() }),
  z.object({ type: z.literal('agenda.next') }),
  z.object({ type: z.literal('agenda.previous') }),
  z.object({
    type: z.literal('agenda.updatePhase'),
    id: phaseId,
    name: name.optional(),
    durationMin: durationMin.optional(),
    instructions: instructions.optional(),
    frameId: frameId.optional(),
  }),
  z.object({
    type: z.literal('agenda.addPhase'),
    name,
    durationMin,
    instructions: instructions.default(''),
    frameId: frameId.default(null),
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
      frameId: withFrames ? p.frameId : null,
    })),
    currentId: null,
    currentSince: null,
    nextPhaseSeq: 1,
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

/** The `agenda` control section: facilitators only, same view for everyone. */
export const agendaSection = {
  key: 'agenda',
  initial: initialAgenda,
  commandSchema: agendaCommandSchema,
  allowedRoles: (): readonly Role[] => ['facilitator'],
  refusals: AGENDA_REFUSALS,
  apply: applyAgenda,
  publicView: (state: AgendaState): AgendaPublicView => ({
    phases: state.phases,
    currentId: state.currentId,
    currentSince: state.currentSince,
  }),
  memberView: (): null => null,
} satisfies ControlSection<AgendaState, AgendaCommand, typeof AGENDA_REFUSALS>
