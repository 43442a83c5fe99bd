import { z } from 'zod'
import { sheetFieldSchemas } from '../control/sheet'
import { localeSchema, templateIdSchema, type Locale, type TemplateId } from '../workshop'

/**
 * A programme space (*espace programme*): the home of many coalitions run at different
 * speeds. It keeps them by theme, promotes them in cohorts, records the decision to
 * activate them or not, and links each to its workshops. Records as stored, and the
 * bodies of the space API, validated at the boundary with these schemas.
 */

/** Cohorts in the programme's order: pilot, first and second promotions, then the stock still to activate. */
export const COHORTS = ['pilote', 'promo-1', 'promo-2', 'stock'] as const
export type Cohort = (typeof COHORTS)[number]

/** Where a coalition stands, from an idea to having spread elsewhere (*essaimée*). */
export const COALITION_STATUSES = ['idee', 'en-projet', 'amorcee', 'active', 'en-pause', 'essaimee'] as const
export type CoalitionStatus = (typeof COALITION_STATUSES)[number]

/** The decision a programme takes about a coalition. */
export const DECISIONS = ['activer', 'ne-pas-activer', 'reporter'] as const
export type DecisionKind = (typeof DECISIONS)[number]

/** An admin changes everything; a viewer reads the panorama. */
export const SPACE_ROLES = ['admin', 'viewer'] as const
export type SpaceRole = (typeof SPACE_ROLES)[number]

/** Limits that keep one space a reasonable document. */
export const SPACE_LIMITS = {
  themes: 20,
  coalitions: 300,
  listItems: 20,
  decisions: 200,
  workshops: 50,
} as const

/** Space ids look like workshop ids: 22 URL-safe base64 characters (128 random bits). */
export const spaceIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'invalid space id')
/** Coalition ids: 12 URL-safe base64 characters, unique within their space. */
export const coalitionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{12}$/, 'invalid coalition id')
export const themeIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'theme ids are 1–40 lowercase letters, digits and dashes')

const text = (field: string, max: number) => z.string().trim().max(max, `${field} is longer than ${max} characters`)
const required = (field: string, max: number) => text(field, max).min(1, `${field} is required`)
const list = (field: string) =>
  z
    .array(required(field, 200))
    .max(SPACE_LIMITS.listItems, `at most ${SPACE_LIMITS.listItems} ${field} entries`)
    .transform((items) => [...new Set(items)])

/** A calendar day, `YYYY-MM-DD`, that exists. */
export const isoDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'date must be YYYY-MM-DD', abort: true })
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day)
  }, 'date is not a real day')

export interface Theme {
  id: string
  label: string
}

export interface SpaceRecord {
  id: string
  title: string
  description: string
  /** Language of the space: its default themes and its booklet. */
  locale: Locale
  /** Editable list; coalitions point at a theme by id. */
  themes: Theme[]
  createdAt: number
  updatedAt: number
}

export interface Decision {
  /** `d1`, `d2`…: never reused within a coalition. */
  id: string
  decision: DecisionKind
  /** The day it was taken (may be earlier than when it was recorded). */
  date: string
  reason: string
  recordedAt: number
}

export interface WorkshopRef {
  workshopId: string
  /** Created from the space, or an existing workshop attached by its facilitator. */
  origin: 'created' | 'attached'
  attachedAt: number
}

export interface SheetChange {
  /** Server time. */
  at: number
  /** The workshop whose « Fiche coalition » changed it; null when changed in the space. */
  workshopId: string | null
  /** Display name of the facilitator ('' from the space). */
  by: string
}

export interface CoalitionRecord {
  id: string
  /** Usually « Pour … ». */
  title: string
  /** A theme of the space, or null (not sorted yet). */
  themeId: string | null
  cohort: Cohort
  status: CoalitionStatus
  /** What it needs: co-leads wanted, territorial adaptation… */
  needs: string[]
  /** Organisations or people co-leading it. */
  coLeads: string[]
  /** Problem and context, horizon, how it works: the rest of its « Fiche coalition » (absent on older records). */
  problem?: string
  horizon?: string
  modalities?: string
  /** The last change to its sheet (title, needs, co-leads…): when, from which workshop (null: the space), by whom. */
  sheetChange?: SheetChange | null
  /** Template its new workshops start from. */
  template: TemplateId
  /** Every decision recorded, in the order recorded. */
  decisions: Decision[]
  workshops: WorkshopRef[]
  nextDecisionSeq: number
  createdAt: number
  updatedAt: number
}

/** A stored record with the version a conditional write must match. */
export interface Versioned<T> {
  value: T
  version: number
}

// --- API bodies -----------------------------------------------------------------------

const themeInput = z.object({ id: themeIdSchema.optional(), label: required('theme label', 100) }).strict()

export const themesInputSchema = z
  .array(themeInput)
  .max(SPACE_LIMITS.themes, `at most ${SPACE_LIMITS.themes} themes`)
  .refine(
    (themes) => new Set(themes.flatMap((t) => (t.id ? [t.id] : []))).size === themes.filter((t) => t.id).length,
    'theme ids must be unique',
  )

/** The body of a PATCH: any of `fields`, nothing else, and at least one. */
function patchOf<Fields extends z.ZodRawShape>(fields: Fields) {
  return z
    .object(fields)
    .partial()
    .strict()
    .refine((patch) => Object.keys(patch).length > 0, 'nothing to change')
}

const spaceFields = {
  title: required('title', 200),
  description: text('description', 2000).optional(),
  locale: localeSchema.optional(),
  themes: themesInputSchema.optional(),
}

/** Body of `POST /api/spaces`: a title, the rest optional. */
export const createSpaceSchema = z.object(spaceFields).strict()
export type CreateSpace = z.input<typeof createSpaceSchema>

/** Body of `PATCH /api/spaces/<id>`: any of the same fields. */
export const patchSpaceSchema = patchOf(spaceFields)
export type PatchSpace = z.input<typeof patchSpaceSchema>

const coalitionFields = {
  title: required('title', 200),
  themeId: themeIdSchema.nullable(),
  cohort: z.enum(COHORTS, { error: `cohort must be one of ${COHORTS.join(', ')}` }),
  status: z.enum(COALITION_STATUSES, { error: `status must be one of ${COALITION_STATUSES.join(', ')}` }),
  needs: list('needs'),
  coLeads: list('coLeads'),
  problem: sheetFieldSchemas.problem,
  horizon: sheetFieldSchemas.horizon,
  modalities: sheetFieldSchemas.modalities,
  template: templateIdSchema,
}

/** Body of `POST /api/spaces/<id>/coalitions`: a title, the rest has defaults. */
export const createCoalitionSchema = z
  .object(coalitionFields)
  .partial({
    themeId: true,
    cohort: true,
    status: true,
    needs: true,
    coLeads: true,
    problem: true,
    horizon: true,
    modalities: true,
    template: true,
  })
  .strict()
export type CreateCoalition = z.input<typeof createCoalitionSchema>

/** Body of `PATCH /api/spaces/<id>/coalitions/<cid>`: any of the same fields. */
export const patchCoalitionSchema = patchOf(coalitionFields)
export type PatchCoalition = z.input<typeof patchCoalitionSchema>

/** Body of `POST …/coalitions/<cid>/decisions`. */
export const decisionInputSchema = z
  .object({
    decision: z.enum(DECISIONS, { error: `decision must be one of ${DECISIONS.join(', ')}` }),
    date: isoDaySchema,
    reason: text('reason', 2000).default(''),
  })
  .strict()
export type DecisionInput = z.input<typeof decisionInputSchema>

/** Body of `POST …/coalitions/<cid>/workshops`: defaults come from the coalition. */
export const launchWorkshopSchema = z
  .object({
    title: required('title', 200).optional(),
    template: templateIdSchema.optional(),
    locale: localeSchema.optional(),
  })
  .strict()
export type LaunchWorkshop = z.input<typeof launchWorkshopSchema>

/** Body of `POST …/coalitions/<cid>/attach`: the facilitator token proves control of the workshop. */
export const attachWorkshopSchema = z
  .object({
    workshopId: z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'invalid workshop id'),
    facilitatorToken: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'invalid token'),
  })
  .strict()
export type AttachWorkshop = z.input<typeof attachWorkshopSchema>

/** Response of `POST /api/spaces`. */
export interface CreatedSpace {
  id: string
  links: SpaceLinks
}

export interface SpaceLinks {
  admin: string
  viewer: string
}

/** `<publicUrl>/s/<id>#token=<token>`: like workshop links, the token stays in the fragment. */
export function spaceLink(publicUrl: string, id: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/s/${id}#token=${token}`
}

/** The decision in force: the latest by day, then by when it was recorded. Null if none. */
export function currentDecision(decisions: readonly Decision[]): Decision | null {
  let current: Decision | null = null
  for (const decision of decisions) {
    if (
      !current ||
      decision.date > current.date ||
      (decision.date === current.date && decision.recordedAt >= current.recordedAt)
    )
      current = decision
  }
  return current
}

/** Decisions newest first (by day, then recorded), for the history. */
export function decisionHistory(decisions: readonly Decision[]): Decision[] {
  return [...decisions].sort((a, b) => (a.date !== b.date ? (a.date < b.date ? 1 : -1) : b.recordedAt - a.recordedAt))
}
