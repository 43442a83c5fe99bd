import { z } from 'zod'
import type { Role } from '../protocol'
import { refuserOf } from './refusals'
import { accept, type CommandContext, type CommandResult, type ControlSection } from './section'

/**
 * The « Fiche coalition »: what the coalition is for (« Pour … »), the problem and its
 * context, the horizon, what it needs, who co-leads it and how it works. Stored with the
 * workshop as a control section (facilitators write, everyone reads); when the workshop
 * belongs to a programme space's coalition the server mirrors it both ways with the
 * coalition's record (`shared/spaces/sheetSync.ts` has the rules).
 */

/** Entries in `needs` and `coLeads`, as the space allows on a coalition. */
export const SHEET_LIST_ITEMS = 20

export const SHEET_LIMITS = {
  statement: 200,
  problem: 2000,
  horizon: 300,
  modalities: 2000,
  listItem: 200,
} as const

export interface CoalitionSheet {
  /** « Pour … »: in a space, the coalition's title. */
  statement: string
  /** Problem and context. */
  problem: string
  horizon: string
  needs: string[]
  coLeads: string[]
  /** How the coalition works: meetings, governance, means. */
  modalities: string
}

export interface SheetState extends CoalitionSheet {
  /** Server time of the last change (null: never filled), to tell which side is newer. */
  updatedAt: number | null
  /** Display name of whoever changed it last ('' for the space's admin or an import). */
  updatedBy: string
}

export const SHEET_FIELDS = ['statement', 'problem', 'horizon', 'needs', 'coLeads', 'modalities'] as const
export type SheetField = (typeof SHEET_FIELDS)[number]

const text = (field: string, max: number) => z.string().trim().max(max, `${field} is longer than ${max} characters`)
const list = (field: string) =>
  z
    .array(text(field, SHEET_LIMITS.listItem))
    .max(SHEET_LIST_ITEMS, `at most ${SHEET_LIST_ITEMS} ${field} entries`)
    // Blank entries dropped, duplicates kept once: the space stores lists that way.
    .transform((items) => [...new Set(items.filter((item) => item.length > 0))])

/** Each field's rules, shared by the command, the stored state and the space. */
export const sheetFieldSchemas = {
  statement: text('statement', SHEET_LIMITS.statement),
  problem: text('problem', SHEET_LIMITS.problem),
  horizon: text('horizon', SHEET_LIMITS.horizon),
  needs: list('needs'),
  coLeads: list('coLeads'),
  modalities: text('modalities', SHEET_LIMITS.modalities),
}

export const sheetCommandSchema = z
  .object({
    type: z.literal('sheet.update'),
    statement: sheetFieldSchemas.statement.optional(),
    problem: sheetFieldSchemas.problem.optional(),
    horizon: sheetFieldSchemas.horizon.optional(),
    needs: sheetFieldSchemas.needs.optional(),
    coLeads: sheetFieldSchemas.coLeads.optional(),
    modalities: sheetFieldSchemas.modalities.optional(),
  })
  .strict()
export type SheetCommand = z.infer<typeof sheetCommandSchema>

export type SheetPublicView = SheetState

export function emptySheet(): SheetState {
  return {
    statement: '',
    problem: '',
    horizon: '',
    needs: [],
    coLeads: [],
    modalities: '',
    updatedAt: null,
    updatedBy: '',
  }
}

/** Whether nothing of the sheet is filled. */
export function isSheetEmpty(sheet: CoalitionSheet): boolean {
  return SHEET_FIELDS.every((field) => {
    const value = sheet[field]
    return Array.isArray(value) ? value.length === 0 : value === ''
  })
}

/** Why a sheet command may be refused (codes and the values their texts show). */
export const SHEET_REFUSALS = { 'nothing-to-change': [] } as const
const refuse = refuserOf(SHEET_REFUSALS)

function applySheet(
  state: SheetState,
  command: SheetCommand,
  ctx: CommandContext,
): CommandResult<SheetState, typeof SHEET_REFUSALS> {
  const next: SheetState = { ...state }
  let changed = false
  for (const field of SHEET_FIELDS) {
    const value = command[field]
    if (value === undefined) continue
    ;(next as unknown as Record<string, unknown>)[field] = value
    if (JSON.stringify(value) !== JSON.stringify(state[field])) changed = true
  }
  if (!SHEET_FIELDS.some((field) => command[field] !== undefined)) return refuse('nothing-to-change')
  // Saving what is already there changes nothing (and does not move the date).
  if (!changed) return accept(state)
  return accept({ ...next, updatedAt: ctx.now, updatedBy: ctx.actor.name })
}

/** The `sheet` control section: facilitators write, everyone reads. */
export const sheetSection = {
  key: 'sheet',
  initial: (): SheetState => emptySheet(),
  commandSchema: sheetCommandSchema,
  allowedRoles: (): readonly Role[] => ['facilitator'],
  refusals: SHEET_REFUSALS,
  apply: applySheet,
  publicView: (state: SheetState): SheetPublicView => state,
  memberView: (): null => null,
} satisfies ControlSection<SheetState, SheetCommand, typeof SHEET_REFUSALS>
