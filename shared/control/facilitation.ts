import { z } from 'zod'
import type { Role } from '../protocol'
import { accept, type CommandContext, type CommandResult, type ControlSection } from './section'
import { refuserOf } from './refusals'

/**
 * What a facilitator does to everyone's view: follow-me (everyone's camera follows one
 * member), summon (everyone jumps once to an area) and anonymity (names hidden in cursors
 * and presence). Nothing here is secret: every role sees the same view.
 */

/** Largest coordinate accepted for a summon area: far beyond any real board. */
const MAX_COORD = 1e7

export interface SummonTarget {
  /** Increases by one per summon, so each client moves once per new value. */
  seq: number
  pageId: string
  bounds: { x: number; y: number; w: number; h: number }
  /** Member who summoned, and when (server clock). */
  by: string
  at: number
}

export interface FacilitationState {
  /** Member everyone's camera follows, or null. */
  followTarget: string | null
  /** Last summon, or null if nobody summoned yet. */
  summon: SummonTarget | null
  /** Names hidden in cursors and presence. */
  anonymous: boolean
}

export const memberIdSchema = z.string().min(1, 'memberId is required').max(128, 'memberId is too long')
const coord = z.number().finite('coordinates must be finite').min(-MAX_COORD).max(MAX_COORD)
const size = z.number().finite('sizes must be finite').positive('sizes must be positive').max(MAX_COORD)

export const facilitationCommandSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('facilitation.follow'), memberId: memberIdSchema }),
  z.object({ type: z.literal('facilitation.unfollow') }),
  z.object({
    type: z.literal('facilitation.summon'),
    pageId: z.string().regex(/^page:\S{1,120}$/, 'pageId must be a page id ("page:…")'),
    bounds: z.object({ x: coord, y: coord, w: size, h: size }),
  }),
  z.object({ type: z.literal('facilitation.setAnonymous'), anonymous: z.boolean() }),
])
export type FacilitationCommand = z.infer<typeof facilitationCommandSchema>

export interface FacilitationPublicView {
  followTarget: string | null
  /** 0 before the first summon. */
  summonSeq: number
  summon: SummonTarget | null
  anonymous: boolean
}

/** Why a facilitation command may be refused (codes and the values their texts show). */
export const FACILITATION_REFUSALS = { 'unknown-page': [] } as const
const refuse = refuserOf(FACILITATION_REFUSALS)

function applyFacilitation(
  state: FacilitationState,
  command: FacilitationCommand,
  ctx: CommandContext,
): CommandResult<FacilitationState, typeof FACILITATION_REFUSALS> {
  switch (command.type) {
    case 'facilitation.follow':
      return accept({ ...state, followTarget: command.memberId })
    case 'facilitation.unfollow':
      return accept({ ...state, followTarget: null })
    case 'facilitation.summon': {
      if (ctx.hasRecord && !ctx.hasRecord(command.pageId)) return refuse('unknown-page')
      const seq = (state.summon?.seq ?? 0) + 1
      const { x, y, w, h } = command.bounds
      return accept({
        ...state,
        summon: { seq, pageId: command.pageId, bounds: { x, y, w, h }, by: ctx.actor.memberId, at: ctx.now },
      })
    }
    case 'facilitation.setAnonymous':
      return accept({ ...state, anonymous: command.anonymous })
  }
}

/** The `facilitation` control section: facilitators only, same view for everyone. */
export const facilitationSection = {
  key: 'facilitation',
  initial: (): FacilitationState => ({ followTarget: null, summon: null, anonymous: false }),
  commandSchema: facilitationCommandSchema,
  allowedRoles: (): readonly Role[] => ['facilitator'],
  refusals: FACILITATION_REFUSALS,
  apply: applyFacilitation,
  publicView: (state: FacilitationState): FacilitationPublicView => ({
    followTarget: state.followTarget,
    summonSeq: state.summon?.seq ?? 0,
    summon: state.summon,
    anonymous: state.anonymous,
  }),
  memberView: (): null => null,
} satisfies ControlSection<FacilitationState, FacilitationCommand, typeof FACILITATION_REFUSALS>
