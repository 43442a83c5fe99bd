import type { SerializedSchema, TLRecord, TLStore } from 'tldraw'
import { isDocumentRecordType } from '../../../shared/board'

/** The result of checking a record read from the doc before it enters the store. */
export type RecordCheck = { ok: true; record: TLRecord } | { ok: false; key: string; reason: string }

/**
 * How the schema written in the doc (`tl_meta.schema`) relates to ours:
 * - `same`: records can be used as they are;
 * - `older`: records need migrating up (an older client wrote them);
 * - `newer`: a newer client wrote them; we cannot read them reliably and must not write.
 */
export type SchemaRelation = 'same' | 'older' | 'newer'

/** Compares the doc's schema with ours (a missing schema counts as ours: a fresh board). */
export function schemaRelation(ours: TLStore['schema'], theirs: SerializedSchema | null): SchemaRelation {
  if (!theirs) return 'same'
  const migrations = ours.getMigrationsSince(theirs)
  if (!migrations.ok) return 'newer'
  return migrations.value.length === 0 ? 'same' : 'older'
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Checks one record read from the doc: it must be a document record stored under its own id,
 * migrate from the doc's schema to ours, and pass tldraw's validators. A failure names the key
 * and the reason so the binding can skip it, warn, and carry on with the rest.
 */
export function checkRemoteRecord(
  schema: TLStore['schema'],
  key: string,
  value: unknown,
  persisted: SerializedSchema | null,
  relation: SchemaRelation,
): RecordCheck {
  if (!isObject(value)) return { ok: false, key, reason: 'not an object' }
  if (value.id !== key) return { ok: false, key, reason: `id ${String(value.id)} stored under another key` }
  if (typeof value.typeName !== 'string' || !isDocumentRecordType(value.typeName)) {
    return { ok: false, key, reason: `type ${String(value.typeName)} does not belong in the document` }
  }
  let record = value as unknown as TLRecord
  if (relation === 'older' && persisted) {
    const migrated = schema.migratePersistedRecord(record, persisted, 'up')
    if (migrated.type === 'error') return { ok: false, key, reason: `migration failed: ${migrated.reason}` }
    record = migrated.value
  }
  const recordType = (schema.types as Record<string, { validate(r: unknown): TLRecord } | undefined>)[record.typeName]
  if (!recordType) return { ok: false, key, reason: `unknown record type ${record.typeName}` }
  try {
    return { ok: true, record: recordType.validate(record) }
  } catch (error) {
    return { ok: false, key, reason: error instanceof Error ? error.message : String(error) }
  }
}

/** Reads `tl_meta.schema` defensively: anything that is not a serialized schema counts as absent. */
export function readPersistedSchema(value: unknown): SerializedSchema | null {
  if (!isObject(value)) return null
  if (typeof value.schemaVersion !== 'number') return null
  return value as unknown as SerializedSchema
}
