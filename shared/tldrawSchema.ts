import * as tldrawSchemaPackage from '@tldraw/tlschema'
import type { TLSchema } from '@tldraw/tlschema'
import { boardSchemaOf } from './boardSchemaOf'

/**
 * The board's tldraw schema (`boardSchemaOf.ts`: tldraw's shapes and bindings, our cards and
 * compass) with `@tldraw/tlschema` imported: the client's tests, the import checks
 * (`export/boardRecords.ts`, run in the server's import worker) and the tests. The server's
 * own thread builds it from the same `boardSchemaOf` with the package loaded when its first
 * room opens (`server/sync/boardSchema.ts`).
 */

let schema: TLSchema | null = null

/** The board's tldraw schema (built once, on first use). */
export function boardSchema(): TLSchema {
  schema ??= boardSchemaOf(tldrawSchemaPackage)
  return schema
}

/** What the server writes to `tl_meta.schema`. */
export function serializedBoardSchema(): ReturnType<TLSchema['serialize']> {
  return boardSchema().serialize()
}
