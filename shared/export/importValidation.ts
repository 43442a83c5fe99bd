import { z } from 'zod'
import type { BoardRecordLike } from '../cards/links'
import type { ControlState } from '../control/index'
import type { SectionInit } from '../control/section'
import { DEFAULT_TIME_ZONE, type Locale, type TemplateId } from '../workshop'
import { checkBoardRecords } from './boardRecords'
import { controlStateSchema } from './controlState'
import { EXPORT_FORMAT, EXPORT_SECTIONS, exportWorkshopSchema } from './schema'

/**
 * Reads an export file back (`POST /api/workshops/import`). Refuses with one short
 * `error` and `details` that each say what is wrong and where, so a facilitator (or the
 * person who edited the file) can fix it; nothing partial is ever returned.
 */

/** What an import restores: a new workshop is created from it (new id, new tokens). */
export interface ImportedWorkshop {
  workshop: { title: string; coalition: string; locale: Locale; template: TemplateId; createdAt: number }
  participantCount: number
  /** When the export was made (its `exportedAt`), milliseconds since epoch. */
  exportedAt: number
  /** Records checked and migrated to the current tldraw schema; `schema` is the one they follow. */
  board: { schema: unknown; records: BoardRecordLike[] }
  control: ControlState
}

export type ImportResult = { ok: true; value: ImportedWorkshop } | { ok: false; error: string; details: string[] }

/** Details beyond this are summed up in one last line: a broken file may have thousands. */
export const MAX_IMPORT_DETAILS = 100

const pathText = (path: readonly PropertyKey[]) =>
  path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('')

/** `control.compass.rounds[0].label: label is required`; with no prefix, no leading dot. */
function issueLines(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((issue) => `${prefix}${pathText(issue.path)}`.replace(/^\./, '') + `: ${issue.message}`)
}

function kindOf(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`
}

function refuse(error: string, details: string[]): ImportResult {
  const shown = details.slice(0, MAX_IMPORT_DETAILS)
  if (details.length > shown.length) shown.push(`… and ${details.length - shown.length} more problems`)
  return { ok: false, error, details: shown }
}

// The derived sections are recomputed from board and control on the next export; an
// import only insists that they are there, with the right container type.
const list = z.array(z.unknown(), { error: 'must be a list' })
const derivedSections = z.object({
  phases: list,
  cards: z.object({ actor: list, lever: list, indicator: list, impact: list }, { error: 'must be an object' }),
  links: list,
  compass: z.object({ rounds: list, comparisons: list }, { error: 'must be an object' }),
  votes: z.object({ rounds: list }, { error: 'must be an object' }),
  notes: list,
})
const header = z.object({
  exportedAt: z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date' }),
  participantCount: z
    .number({ error: 'must be a number' })
    .int('must be a whole number')
    .min(0, 'must not be negative'),
})
const boardContainer = z.object(
  { schema: z.unknown(), records: z.unknown() },
  { error: 'must be an object with schema and records' },
)

/** Checks an export document and returns what to restore, or why not. */
export function parseImport(json: unknown): ImportResult {
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    return refuse('import must be a JSON object', [`got ${kindOf(json)}, expected an export document`])
  }
  const doc = json as Record<string, unknown>
  if (doc.format !== EXPORT_FORMAT) {
    const found = doc.format === undefined ? 'missing' : `${JSON.stringify(doc.format)} is not "${EXPORT_FORMAT}"`
    return refuse(`not a ${EXPORT_FORMAT} export`, [`format: ${found}`])
  }
  const missing = EXPORT_SECTIONS.filter((key) => !Object.hasOwn(doc, key))
  if (missing.length > 0)
    return refuse(
      `export is missing sections: ${missing.join(', ')}`,
      missing.map((key) => `${key}: missing`),
    )

  const details: string[] = []
  const head = header.safeParse(doc)
  if (!head.success) details.push(...issueLines('', head.error))
  const derived = derivedSections.safeParse(doc)
  if (!derived.success) details.push(...issueLines('', derived.error))
  const workshop = exportWorkshopSchema.safeParse(doc.workshop)
  if (!workshop.success) details.push(...issueLines('workshop', workshop.error))

  const init: SectionInit = workshop.success ? workshop.data : {}
  const control = controlStateSchema(init).safeParse(doc.control)
  if (!control.success) details.push(...issueLines('control', control.error))

  const container = boardContainer.safeParse(doc.board)
  if (!container.success) details.push(...issueLines('board', container.error))
  const board = container.success ? checkBoardRecords(container.data.records, container.data.schema) : undefined
  if (board && !board.ok) details.push(...board.details)

  if (details.length > 0 || !head.success || !workshop.success || !control.success || !board?.ok) {
    return refuse(`invalid import: ${details.length} problem${details.length === 1 ? '' : 's'}`, details)
  }
  return {
    ok: true,
    value: {
      workshop: {
        title: workshop.data.title,
        coalition: workshop.data.coalition,
        locale: workshop.data.locale,
        template: workshop.data.template,
        createdAt: Date.parse(workshop.data.createdAt),
      },
      participantCount: head.data.participantCount,
      exportedAt: Date.parse(head.data.exportedAt),
      board: { schema: board.schema, records: board.records },
      // The workshop's name is `workshop`; the meta section mirrors it (the server keeps
      // the workshops table and this section in step), so a hand-edited title wins.
      // The copy keeps the original's time zone (older documents have none: Europe/Paris).
      control: {
        ...control.data,
        meta: {
          title: workshop.data.title,
          coalition: workshop.data.coalition,
          ...withTimeZone(restoredTimeZone(workshop.data.timeZone, control.data.meta.timeZone)),
        },
      },
    },
  }
}

/** The document's `workshop.timeZone` when a hand edit made it differ from the control state's, else the control state's as it is. */
function restoredTimeZone(stated: string | undefined, stored: string | undefined): string | undefined {
  return stated !== undefined && stated !== (stored ?? DEFAULT_TIME_ZONE) ? stated : stored
}

function withTimeZone(timeZone: string | undefined): { timeZone?: string } {
  return timeZone ? { timeZone } : {}
}
