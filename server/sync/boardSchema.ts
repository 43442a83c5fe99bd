import type { TLSchema } from '@tldraw/tlschema'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { boardSchemaOf, type TldrawSchemaPackage } from '../../shared/boardSchemaOf'

/**
 * The board's tldraw schema (`shared/boardSchemaOf.ts`) for the server, with
 * `@tldraw/tlschema` — and tldraw's store, state, utils and validate packages under it —
 * loaded when it is first needed (the first room that opens) rather than at start: an idle
 * server does not hold them. Loaded synchronously, so the guards stay synchronous: `require`
 * of the package's ES module, the very instance an `import` of it gets (one tldraw in the
 * process, as the export code imports it too).
 */

let schema: TLSchema | null = null

/** The board's tldraw schema (built once, on first use). */
export function boardSchema(): TLSchema {
  if (schema) return schema
  const esm = fileURLToPath(import.meta.resolve('@tldraw/tlschema'))
  schema = boardSchemaOf(createRequire(import.meta.url)(esm) as TldrawSchemaPackage)
  return schema
}
