import { z } from 'zod'
import type { Role } from '../protocol'
import { createWorkshopSchema, DEFAULT_TIME_ZONE } from '../workshop'
import { accept, type CommandResult, type ControlSection } from './section'
import { refuserOf } from './refusals'

/**
 * The workshop's name as everyone sees it: title and coalition. Seeded from the values
 * given at creation (the server passes them as the initial state); a facilitator renames
 * with `meta.rename`, and the server keeps the workshops table in step.
 */

export interface MetaState {
  title: string
  coalition: string
  /** The workshop's time zone, chosen at creation and never changed; absent: `DEFAULT_TIME_ZONE` (older workshops). */
  timeZone?: string
}

/** The time zone every date of the workshop is shown in (sheet, file names, checkpoints, due dates). */
export function workshopTimeZone(meta: Partial<MetaState> | undefined): string {
  return meta?.timeZone ?? DEFAULT_TIME_ZONE
}

/** Nothing hidden. */
export type MetaPublicView = MetaState

// Same rules as at creation, so a rename cannot produce what creation would refuse.
const { title, coalition } = createWorkshopSchema.shape

export const metaCommandSchema = z
  .object({
    type: z.literal('meta.rename'),
    title: title.optional(),
    coalition: coalition.optional(),
  })
  .strict()
export type MetaCommand = z.infer<typeof metaCommandSchema>

/** Why a rename command may be refused (codes and the values their texts show). */
export const META_REFUSALS = { 'nothing-to-rename': [] } as const
const refuse = refuserOf(META_REFUSALS)

function applyMeta(state: MetaState, command: MetaCommand): CommandResult<MetaState, typeof META_REFUSALS> {
  if (command.title === undefined && command.coalition === undefined) return refuse('nothing-to-rename')
  return accept({
    ...state,
    title: command.title ?? state.title,
    coalition: command.coalition ?? state.coalition,
  })
}

/** The `meta` control section: facilitators only. */
export const metaSection = {
  key: 'meta',
  // Only reached if the server has no workshop row to seed from.
  initial: (): MetaState => ({ title: '', coalition: '' }),
  commandSchema: metaCommandSchema,
  allowedRoles: (): readonly Role[] => ['facilitator'],
  refusals: META_REFUSALS,
  apply: applyMeta,
  publicView: (state: MetaState): MetaPublicView => state,
  memberView: (): null => null,
} satisfies ControlSection<MetaState, MetaCommand, typeof META_REFUSALS>
