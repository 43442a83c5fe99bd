import { createTLSchema, defaultBindingSchemas, defaultShapeSchemas, type TLSchema } from '@tldraw/tlschema'
import { cardShapeProps, CARD_TYPES } from './cards'
import { compassShapeProps, COMPASS_SHAPE_TYPE } from './compass/compassShape'

/**
 * The tldraw schema of our board, built without the editor: tldraw's default shapes and
 * bindings plus our own shapes, with the same props validators the client's `ShapeUtil`s
 * declare (`static props = cardShapeProps.actor`…). The server validates every record with
 * it and writes its serialization to `tl_meta.schema` (clients never do); the client's
 * store schema serializes to the same value (`client/board/boardSchema.test.ts` checks
 * it), so a record the server accepts is one the client's store accepts.
 *
 * A custom shape that gets migrations must declare them here too (`{ props, migrations }`).
 */
function buildBoardSchema(): TLSchema {
  const custom: Record<string, { props: Record<string, { validate(value: unknown): unknown }> }> = {
    [COMPASS_SHAPE_TYPE]: { props: compassShapeProps },
  }
  for (const type of CARD_TYPES) custom[type] = { props: cardShapeProps[type] }
  return createTLSchema({ shapes: { ...defaultShapeSchemas, ...custom }, bindings: defaultBindingSchemas })
}

let schema: TLSchema | null = null

/** The board's tldraw schema (built once, on first use). */
export function boardSchema(): TLSchema {
  schema ??= buildBoardSchema()
  return schema
}

/** What the server writes to `tl_meta.schema`. */
export function serializedBoardSchema(): ReturnType<TLSchema['serialize']> {
  return boardSchema().serialize()
}
