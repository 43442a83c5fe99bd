import type { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, TLSchema } from '@tldraw/tlschema'
import { cardShapeProps, CARD_TYPES } from './cards'
import { compassShapeProps, COMPASS_SHAPE_TYPE } from './compass/compassShape'

/** What the board's schema takes from `@tldraw/tlschema` (given, so a server can load the package on first use). */
export interface TldrawSchemaPackage {
  createTLSchema: typeof createTLSchema
  defaultShapeSchemas: typeof defaultShapeSchemas
  defaultBindingSchemas: typeof defaultBindingSchemas
}

/**
 * The tldraw schema of our board, built without the editor: tldraw's default shapes and
 * bindings plus our own shapes, with the same props validators the client's `ShapeUtil`s
 * declare (`static props = cardShapeProps.actor`…). The server validates every record with
 * it and writes its serialization to `tl_meta.schema` (clients never do); the client's
 * store schema serializes to the same value (`client/board/boardSchema.test.ts` checks
 * it), so a record the server accepts is one the client's store accepts.
 *
 * A custom shape that gets migrations must declare them here too (`{ props, migrations }`).
 * `shared/tldrawSchema.ts` builds it with the package imported; the server
 * (`server/sync/boardSchema.ts`) with the package loaded when its first room opens.
 */
export function boardSchemaOf(tl: TldrawSchemaPackage): TLSchema {
  const custom: Record<string, { props: Record<string, { validate(value: unknown): unknown }> }> = {
    [COMPASS_SHAPE_TYPE]: { props: compassShapeProps },
  }
  for (const type of CARD_TYPES) custom[type] = { props: cardShapeProps[type] }
  return tl.createTLSchema({ shapes: { ...tl.defaultShapeSchemas, ...custom }, bindings: tl.defaultBindingSchemas })
}
