import { z } from 'zod'
import { AXIS_CODES } from '../compass/axes'
import { CARD_FIELDS, CARD_TYPES, type CardType } from '../cards/cardTypes'
import { ACTION_STATUSES } from '../cards/action'
import { LINK_KINDS } from '../cards/links'
import type { ControlState } from '../control/index'
import { localeSchema, templateIdSchema, timeZoneSchema } from '../workshop'

/**
 * The public JSON format of a workshop's outcome, `coalition-board/workshop@1`. Field by
 * field documentation: `shared/export/README.md`. Change it only by adding optional
 * fields; anything else is a new format tag (`@2`) and an import path for `@1`.
 *
 * Two kinds of content: what an import restores (`workshop`, `board`, `control`) and what
 * is derived from it for readers (`phases`, `cards`, `links`, `compass`, `votes`,
 * `notes`). An import requires the derived sections to be present but recomputes them.
 */
export const EXPORT_FORMAT = 'coalition-board/workshop@1'

const isoDate = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date' })
const shapeId = z.string().regex(/^shape:/, 'must be a shape id ("shape:…")')

export const exportWorkshopSchema = z.object({
  title: z.string().trim().min(1, 'title is required').max(200, 'title is longer than 200 characters'),
  coalition: z.string().trim().max(300, 'coalition is longer than 300 characters'),
  locale: localeSchema,
  template: templateIdSchema,
  createdAt: isoDate,
  /** The workshop's time zone (its dates are in it); absent from documents made before it existed. */
  timeZone: timeZoneSchema.optional(),
})

export const exportPhaseSchema = z.object({
  id: z.string(),
  name: z.string(),
  durationMin: z.number(),
  instructions: z.string(),
  frameId: z.string().nullable(),
  /** The phase in progress when the export was made (at most one). */
  current: z.boolean(),
})

/**
 * A card's editable fields with their stored values (codes, not labels). A value that is
 * missing or not of the field's kind (old or foreign data) is null, and `issues` says why.
 */
function fieldsSchema(type: CardType) {
  const byInput = {
    line: z.string().nullable(),
    multiline: z.string().nullable(),
    choice: z.string().nullable(),
    level: z.number().nullable(),
    choices: z.array(z.string()).nullable(),
    date: z.string().nullable(),
    actor: z.string().nullable(),
  } as const
  return z.object(
    Object.fromEntries(Object.entries(CARD_FIELDS[type]).map(([field, info]) => [field, byInput[info.input]])),
  )
}

function cardSchema(type: CardType) {
  return z.object({
    id: shapeId,
    /** The main text (name, title or statement), trimmed; '' when empty. */
    title: z.string(),
    /** Names of the frames around the card, outermost first, and their ids. */
    framePath: z.array(z.string()),
    frameIds: z.array(z.string()),
    fields: fieldsSchema(type),
    issues: z.array(z.string()).optional(),
  })
}

/**
 * Cards by type. Actions came after the format's first exports: a document without them
 * reads as a board with no action (an optional field, as the format's rule asks).
 */
export const exportCardsSchema = z.object({
  ...(Object.fromEntries(CARD_TYPES.map((type) => [type, z.array(cardSchema(type))])) as {
    [T in CardType]: z.ZodArray<ReturnType<typeof cardSchema>>
  }),
  action: z.array(cardSchema('action')).default([]),
})

export const exportLinkSchema = z.object({
  arrowId: shapeId,
  from: shapeId,
  to: shapeId,
  kind: z.enum(LINK_KINDS),
})

const axisAggregateSchema = z.object({
  count: z.number(),
  ncCount: z.number(),
  mean: z.number().nullable(),
  median: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
  spread: z.number().nullable(),
  flagged: z.boolean(),
})

const subjectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('coalition') }),
  z.object({ kind: z.literal('card'), cardId: shapeId }),
])

export const exportCompassRoundSchema = z.object({
  id: z.string(),
  label: z.string(),
  subject: subjectSchema,
  status: z.enum(['open', 'closed']),
  revealed: z.boolean(),
  /** Members who scored at least one axis. */
  scoredCount: z.number(),
  /** Per-axis aggregate; null while the round is hidden (values never leave a hidden round). */
  axes: z.record(z.enum(AXIS_CODES), axisAggregateSchema).nullable(),
  /** Comments without author, by axis then text; null while hidden. */
  comments: z.array(z.object({ axis: z.enum(AXIS_CODES), text: z.string() })).nullable(),
})

export const exportComparisonSchema = z.object({
  subject: subjectSchema,
  fromRoundId: z.string(),
  toRoundId: z.string(),
  /** Per axis, mean of `to` minus mean of `from`; null where either has no mean. */
  deltas: z.record(z.enum(AXIS_CODES), z.number().nullable()),
})

export const exportVoteRoundSchema = z.object({
  id: z.string(),
  label: z.string(),
  status: z.enum(['open', 'closed']),
  revealed: z.boolean(),
  budget: z.number(),
  voterCount: z.number(),
  /** Cards from most to least voted (shared ranks on ties); null while hidden. */
  tallies: z
    .array(
      z.object({
        cardId: shapeId,
        /** Card type, or null when the card is no longer on the board. */
        cardType: z.enum(CARD_TYPES).nullable(),
        title: z.string(),
        dots: z.number(),
        rank: z.number(),
      }),
    )
    .nullable(),
})

export const exportNoteSchema = z.object({
  id: shapeId,
  /** tldraw shape type: `note`, `text`, `frame` (its name), `geo` (its label), `arrow` (its label)… */
  shapeType: z.string(),
  text: z.string(),
  framePath: z.array(z.string()),
  frameIds: z.array(z.string()),
  /** Still exactly as the workshop's template wrote it (instructions, frame titles). */
  fromTemplate: z.boolean(),
})

/**
 * One row of the roadmap (*feuille de route*), derived from an action card and its arrows
 * « met en œuvre »: for readers (sheets, spreadsheets, the programme space).
 */
export const exportRoadmapItemSchema = z.object({
  id: shapeId,
  what: z.string(),
  /** The owner's name: the linked actor card's name, else the typed name; '' when none. */
  owner: z.string(),
  /** The actor card that owns it, or null. */
  ownerActorId: z.string().nullable(),
  /** Calendar day `YYYY-MM-DD`, or null. */
  due: z.string().nullable(),
  status: z.enum(ACTION_STATUSES).nullable(),
  /** What the action implements (a lever or an impact), by arrow « met en œuvre ». */
  serves: z.array(z.object({ id: shapeId, type: z.string(), title: z.string() })),
})

export const exportBoardSchema = z.object({
  /** tldraw's serialized store schema the records follow, or null if unknown (then: current). */
  schema: z.unknown(),
  /** Every document record (document, pages, shapes, bindings, assets), sorted by id. */
  records: z.array(z.unknown()),
})

/**
 * The document. `control` is checked by `controlStateSchema` and `board.records` record
 * by record (see importValidation.ts), so here they are only containers.
 */
export const exportDocumentSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  exportedAt: isoDate,
  workshop: exportWorkshopSchema,
  participantCount: z.number().int().min(0),
  phases: z.array(exportPhaseSchema),
  cards: exportCardsSchema,
  links: z.array(exportLinkSchema),
  compass: z.object({ rounds: z.array(exportCompassRoundSchema), comparisons: z.array(exportComparisonSchema) }),
  votes: z.object({ rounds: z.array(exportVoteRoundSchema) }),
  notes: z.array(exportNoteSchema),
  /** Derived from the action cards; absent from exports made before actions existed. */
  roadmap: z.array(exportRoadmapItemSchema).optional(),
  board: exportBoardSchema,
  control: z.record(z.string(), z.unknown()),
})

export type ExportCard = z.infer<ReturnType<typeof cardSchema>>
export type ExportCards = { [T in CardType]: ExportCard[] }
export type ExportLink = z.infer<typeof exportLinkSchema>
export type ExportPhase = z.infer<typeof exportPhaseSchema>
export type ExportCompassRound = z.infer<typeof exportCompassRoundSchema>
export type ExportComparison = z.infer<typeof exportComparisonSchema>
export type ExportVoteRound = z.infer<typeof exportVoteRoundSchema>
export type ExportNote = z.infer<typeof exportNoteSchema>
export type ExportRoadmapItem = z.infer<typeof exportRoadmapItemSchema>
export type ExportWorkshop = z.infer<typeof exportWorkshopSchema>

/** The whole document, with the control state typed (what `buildExport` returns). */
export type ExportDocument = Omit<z.infer<typeof exportDocumentSchema>, 'control' | 'format'> & {
  format: typeof EXPORT_FORMAT
  control: ControlState
}

/** Top-level keys every export has; an import missing one is refused. */
export const EXPORT_SECTIONS = [
  'workshop',
  'participantCount',
  'phases',
  'cards',
  'links',
  'compass',
  'votes',
  'notes',
  'board',
  'control',
] as const
