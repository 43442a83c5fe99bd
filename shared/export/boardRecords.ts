import type { TLRecord, TLSchema } from '@tldraw/tlschema'
import { z } from 'zod'
import { cardPropsSchemas, isCardType } from '../cards/cardTypes'
import type { BoardRecordLike } from '../cards/links'
import { DOCUMENT_RECORD_TYPES, isDocumentRecordType } from '../board'
import { boardSchema } from '../tldrawSchema'

/**
 * Checks and migrates the records of an imported board, so that what reaches the Y.Doc is
 * what tldraw itself would accept: our card rules with our messages, tldraw's own
 * validators for everything else, and tldraw's migrations for boards saved by an older
 * version. Every message says where: `board.records[12] (shape:abc) props.power: …`.
 */

/** Records in one import: a workshop board is a few thousand; this bounds the work. */
export const MAX_IMPORT_RECORDS = 50_000

type SerializedSchema = Parameters<TLSchema['migrateStoreSnapshot']>[0]['schema']

export type BoardRecordsResult =
  { ok: true; records: BoardRecordLike[]; schema: unknown } | { ok: false; details: string[] }

const head = z.object({ id: z.string().min(1), typeName: z.string().min(1) })
const serializedSchema = z.union([
  z.object({ schemaVersion: z.literal(2), sequences: z.record(z.string(), z.number().int().min(0)) }),
  z.object({
    schemaVersion: z.literal(1),
    storeVersion: z.number(),
    recordVersions: z.record(
      z.string(),
      z.union([
        z.object({ version: z.number(), subTypeKey: z.string(), subTypeVersions: z.record(z.string(), z.number()) }),
        z.object({ version: z.number() }),
      ]),
    ),
  }),
])

const at = (i: number, id?: string) => `board.records[${i}]${id ? ` (${id})` : ''}`
const pathText = (path: readonly PropertyKey[]) =>
  path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('')

/** Ids, type names, prefixes, duplicates: what must hold before anything else can be read. */
function checkHeads(records: readonly unknown[]): string[] {
  const details: string[] = []
  const firstIndex = new Map<string, number>()
  records.forEach((record, i) => {
    const parsed = head.safeParse(record)
    if (!parsed.success || Array.isArray(record)) {
      details.push(`${at(i)}: must be an object with a string id and typeName`)
      return
    }
    const { id, typeName } = parsed.data
    if (!isDocumentRecordType(typeName)) {
      details.push(`${at(i, id)} typeName: ${typeName} is not a board record (${DOCUMENT_RECORD_TYPES.join(', ')})`)
    } else if (!id.startsWith(`${typeName}:`) || id.length === typeName.length + 1) {
      details.push(`${at(i, id)} id: a ${typeName} id must start with "${typeName}:"`)
    }
    const first = firstIndex.get(id)
    if (first !== undefined) details.push(`${at(i, id)} id: duplicate id, first at ${at(first)}`)
    else firstIndex.set(id, i)
  })
  return details
}

/** Migrates records written under `persisted` to the current schema; the schema they then follow. */
function migrate(
  records: BoardRecordLike[],
  persisted: unknown,
): { records: BoardRecordLike[]; schema: unknown } | { details: string[] } {
  if (persisted === null || persisted === undefined) return { records, schema: null }
  const parsed = serializedSchema.safeParse(persisted)
  if (!parsed.success)
    return { details: ['board.schema: must be null or a tldraw serialized schema ({ schemaVersion, sequences })'] }
  // The room's own schema (`shared/tldrawSchema.ts`): what is imported is judged as the room judges an edit.
  const schema = boardSchema()
  const current = schema.serialize().sequences
  const known: SerializedSchema = structuredClone(parsed.data)
  if (known.schemaVersion === 2) {
    for (const [sequence, version] of Object.entries(known.sequences)) {
      if (sequence in current && version > current[sequence]) {
        return {
          details: [
            `board.schema: ${sequence} is at version ${version}, newer than this server knows (${current[sequence]}): the board was saved by a newer version`,
          ],
        }
      }
    }
  }
  const steps = schema.getMigrationsSince(known)
  if (!steps.ok) return { details: [`board.schema: cannot migrate from this schema (${steps.error})`] }
  if (steps.value.length === 0) return { records, schema: persisted }

  const store = Object.fromEntries(records.map((record) => [record.id, record])) as unknown as Record<string, TLRecord>
  const result = schema.migrateStoreSnapshot({ schema: known, store: store as never })
  if (result.type === 'error') {
    // Find the record that failed, to say where.
    const details = records.flatMap((record, i) => {
      const one = schema.migratePersistedRecord(record as unknown as TLRecord, known)
      return one.type === 'error'
        ? [`${at(i, record.id)}: cannot be migrated from its saved version (${one.reason})`]
        : []
    })
    return { details: details.length > 0 ? details : [`board.schema: the board cannot be migrated (${result.reason})`] }
  }
  const migrated = records.map(
    (record) => result.value[record.id as keyof typeof result.value] as unknown as BoardRecordLike,
  )
  return { records: migrated, schema: { schemaVersion: 2, sequences: current } }
}

/**
 * tldraw says "At shape(type = note).props.richText: Expected object, got a number"; we
 * say " props.richText: Expected object, got a number", like our own card messages.
 */
function tldrawIssue(message: string): string {
  const match = /^At [A-Za-z_]+(?:\([^)]*\))?((?:\.[^.:\s]+|\[\d+\])*): ([\s\S]*)$/.exec(message)
  if (!match) return `: ${message}`
  const path = match[1].replace(/^\./, '')
  return `${path ? ` ${path}` : ''}: ${match[2]}`
}

function validateRecord(record: BoardRecordLike, i: number): string[] {
  const schema = boardSchema()
  const where = at(i, record.id)
  if (record.typeName === 'shape' && isCardType(record.type)) {
    // Our own messages for cards (tldraw's validators say the same in its words).
    const props = cardPropsSchemas[record.type].safeParse(record.props)
    if (!props.success)
      return props.error.issues.map((issue) => `${where} props${pathText(issue.path)}: ${issue.message}`)
  }
  try {
    schema.types[record.typeName as TLRecord['typeName']].validate(record)
    return []
  } catch (error) {
    return [`${where}${tldrawIssue(error instanceof Error ? error.message : String(error))}`]
  }
}

/** Parents and binding ends must exist, and parent chains must end at a page. */
function checkReferences(records: readonly BoardRecordLike[]): string[] {
  const byId = new Map(records.map((record) => [record.id, record]))
  const details: string[] = []
  records.forEach((record, i) => {
    if (record.typeName === 'shape' && typeof record.parentId === 'string') {
      const parentId = record.parentId
      const parent = byId.get(parentId)
      if (!parent || (parent.typeName !== 'page' && parent.typeName !== 'shape')) {
        details.push(`${at(i, record.id)} parentId: ${parentId} points nowhere`)
        return
      }
      const seen = new Set([record.id])
      for (let p: BoardRecordLike | undefined = parent; p?.typeName === 'shape'; p = byId.get(p.parentId as string)) {
        if (seen.has(p.id)) {
          details.push(`${at(i, record.id)} parentId: the parent chain loops back to ${p.id}`)
          break
        }
        seen.add(p.id)
      }
    } else if (record.typeName === 'binding') {
      for (const end of ['fromId', 'toId'] as const) {
        if (typeof record[end] === 'string' && byId.get(record[end])?.typeName !== 'shape')
          details.push(`${at(i, record.id)} ${end}: ${String(record[end])} points nowhere`)
      }
    }
  })
  return details
}

/**
 * Checks the records of an imported board and migrates them to the current tldraw schema.
 * `schema` is the serialized schema they were saved with (null: the current one).
 */
export function checkBoardRecords(records: unknown, schema: unknown): BoardRecordsResult {
  if (!Array.isArray(records)) return { ok: false, details: ['board.records: must be a list of records'] }
  if (records.length > MAX_IMPORT_RECORDS) {
    return {
      ok: false,
      details: [`board.records: ${records.length} records, more than the ${MAX_IMPORT_RECORDS} an import accepts`],
    }
  }
  const headDetails = checkHeads(records)
  if (headDetails.length > 0) return { ok: false, details: headDetails }
  const migrated = migrate(records as BoardRecordLike[], schema)
  if ('details' in migrated) return { ok: false, details: migrated.details }
  const details = migrated.records.flatMap((record, i) => validateRecord(record, i))
  details.push(...checkReferences(migrated.records))
  return details.length > 0 ? { ok: false, details } : { ok: true, records: migrated.records, schema: migrated.schema }
}
