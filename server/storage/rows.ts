import type { Versioned } from '../../shared/spaces/space'

/**
 * Row mappings SQLite and PostgreSQL share: where their columns mean the same, one function
 * reads both (the drivers differ only in types: a `bigint` comes back from pg as a string,
 * a boolean from SQLite as 0/1).
 */

/** A `BLOB`/`bytea` column as bytes: each driver hands back a fresh Buffer per row, so a view is enough. */
export function bytesOf(blob: Buffer): Uint8Array {
  return new Uint8Array(blob.buffer, blob.byteOffset, blob.byteLength)
}

/** A JSON document with its version (spaces, coalitions): validated by the API before it was written. */
export function versioned<T>(row: { json: string; version: number | string }): Versioned<T> {
  return { value: JSON.parse(row.json) as T, version: Number(row.version) }
}

/** A stored token (workshop or space): its hash and role. */
export function tokenOf<R extends string>(row: { hash: Buffer; role: string }): { hash: Uint8Array; role: R } {
  return { hash: bytesOf(row.hash), role: row.role as R }
}
