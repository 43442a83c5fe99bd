import { z } from 'zod'
import { SCORE_VALUES } from '../compass/aggregate'
import { AXIS_CODES } from '../compass/axes'
import {
  MAX_INSTRUCTIONS_LENGTH,
  MAX_PHASE_MINUTES,
  MAX_PHASE_NAME_LENGTH,
  MAX_PHASES,
  PHASE_ACTIVITIES,
  agendaSection,
} from '../control/agenda'
import {
  MAX_COMMENT_LENGTH,
  MAX_COMPASS_ROUNDS,
  MAX_LABEL_LENGTH,
  MAX_QUESTION_LENGTH,
  MAX_SCORERS_PER_ROUND,
  compassSection,
} from '../control/compass'
import { facilitationSection, memberIdSchema } from '../control/facilitation'
import type { ControlState } from '../control/index'
import type { SectionInit } from '../control/section'
import { timeZoneSchema } from '../workshop'
import { MAX_LOCKED_RECORDS, lockSection } from '../control/lock'
import { sheetFieldSchemas, sheetSection } from '../control/sheet'
import { TIMER_MAX_MS, timerSection } from '../control/timer'
import { MAX_BUDGET, MAX_CARDS_PER_ROUND, MAX_VOTE_ROUNDS, MAX_VOTERS_PER_ROUND, votesSection } from '../control/votes'

/**
 * Schemas of the persisted control state, one per section, for reading it back from an
 * export. The sections define commands, not stored state, so these restate each state's
 * data rules with the sections' own limits: an import must not hand the reducers a state
 * they could never have produced (a round id the sequence would reuse, a paused timer
 * with no time left, more dots than the budget).
 *
 * Tolerant where it costs nothing: unknown keys are dropped, and a section missing from
 * the file starts from its initial state, so exports written before a section existed
 * still import.
 */

const shapeId = z.string().regex(/^shape:\S{1,120}$/, 'must be a shape id ("shape:…")')
const time = z.number().finite('must be a finite number')
const seq = z.number().int('must be a whole number').min(1, 'must be at least 1')
const roundId = z.string().min(1, 'round id is required').max(64, 'round id is too long')

/** Rounds ids are `<prefix>-<n>`, `n` from the section's sequence: the sequence must be past every one. */
function sequenceAhead(prefix: string) {
  return (state: { rounds: { id: string }[]; nextRoundSeq: number }, ctx: z.RefinementCtx) => {
    const seen = new Set<string>()
    state.rounds.forEach((round, i) => {
      if (seen.has(round.id))
        ctx.addIssue({ code: 'custom', path: ['rounds', i, 'id'], message: `duplicate round id ${round.id}` })
      seen.add(round.id)
      const n = new RegExp(`^${prefix}-(\\d+)$`).exec(round.id)?.[1]
      if (n !== undefined && Number(n) >= state.nextRoundSeq) {
        ctx.addIssue({
          code: 'custom',
          path: ['nextRoundSeq'],
          message: `nextRoundSeq must be greater than ${n} (round ${round.id})`,
        })
      }
    })
  }
}

export const metaStateSchema = z.object({
  title: z.string().max(200, 'title is longer than 200 characters'),
  coalition: z.string().max(300, 'coalition is longer than 300 characters'),
  timeZone: timeZoneSchema.optional(),
})

export const sheetStateSchema = z.object({
  ...sheetFieldSchemas,
  updatedAt: time.nullable(),
  updatedBy: z.string().max(100, 'updatedBy is longer than 100 characters'),
})

export const agendaStateSchema = z
  .object({
    phases: z
      .array(
        z.object({
          id: z.string().min(1, 'phase id is required').max(64, 'phase id is too long'),
          name: z
            .string()
            .min(1, 'name is required')
            .max(MAX_PHASE_NAME_LENGTH, `name is longer than ${MAX_PHASE_NAME_LENGTH} characters`),
          durationMin: z
            .number()
            .int('durationMin must be a whole number')
            .min(1)
            .max(MAX_PHASE_MINUTES, `durationMin must be at most ${MAX_PHASE_MINUTES}`),
          instructions: z
            .string()
            .max(MAX_INSTRUCTIONS_LENGTH, `instructions are longer than ${MAX_INSTRUCTIONS_LENGTH} characters`),
          frameId: shapeId.nullable(),
          /** Absent from exports made before phases had activities. */
          activity: z.enum(PHASE_ACTIVITIES).optional(),
          moveEveryone: z.boolean().optional(),
        }),
      )
      .max(MAX_PHASES, `at most ${MAX_PHASES} phases`),
    currentId: z.string().nullable(),
    currentSince: time.nullable(),
    nextPhaseSeq: seq,
    launch: z
      .object({ seq, phaseId: z.string().min(1).max(64), at: time })
      .nullable()
      .optional(),
  })
  .superRefine((state, ctx) => {
    const ids = new Set<string>()
    state.phases.forEach((phase, i) => {
      if (ids.has(phase.id))
        ctx.addIssue({ code: 'custom', path: ['phases', i, 'id'], message: `duplicate phase id ${phase.id}` })
      ids.add(phase.id)
    })
    if (state.currentId !== null && !ids.has(state.currentId)) {
      ctx.addIssue({
        code: 'custom',
        path: ['currentId'],
        message: `currentId ${state.currentId} is not one of the phases`,
      })
    }
  })

export const timerStateSchema = z
  .object({
    status: z.enum(['idle', 'running', 'paused', 'stopped']),
    durationMs: z.number().int().min(0).max(TIMER_MAX_MS, 'durationMs is longer than 4 hours'),
    endsAt: time.nullable(),
    remainingMs: z.number().min(0).max(TIMER_MAX_MS).nullable(),
  })
  .superRefine((state, ctx) => {
    if (state.status === 'running' && state.endsAt === null)
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'a running timer needs endsAt' })
    if (state.status === 'paused' && state.remainingMs === null) {
      ctx.addIssue({ code: 'custom', path: ['remainingMs'], message: 'a paused timer needs remainingMs' })
    }
  })

export const lockStateSchema = z.object({
  board: z.boolean(),
  records: z
    .array(z.string().regex(/^(shape|page):\S{1,120}$/, 'locked ids must be shape or page ids'))
    .max(MAX_LOCKED_RECORDS, `at most ${MAX_LOCKED_RECORDS} locked records`)
    // The lock keeps its ids sorted and unique; restore that rather than refuse.
    .transform((ids) => [...new Set(ids)].sort()),
})

export const facilitationStateSchema = z.object({
  followTarget: memberIdSchema.nullable(),
  summon: z
    .object({
      seq: seq,
      pageId: z.string().regex(/^page:\S{1,120}$/, 'pageId must be a page id'),
      bounds: z.object({ x: time, y: time, w: time.positive(), h: time.positive() }),
      by: z.string(),
      at: time,
    })
    .nullable(),
  anonymous: z.boolean(),
})

const compassScoreSchema = z.object({
  value: z.literal(SCORE_VALUES, { error: 'value must be 0, 1, 2, 3, 4 or "nc"' }),
  comment: z.string().max(MAX_COMMENT_LENGTH, `comment is longer than ${MAX_COMMENT_LENGTH} characters`).optional(),
})

export const compassStateSchema = z
  .object({
    rounds: z
      .array(
        z.object({
          id: roundId,
          label: z
            .string()
            .min(1, 'label is required')
            .max(MAX_LABEL_LENGTH, `label is longer than ${MAX_LABEL_LENGTH} characters`),
          subject: z.discriminatedUnion('kind', [
            z.object({ kind: z.literal('coalition') }),
            z.object({ kind: z.literal('card'), cardId: shapeId }),
          ]),
          open: z.boolean(),
          revealed: z.boolean(),
          createdAt: time,
          scores: z
            .record(memberIdSchema, z.partialRecord(z.enum(AXIS_CODES), compassScoreSchema))
            .refine(
              (scores) => Object.keys(scores).length <= MAX_SCORERS_PER_ROUND,
              `at most ${MAX_SCORERS_PER_ROUND} members per round`,
            ),
        }),
      )
      .max(MAX_COMPASS_ROUNDS, `at most ${MAX_COMPASS_ROUNDS} rounds`),
    questions: z.partialRecord(
      z.enum(AXIS_CODES),
      z.object({
        fr: z.string().max(MAX_QUESTION_LENGTH, 'question is too long').optional(),
        en: z.string().max(MAX_QUESTION_LENGTH, 'question is too long').optional(),
      }),
    ),
    nextRoundSeq: seq,
  })
  .superRefine(sequenceAhead('compass'))

export const votesStateSchema = z
  .object({
    rounds: z
      .array(
        z
          .object({
            id: roundId,
            label: z.string().min(1, 'label is required').max(200, 'label is longer than 200 characters'),
            cardIds: z.array(shapeId).max(MAX_CARDS_PER_ROUND, `at most ${MAX_CARDS_PER_ROUND} cards per vote`),
            budget: z
              .number()
              .int()
              .min(1, `budget must be between 1 and ${MAX_BUDGET}`)
              .max(MAX_BUDGET, `budget must be between 1 and ${MAX_BUDGET}`),
            allowMultiplePerCard: z.boolean(),
            open: z.boolean(),
            revealed: z.boolean(),
            createdAt: time,
            dots: z
              .record(memberIdSchema, z.array(shapeId))
              .refine(
                (dots) => Object.keys(dots).length <= MAX_VOTERS_PER_ROUND,
                `at most ${MAX_VOTERS_PER_ROUND} voters per round`,
              ),
          })
          .superRefine((round, ctx) => {
            for (const [member, cards] of Object.entries(round.dots)) {
              if (cards.length > round.budget)
                ctx.addIssue({
                  code: 'custom',
                  path: ['dots', member],
                  message: `more dots than the budget (${round.budget})`,
                })
              const stray = cards.find((id) => !round.cardIds.includes(id))
              if (stray)
                ctx.addIssue({
                  code: 'custom',
                  path: ['dots', member],
                  message: `dot on ${stray}, which is not in this vote`,
                })
              if (!round.allowMultiplePerCard && new Set(cards).size < cards.length) {
                ctx.addIssue({
                  code: 'custom',
                  path: ['dots', member],
                  message: 'several dots on one card in a one-dot-per-card vote',
                })
              }
            }
          }),
      )
      .max(MAX_VOTE_ROUNDS, `at most ${MAX_VOTE_ROUNDS} votes`),
    nextRoundSeq: seq,
  })
  .superRefine(sequenceAhead('votes'))

// Each schema must produce its section's state type: a section changing its state without
// this file following breaks the typecheck here rather than an import at run time.
const SECTION_SCHEMAS: { [K in keyof ControlState]: z.ZodType<ControlState[K]> } = {
  meta: metaStateSchema,
  agenda: agendaStateSchema,
  timer: timerStateSchema,
  lock: lockStateSchema,
  facilitation: facilitationStateSchema,
  compass: compassStateSchema,
  votes: votesStateSchema,
  sheet: sheetStateSchema,
}

const INITIAL: { [K in keyof ControlState]: (init: SectionInit) => ControlState[K] } = {
  meta: (init) => ({ title: init.title ?? '', coalition: init.coalition ?? '' }),
  agenda: (init) => agendaSection.initial(init),
  timer: () => timerSection.initial(),
  lock: () => lockSection.initial(),
  facilitation: () => facilitationSection.initial(),
  compass: () => compassSection.initial(),
  votes: () => votesSection.initial(),
  sheet: () => sheetSection.initial(),
}

export const CONTROL_SECTION_KEYS = Object.keys(SECTION_SCHEMAS) as (keyof ControlState)[]

/**
 * The whole control state: every known section, unknown ones dropped. A section absent
 * from the file starts as a new workshop's would (`init`: the imported workshop's
 * metadata, so a missing agenda comes in the workshop's language).
 */
export function controlStateSchema(init: SectionInit = {}): z.ZodType<ControlState> {
  return z
    .object({
      meta: SECTION_SCHEMAS.meta.optional(),
      agenda: SECTION_SCHEMAS.agenda.optional(),
      timer: SECTION_SCHEMAS.timer.optional(),
      lock: SECTION_SCHEMAS.lock.optional(),
      facilitation: SECTION_SCHEMAS.facilitation.optional(),
      compass: SECTION_SCHEMAS.compass.optional(),
      votes: SECTION_SCHEMAS.votes.optional(),
      sheet: SECTION_SCHEMAS.sheet.optional(),
    })
    .transform((state) => ({
      meta: state.meta ?? INITIAL.meta(init),
      agenda: state.agenda ?? INITIAL.agenda(init),
      timer: state.timer ?? INITIAL.timer(init),
      lock: state.lock ?? INITIAL.lock(init),
      facilitation: state.facilitation ?? INITIAL.facilitation(init),
      compass: state.compass ?? INITIAL.compass(init),
      votes: state.votes ?? INITIAL.votes(init),
      sheet: state.sheet ?? INITIAL.sheet(init),
    }))
}
