import type { z } from 'zod'
import { AGENDA_REFUSALS, agendaSection, type AgendaCommand, type AgendaPublicView, type AgendaState } from './agenda'
import {
  COMPASS_REFUSALS,
  compassSection,
  type CompassCommand,
  type CompassMemberView,
  type CompassPublicView,
  type CompassState,
} from './compass'
import {
  FACILITATION_REFUSALS,
  facilitationSection,
  type FacilitationCommand,
  type FacilitationPublicView,
  type FacilitationState,
} from './facilitation'
import { LOCK_REFUSALS, lockSection, type LockCommand, type LockPublicView, type LockState } from './lock'
import { META_REFUSALS, metaSection, type MetaCommand, type MetaPublicView, type MetaState } from './meta'
import { CHANNEL_REFUSALS, HUB_REFUSALS, type RefusalOf, type RefusalSpec } from './refusals'
import type { ControlSection } from './section'
import { SHEET_REFUSALS, sheetSection, type SheetCommand, type SheetPublicView, type SheetState } from './sheet'
import { TIMER_REFUSALS, timerSection, type TimerCommand, type TimerPublicView, type TimerState } from './timer'
import {
  VOTES_REFUSALS,
  votesSection,
  type VotesCommand,
  type VotesMemberView,
  type VotesPublicView,
  type VotesState,
} from './votes'

/**
 * Every section of a workshop's control state, for the server to register and the client
 * to type what it receives. Adding a section means: its file, a line in each list below.
 */

/** A section seen from outside, whatever its state and commands (the server's view). */
export type AnyControlSection = ControlSection<unknown, { type: string }>

/** All sections; each key is also its command prefix (`timer.start` → `timer`). */
export const CONTROL_SECTIONS: readonly AnyControlSection[] = [
  metaSection,
  agendaSection,
  timerSection,
  lockSection,
  facilitationSection,
  compassSection,
  votesSection,
  sheetSection,
]

/** Each section's persisted state, by key. */
export interface ControlState {
  meta: MetaState
  agenda: AgendaState
  timer: TimerState
  lock: LockState
  facilitation: FacilitationState
  compass: CompassState
  votes: VotesState
  sheet: SheetState
}
export type ControlSectionKey = keyof ControlState

/** What a connection receives in `StateMessage.public`, by key. */
export interface ControlPublicState {
  meta: MetaPublicView
  agenda: AgendaPublicView
  timer: TimerPublicView
  lock: LockPublicView
  facilitation: FacilitationPublicView
  compass: CompassPublicView
  votes: VotesPublicView
  sheet: SheetPublicView
}

/** What a member receives in `StateMessage.own`, by key (sections with nothing own send null). */
export interface ControlMemberState {
  meta: null
  agenda: null
  timer: null
  lock: null
  facilitation: null
  compass: CompassMemberView
  votes: VotesMemberView
  sheet: null
}

/** Every command as a reducer receives it (after its schema's defaults and trimming). */
export type ControlCommand =
  | MetaCommand
  | AgendaCommand
  | TimerCommand
  | LockCommand
  | FacilitationCommand
  | CompassCommand
  | VotesCommand
  | SheetCommand

/** Every command as a client may send it (optional fields that have defaults may be left out). */
export type ControlCommandInput =
  | z.input<typeof metaSection.commandSchema>
  | z.input<typeof agendaSection.commandSchema>
  | z.input<typeof timerSection.commandSchema>
  | z.input<typeof lockSection.commandSchema>
  | z.input<typeof facilitationSection.commandSchema>
  | z.input<typeof compassSection.commandSchema>
  | z.input<typeof votesSection.commandSchema>
  | z.input<typeof sheetSection.commandSchema>

const SECTIONS_BY_KEY = new Map(CONTROL_SECTIONS.map((section) => [section.key, section]))

/** The section a command type belongs to (`compass.score` → compass), if any. */
export function sectionForCommand(type: string): AnyControlSection | undefined {
  const dot = type.indexOf('.')
  return dot > 0 ? SECTIONS_BY_KEY.get(type.slice(0, dot)) : undefined
}

/**
 * Every refusal a client may meet, typed: each section's, the server's own (`HUB_REFUSALS`)
 * and the client's (`CHANNEL_REFUSALS`). `client/i18n/refusals.ts` gives each code its text.
 */
export type ControlRefusal =
  | RefusalOf<typeof HUB_REFUSALS>
  | RefusalOf<typeof CHANNEL_REFUSALS>
  | RefusalOf<typeof META_REFUSALS>
  | RefusalOf<typeof AGENDA_REFUSALS>
  | RefusalOf<typeof TIMER_REFUSALS>
  | RefusalOf<typeof LOCK_REFUSALS>
  | RefusalOf<typeof FACILITATION_REFUSALS>
  | RefusalOf<typeof COMPASS_REFUSALS>
  | RefusalOf<typeof VOTES_REFUSALS>
  | RefusalOf<typeof SHEET_REFUSALS>
export type ControlRefusalCode = ControlRefusal['code']

/** The same at run time, by source: what the texts' test walks (never a hand-written list). */
export const REFUSAL_SPECS: Readonly<Record<string, RefusalSpec>> = {
  hub: HUB_REFUSALS,
  channel: CHANNEL_REFUSALS,
  ...Object.fromEntries(CONTROL_SECTIONS.map((section) => [section.key, section.refusals])),
}
