import type { z } from 'zod'
import type { Role } from '../protocol'
import type { WorkshopMeta } from '../workshop'
import type { Refused, RefusalSpec } from './refusals'

/**
 * The control state of a workshop (agenda, timer, lock, compass rounds, votes…) is owned by
 * the server, not by the board document: only facilitators may change most of it, and some
 * of it (hidden scores, hidden dots) must never reach other participants. It is split into
 * independent *sections*, one file each in this folder, each a pure reducer over plain data.
 *
 * The server keeps every section's state, applies commands through `apply`, persists the
 * result, and sends each connection only what `publicView` and `memberView` let it see.
 */

/** Who is acting or looking: the role of their link and their member id. */
export interface Actor {
  role: Role
  /** Stable public id of a person, derived by the server from their secret member key. */
  memberId: string
  /** Display name they chose (may be hidden when the workshop is anonymous). */
  name: string
}

/** What a command may read besides the state: the server's clock and the actor. */
export interface CommandContext {
  /** Server clock, milliseconds since epoch (never the client's). */
  now: number
  actor: Actor
  /** Ids of the board's records when the command needs them (votes, compass subjects). */
  hasRecord?: (id: string) => boolean
}

/**
 * What a section may read of the workshop it starts in: the agenda's phases follow the
 * workshop's language and template. Every field is optional (a section falls back to
 * French and the blank template) so `initial()` with no argument stays valid.
 */
export type SectionInit = Partial<Pick<WorkshopMeta, 'locale' | 'template' | 'title' | 'coalition'>>

/**
 * A command a section asks the server to run after one of its own succeeded, as the same
 * actor and validated like any other (schema, role, reducer): how one facilitator action
 * reaches several sections (launching a phase starts its timer) while each reducer stays
 * pure and sees only its own state. A refused follow-up leaves the first command done.
 */
export interface FollowUp {
  type: string
  [field: string]: unknown
}

/** A command's outcome: the new state, or a refusal code of the section's spec. */
export type CommandResult<S, Spec extends RefusalSpec = RefusalSpec> = { ok: true; state: S } | Refused<Spec>

/**
 * One section of the control state. `C` is the union of its commands, `Spec` its refusal
 * codes and their parameters (`refusals.ts`).
 */
export interface ControlSection<S, C extends { type: string }, Spec extends RefusalSpec = RefusalSpec> {
  /** Key in the control state, and prefix of its command types (`timer.start`). */
  key: string
  /** Every code `apply` may refuse with, and the names of its parameters (the client's texts are checked against it). */
  refusals: Spec
  /** State of a new workshop (the server passes the workshop's metadata). */
  initial(init?: SectionInit): S
  /** Validates a command of this section (types, ranges). */
  commandSchema: z.ZodType<C>
  /** Roles allowed to send each command type; a missing type means facilitator only. */
  allowedRoles(type: C['type']): readonly Role[]
  /** Pure reducer: the new state, or a refusal whose code says why. */
  apply(state: S, command: C, ctx: CommandContext): CommandResult<S, Spec>
  /** Commands to run next, from the accepted command and the state it produced (none if absent). */
  followUps?(state: S, command: C): readonly FollowUp[]
  /** What every connection of this role may see. Must not contain anyone's hidden data. */
  publicView(state: S, role: Role): unknown
  /** What only this member may see (their own scores, their own dots). */
  memberView(state: S, memberId: string): unknown
}

/** Accept a command with its new state. */
export function accept<S>(state: S): { ok: true; state: S } {
  return { ok: true, state }
}
