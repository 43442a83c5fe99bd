/**
 * Plain tldraw records for the unit tests (used only by `*.test.ts` files and test
 * helpers): a shape as the board stores one, and the binding that ties an arrow's end to a
 * shape. Complete, so tldraw's validators and the server's record guards accept them.
 */

/** Where a shape stands: on the default page at its origin, index `a1`, unless told. */
export interface ShapeAt {
  parentId?: string
  x?: number
  y?: number
  index?: string
}

export function shapeRecord(id: string, type: string, at: ShapeAt, props: object) {
  return {
    id,
    typeName: 'shape',
    type,
    x: at.x ?? 0,
    y: at.y ?? 0,
    rotation: 0,
    index: at.index ?? 'a1',
    parentId: at.parentId ?? 'page:page',
    isLocked: false,
    opacity: 1,
    props,
    meta: {},
  }
}

/** The binding of the arrow `shape:<arrowId>`'s `terminal` end to the shape `toId`. */
export function arrowBinding(arrowId: string, terminal: 'start' | 'end', toId: string) {
  return {
    id: `binding:${arrowId}-${terminal}`,
    typeName: 'binding',
    type: 'arrow',
    fromId: `shape:${arrowId}`,
    toId,
    props: { terminal, normalizedAnchor: { x: 0.5, y: 0.5 }, isExact: false, isPrecise: false, snap: 'none' },
    meta: {},
  }
}
