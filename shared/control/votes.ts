import { z } from 'zod'
import type { Role } from '../protocol'
import { accept, type CommandContext, type CommandResult, type ControlSection } from './section'
import { applyFlagCommand, deleteRound, updateRound } from './rounds'
import { refuserOf, type Refused } from './refusals'

/**
 * Dot voting (*priorisation*): each member spends a budget of dots on the cards of a
 * round, hidden from everyone else until the facilitator reveals the tallies.
 *
 * Secrecy: before reveal the public view carries the round's configuration and how many
 * voted (for facilitators, who), never where a dot went. Each member sees their own dots
 * and what is left of their budget through `memberView`.
 */

export const MAX_VOTE_ROUNDS = 50
export const MAX_CARDS_PER_ROUND = 500
export const MAX_BUDGET = 10
/** Members voting in one round: bounds the stored state. */
export const MAX_VOTERS_PER_ROUND = 5_000

export interface VoteRound {
  id: string
  label: string
  /** The cards in play, in the order the client resolved them (frame, selection, type). */
  cardIds: string[]
  /** Dots per member. */
  budget: number
  /** Whether one member may put several dots on one card. */
  allowMultiplePerCard: boolean
  open: boolean
  revealed: boolean
  createdAt: number
  /** memberId → the card of each of their dots; a member with no dot has no entry. */
  dots: Record<string, string[]>
}

export interface VotesState {
  rounds: VoteRound[]
  /** Sequence for round ids: never reused, even after a deletion. */
  nextRoundSeq: number
}

const roundId = z.string().min(1, 'roundId is required').max(64, 'roundId is too long')
const cardId = z.string().regex(/^shape:\S{1,120}$/, 'card ids must be shape ids ("shape:…")')

const startFields = {
  label: z.string().trim().min(1, 'label is required').max(200, 'label is longer than 200 characters'),
  cardIds: z
    .array(cardId)
    .min(1, 'a vote needs at least one card')
    .max(MAX_CARDS_PER_ROUND, `at most ${MAX_CARDS_PER_ROUND} cards per vote`),
  budget: z
    .number()
    .int('budget must be a whole number of dots')
    .min(1, 'budget must be between 1 and 10 dots')
    .max(MAX_BUDGET, 'budget must be between 1 and 10 dots'),
  allowMultiplePerCard: z.boolean().default(false),
}

export const votesCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('votes.start'), ...startFields }),
  /**
   * A vote to take part in now: starts one like `votes.start` unless a vote is already open
   * (then nothing changes). What launching a « Priorisation » phase asks (agenda follow-up).
   */
  z.object({ type: z.literal('votes.ensureRound'), ...startFields }),
  z.object({ type: z.literal('votes.close'), roundId }),
  z.object({ type: z.literal('votes.reopen'), roundId }),
  z.object({ type: z.literal('votes.reveal'), roundId }),
  z.object({ type: z.literal('votes.hide'), roundId }),
  /** Removes every dot of the round, keeping its configuration. */
  z.object({ type: z.literal('votes.clear'), roundId }),
  z.object({ type: z.literal('votes.deleteRound'), roundId }),
  z.object({ type: z.literal('votes.place'), roundId, cardId }),
  z.object({ type: z.literal('votes.remove'), roundId, cardId }),
])
export type VotesCommand = z.infer<typeof votesCommandSchema>

export interface RankedCard {
  cardId: string
  dots: number
  /** 1 for the most voted; cards with as many dots share a rank (1, 2, 2, 4). */
  rank: number
}

/** A round as everyone sees it: no one's dots, counts only, tallies once revealed. */
export interface VoteRoundView extends Omit<VoteRound, 'dots'> {
  /** Members with at least one dot. */
  voterCount: number
  /** Facilitators only: who voted (not for what), sorted. */
  voters?: string[]
  /** Only once revealed: dots per card of the round (zero included). */
  tallies: Record<string, number> | null
  /** Only once revealed: the cards from most to least voted, ties in the round's order. */
  ranking: RankedCard[] | null
}

export interface VotesPublicView {
  rounds: VoteRoundView[]
}

export interface OwnDots {
  /** cardId → the member's dots on it. */
  dots: Record<string, number>
  remaining: number
}
/** roundId → the member's own dots, for every round. */
export type VotesMemberView = Record<string, OwnDots>

function ownDots(round: VoteRound, memberId: string): string[] {
  return Object.hasOwn(round.dots, memberId) ? round.dots[memberId] : []
}

function withDots(round: VoteRound, memberId: string, mine: string[]): VoteRound {
  const dots = { ...round.dots, [memberId]: mine }
  if (mine.length === 0) delete dots[memberId]
  return { ...round, dots }
}

/** Dots per card of a round, every card of the round present. */
export function tallyRound(round: VoteRound): Record<string, number> {
  const tallies: Record<string, number> = Object.fromEntries(round.cardIds.map((id) => [id, 0]))
  for (const mine of Object.values(round.dots)) {
    for (const id of mine) if (Object.hasOwn(tallies, id)) tallies[id] += 1
  }
  return tallies
}

/** Cards from most to least voted; ties keep `cardIds` order and share a rank. */
export function rankCards(tallies: Record<string, number>, cardIds: readonly string[]): RankedCard[] {
  const sorted = cardIds
    .map((id, index) => ({ id, index, dots: tallies[id] ?? 0 }))
    .sort((a, b) => b.dots - a.dots || a.index - b.index)
  const ranked: RankedCard[] = []
  sorted.forEach(({ id, dots }, i) => {
    const rank = i > 0 && sorted[i - 1].dots === dots ? ranked[i - 1].rank : i + 1
    ranked.push({ cardId: id, dots, rank })
  })
  return ranked
}

/** Why a vote command may be refused (codes and the values their texts show). */
export const VOTES_REFUSALS = {
  'unknown-vote': [],
  'unknown-card': ['id'],
  'vote-closed': [],
  'viewer-cannot-vote': [],
  'card-not-in-vote': [],
  'card-gone': [],
  'no-dots-left': [],
  'one-dot-per-card': [],
  'no-dot-on-card': [],
  'too-many-votes': ['max'],
  'too-many-voters': ['max'],
} as const
const refuse = refuserOf(VOTES_REFUSALS)
const missingRound = refuse('unknown-vote')

function placeDot(
  round: VoteRound,
  memberId: string,
  card: string,
  ctx: CommandContext,
): VoteRound | Refused<typeof VOTES_REFUSALS> {
  if (!round.open) return refuse('vote-closed')
  if (!round.cardIds.includes(card)) return refuse('card-not-in-vote')
  if (ctx.hasRecord && !ctx.hasRecord(card)) return refuse('card-gone')
  const mine = ownDots(round, memberId)
  if (mine.length >= round.budget) return refuse('no-dots-left')
  if (!round.allowMultiplePerCard && mine.includes(card)) return refuse('one-dot-per-card')
  if (mine.length === 0 && Object.keys(round.dots).length >= MAX_VOTERS_PER_ROUND)
    return refuse('too-many-voters', { max: MAX_VOTERS_PER_ROUND })
  return withDots(round, memberId, [...mine, card])
}

function removeDot(round: VoteRound, memberId: string, card: string): VoteRound | Refused<typeof VOTES_REFUSALS> {
  if (!round.open) return refuse('vote-closed')
  const mine = ownDots(round, memberId)
  const at = mine.lastIndexOf(card)
  if (at < 0) return refuse('no-dot-on-card')
  return withDots(round, memberId, mine.toSpliced(at, 1))
}

function applyVotes(
  state: VotesState,
  command: VotesCommand,
  ctx: CommandContext,
): CommandResult<VotesState, typeof VOTES_REFUSALS> {
  const { memberId, role } = ctx.actor
  switch (command.type) {
    case 'votes.ensureRound':
      if (state.rounds.some((r) => r.open)) return accept(state)
      return applyVotes(state, { ...command, type: 'votes.start' }, ctx)
    case 'votes.start': {
      if (state.rounds.length >= MAX_VOTE_ROUNDS) return refuse('too-many-votes', { max: MAX_VOTE_ROUNDS })
      const cardIds = [...new Set(command.cardIds)]
      const unknown = ctx.hasRecord ? cardIds.find((id) => !ctx.hasRecord?.(id)) : undefined
      if (unknown !== undefined) return refuse('unknown-card', { id: unknown })
      const round: VoteRound = {
        id: `votes-${state.nextRoundSeq}`,
        label: command.label,
        cardIds,
        budget: command.budget,
        allowMultiplePerCard: command.allowMultiplePerCard,
        open: true,
        revealed: false,
        createdAt: ctx.now,
        dots: {},
      }
      return accept({ rounds: [...state.rounds, round], nextRoundSeq: state.nextRoundSeq + 1 })
    }
    case 'votes.close':
    case 'votes.reopen':
    case 'votes.reveal':
    case 'votes.hide':
      return applyFlagCommand(state, command, missingRound)
    case 'votes.clear':
      return updateRound(state, command.roundId, missingRound, (round) =>
        Object.keys(round.dots).length === 0 ? round : { ...round, dots: {} },
      )
    case 'votes.deleteRound':
      return deleteRound(state, command.roundId, missingRound)
    case 'votes.place':
      if (role === 'viewer') return refuse('viewer-cannot-vote')
      return updateRound(state, command.roundId, missingRound, (round) =>
        placeDot(round, memberId, command.cardId, ctx),
      )
    case 'votes.remove':
      if (role === 'viewer') return refuse('viewer-cannot-vote')
      return updateRound(state, command.roundId, missingRound, (round) => removeDot(round, memberId, command.cardId))
  }
}

function roundView(round: VoteRound, role: Role): VoteRoundView {
  const { dots: _hidden, ...config } = round
  const view: VoteRoundView = { ...config, voterCount: Object.keys(round.dots).length, tallies: null, ranking: null }
  if (role === 'facilitator') view.voters = Object.keys(round.dots).sort()
  if (round.revealed) {
    view.tallies = tallyRound(round)
    view.ranking = rankCards(view.tallies, round.cardIds)
  }
  return view
}

/** What every connection of `role` sees: never where a hidden dot went. */
export function votesPublicView(state: VotesState, role: Role): VotesPublicView {
  return { rounds: state.rounds.map((round) => roundView(round, role)) }
}

/** A member's own dots and remaining budget, per round. */
export function votesMemberView(state: VotesState, memberId: string): VotesMemberView {
  const view: VotesMemberView = {}
  for (const round of state.rounds) {
    const mine = ownDots(round, memberId)
    const dots: Record<string, number> = {}
    for (const id of mine) dots[id] = (Object.hasOwn(dots, id) ? dots[id] : 0) + 1
    view[round.id] = { dots, remaining: Math.max(0, round.budget - mine.length) }
  }
  return view
}

const VOTING_ROLES: readonly Role[] = ['facilitator', 'participant']
const FACILITATOR_ONLY: readonly Role[] = ['facilitator']

/** The `votes` control section. */
export const votesSection = {
  key: 'votes',
  initial: (): VotesState => ({ rounds: [], nextRoundSeq: 1 }),
  commandSchema: votesCommandSchema,
  allowedRoles: (type: VotesCommand['type']): readonly Role[] =>
    type === 'votes.place' || type === 'votes.remove' ? VOTING_ROLES : FACILITATOR_ONLY,
  refusals: VOTES_REFUSALS,
  apply: applyVotes,
  publicView: votesPublicView,
  memberView: votesMemberView,
} satisfies ControlSection<VotesState, VotesCommand, typeof VOTES_REFUSALS>
