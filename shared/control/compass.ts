import { z } from 'zod'
import type { Role } from '../protocol'
import { LOCALES, type Locale } from '../workshop'
import { aggregateRound, SCORE_VALUES, type RoundAggregate, type ScoreValue } from '../compass/aggregate'
import { AXES, AXIS_CODES, type AxisCode, type LocalizedText } from '../compass/axes'
import { accept, type CommandContext, type CommandResult, type ControlSection } from './section'
import { applyFlagCommand, deleteRound, updateRound } from './rounds'
import { refuserOf, type Refused } from './refusals'

/**
 * Compass rounds: everyone scores the seven axes alone (hidden), then the facilitator
 * reveals all at once and the group discusses the flagged axes.
 *
 * Secrecy: until a round is revealed, the public view carries only how many scored (and,
 * for facilitators, who): never a value, a comment or an aggregate. Each member gets their
 * own scores through `memberView`. Revealed comments carry no author and are sorted by
 * text, so their order cannot be matched with the list of who scored.
 */

export const MAX_COMPASS_ROUNDS = 50
export const MAX_LABEL_LENGTH = 200
export const MAX_COMMENT_LENGTH = 500
export const MAX_QUESTION_LENGTH = 500
/** Members scoring one round: far above a 1,000-person plenary, bounds the stored state. */
export const MAX_SCORERS_PER_ROUND = 5_000

export type CompassSubject = { kind: 'coalition' } | { kind: 'card'; cardId: string }

export interface CompassScore {
  value: ScoreValue
  comment?: string
}
/** One member's scores in a round, per axis. */
export type MemberScores = Partial<Record<AxisCode, CompassScore>>

export interface CompassRound {
  id: string
  label: string
  subject: CompassSubject
  open: boolean
  revealed: boolean
  createdAt: number
  /** memberId → their scores; a member with no score left has no entry. */
  scores: Record<string, MemberScores>
}

export interface CompassState {
  rounds: CompassRound[]
  /** Guiding questions replaced in this workshop (the others come from axes.ts). */
  questions: Partial<Record<AxisCode, Partial<LocalizedText>>>
  /** Sequence for round ids: never reused, even after a deletion. */
  nextRoundSeq: number
}

const roundId = z.string().min(1, 'roundId is required').max(64, 'roundId is too long')
const axis = z.enum(AXIS_CODES, { error: `axis must be one of ${AXIS_CODES.join(', ')}` })
const label = z
  .string()
  .trim()
  .min(1, 'label is required')
  .max(MAX_LABEL_LENGTH, `label is longer than ${MAX_LABEL_LENGTH} characters`)
const subject = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coalition') }),
  z.object({
    kind: z.literal('card'),
    cardId: z.string().regex(/^shape:\S{1,120}$/, 'cardId must be a shape id ("shape:…")'),
  }),
])

export const compassCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('compass.openRound'), label, subject }),
  /**
   * A round to score now: opens one on the whole coalition unless a round is already open
   * (then nothing changes). What launching a compass phase asks (agenda follow-up).
   */
  z.object({ type: z.literal('compass.ensureRound'), label }),
  z.object({ type: z.literal('compass.reveal'), roundId }),
  z.object({ type: z.literal('compass.hide'), roundId }),
  z.object({ type: z.literal('compass.close'), roundId }),
  z.object({ type: z.literal('compass.reopen'), roundId }),
  z.object({ type: z.literal('compass.deleteRound'), roundId }),
  z.object({
    type: z.literal('compass.setQuestion'),
    axis,
    locale: z.enum(LOCALES, { error: `locale must be one of ${LOCALES.join(', ')}` }),
    /** null (or blank) restores the default question. */
    text: z
      .string()
      .trim()
      .max(MAX_QUESTION_LENGTH, `question is longer than ${MAX_QUESTION_LENGTH} characters`)
      .nullable(),
  }),
  z.object({
    type: z.literal('compass.score'),
    roundId,
    axis,
    value: z.literal(SCORE_VALUES, { error: 'value must be 0, 1, 2, 3, 4 or "nc"' }),
    /** Omitted keeps the previous comment of this axis; blank removes it. */
    comment: z
      .string()
      .trim()
      .max(MAX_COMMENT_LENGTH, `comment is longer than ${MAX_COMMENT_LENGTH} characters`)
      .optional(),
  }),
  /** Without axis: all of the member's scores in the round. */
  z.object({ type: z.literal('compass.clearScore'), roundId, axis: axis.optional() }),
])
export type CompassCommand = z.infer<typeof compassCommandSchema>

/** A round as everyone sees it: no one's scores, counts only, the aggregate once revealed. */
export interface CompassRoundView extends Omit<CompassRound, 'scores'> {
  /** Members with at least one score. */
  scoredCount: number
  /** Facilitators only: who has scored (not what), sorted. */
  scoredBy?: string[]
  /** Only once revealed. */
  aggregate: RoundAggregate | null
  /** Only once revealed: comments without author, by axis then text. */
  comments: { axis: AxisCode; text: string }[] | null
}

export interface CompassPublicView {
  rounds: CompassRoundView[]
  /** The guiding question of each axis in both languages, this workshop's edits applied. */
  questions: Record<AxisCode, LocalizedText>
}

/** roundId → the member's own scores, for rounds where they scored. */
export type CompassMemberView = Record<string, MemberScores>

function initialCompass(): CompassState {
  return { rounds: [], questions: {}, nextRoundSeq: 1 }
}

/** Object keys are member ids from outside: never read one through the prototype chain. */
function ownScores(round: CompassRound, memberId: string): MemberScores | undefined {
  return Object.hasOwn(round.scores, memberId) ? round.scores[memberId] : undefined
}

function withoutKey<V>(record: Record<string, V>, key: string): Record<string, V> {
  const copy = { ...record }
  delete copy[key]
  return copy
}

/** Why a compass command may be refused (codes and the values their texts show). */
export const COMPASS_REFUSALS = {
  'unknown-round': [],
  'unknown-card': ['id'],
  'round-closed': [],
  'viewer-cannot-score': [],
  'too-many-rounds': ['max'],
  'too-many-scorers': ['max'],
} as const
const refuse = refuserOf(COMPASS_REFUSALS)
const missingRound = refuse('unknown-round')

function scoreAxis(
  round: CompassRound,
  memberId: string,
  command: Extract<CompassCommand, { type: 'compass.score' }>,
): CompassRound | Refused<typeof COMPASS_REFUSALS> {
  if (!round.open) return refuse('round-closed')
  const mine = ownScores(round, memberId)
  if (!mine && Object.keys(round.scores).length >= MAX_SCORERS_PER_ROUND)
    return refuse('too-many-scorers', { max: MAX_SCORERS_PER_ROUND })
  const comment = command.comment ?? mine?.[command.axis]?.comment
  const score: CompassScore = comment ? { value: command.value, comment } : { value: command.value }
  return { ...round, scores: { ...round.scores, [memberId]: { ...mine, [command.axis]: score } } }
}

function clearScore(
  round: CompassRound,
  memberId: string,
  axisToClear: AxisCode | undefined,
): CompassRound | Refused<typeof COMPASS_REFUSALS> {
  if (!round.open) return refuse('round-closed')
  const mine = ownScores(round, memberId)
  if (!mine) return round
  const rest: MemberScores = { ...mine }
  if (axisToClear) delete rest[axisToClear]
  const scores =
    axisToClear && Object.keys(rest).length > 0
      ? { ...round.scores, [memberId]: rest }
      : withoutKey(round.scores, memberId)
  return { ...round, scores }
}

function applyCompass(
  state: CompassState,
  command: CompassCommand,
  ctx: CommandContext,
): CommandResult<CompassState, typeof COMPASS_REFUSALS> {
  const { memberId, role } = ctx.actor
  switch (command.type) {
    case 'compass.ensureRound':
      if (state.rounds.some((r) => r.open)) return accept(state)
      return applyCompass(
        state,
        { type: 'compass.openRound', label: command.label, subject: { kind: 'coalition' } },
        ctx,
      )
    case 'compass.openRound': {
      if (state.rounds.length >= MAX_COMPASS_ROUNDS) return refuse('too-many-rounds', { max: MAX_COMPASS_ROUNDS })
      if (command.subject.kind === 'card' && ctx.hasRecord && !ctx.hasRecord(command.subject.cardId))
        return refuse('unknown-card', { id: command.subject.cardId })
      const round: CompassRound = {
        id: `compass-${state.nextRoundSeq}`,
        label: command.label,
        subject:
          command.subject.kind === 'card' ? { kind: 'card', cardId: command.subject.cardId } : { kind: 'coalition' },
        open: true,
        revealed: false,
        createdAt: ctx.now,
        scores: {},
      }
      return accept({ ...state, rounds: [...state.rounds, round], nextRoundSeq: state.nextRoundSeq + 1 })
    }
    case 'compass.reveal':
    case 'compass.hide':
    case 'compass.close':
    case 'compass.reopen':
      return applyFlagCommand(state, command, missingRound)
    case 'compass.deleteRound':
      return deleteRound(state, command.roundId, missingRound)
    case 'compass.setQuestion': {
      const edited: Partial<LocalizedText> = { ...state.questions[command.axis] }
      if (command.text) edited[command.locale] = command.text
      else delete edited[command.locale]
      const questions = { ...state.questions }
      if (Object.keys(edited).length > 0) questions[command.axis] = edited
      else delete questions[command.axis]
      return accept({ ...state, questions })
    }
    case 'compass.score':
      if (role === 'viewer') return refuse('viewer-cannot-score')
      return updateRound(state, command.roundId, missingRound, (round) => scoreAxis(round, memberId, command))
    case 'compass.clearScore':
      if (role === 'viewer') return refuse('viewer-cannot-score')
      return updateRound(state, command.roundId, missingRound, (round) => clearScore(round, memberId, command.axis))
  }
}

/** Guiding questions with this workshop's edits applied over the defaults of axes.ts. */
export function effectiveQuestions(state: CompassState): Record<AxisCode, LocalizedText> {
  return Object.fromEntries(
    AXES.map((a) => {
      const edited = state.questions[a.code] ?? {}
      const text = (locale: Locale) => edited[locale] ?? a.question[locale]
      return [a.code, { fr: text('fr'), en: text('en') }]
    }),
  ) as Record<AxisCode, LocalizedText>
}

function revealedComments(round: CompassRound): { axis: AxisCode; text: string }[] {
  const comments: { axis: AxisCode; text: string }[] = []
  for (const sheet of Object.values(round.scores)) {
    for (const code of AXIS_CODES) {
      const text = sheet[code]?.comment
      if (text) comments.push({ axis: code, text })
    }
  }
  const order = (code: AxisCode) => AXIS_CODES.indexOf(code)
  return comments.sort((a, b) => order(a.axis) - order(b.axis) || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
}

function roundView(round: CompassRound, role: Role): CompassRoundView {
  const sheets = Object.values(round.scores)
  const view: CompassRoundView = {
    id: round.id,
    label: round.label,
    subject: round.subject,
    open: round.open,
    revealed: round.revealed,
    createdAt: round.createdAt,
    scoredCount: sheets.length,
    aggregate: null,
    comments: null,
  }
  if (role === 'facilitator') view.scoredBy = Object.keys(round.scores).sort()
  if (round.revealed) {
    view.aggregate = aggregateRound(
      sheets.map((sheet) => Object.fromEntries(Object.entries(sheet).map(([code, score]) => [code, score.value]))),
    )
    view.comments = revealedComments(round)
  }
  return view
}

/** What every connection of `role` sees: never a hidden value or comment. */
export function compassPublicView(state: CompassState, role: Role): CompassPublicView {
  return { rounds: state.rounds.map((round) => roundView(round, role)), questions: effectiveQuestions(state) }
}

/** A member's own scores, per round. */
export function compassMemberView(state: CompassState, memberId: string): CompassMemberView {
  const view: CompassMemberView = {}
  for (const round of state.rounds) {
    const mine = ownScores(round, memberId)
    if (mine) view[round.id] = mine
  }
  return view
}

const SCORING_ROLES: readonly Role[] = ['facilitator', 'participant']
const FACILITATOR_ONLY: readonly Role[] = ['facilitator']

/** The `compass` control section. */
export const compassSection = {
  key: 'compass',
  initial: initialCompass,
  commandSchema: compassCommandSchema,
  allowedRoles: (type: CompassCommand['type']): readonly Role[] =>
    type === 'compass.score' || type === 'compass.clearScore' ? SCORING_ROLES : FACILITATOR_ONLY,
  refusals: COMPASS_REFUSALS,
  apply: applyCompass,
  publicView: compassPublicView,
  memberView: compassMemberView,
} satisfies ControlSection<CompassState, CompassCommand, typeof COMPASS_REFUSALS>
