import type { Locale } from '../workshop'

/**
 * A board's shapes read leniently from its records, for the outline and the exports: an odd
 * record is skipped, never a reason to fail. Where a shape sits is its page position and
 * the frames around it.
 */

export interface BoardShape {
  id: string
  type: string
  x: number
  y: number
  parentId: string
  props: Record<string, unknown>
  meta: Record<string, unknown>
}

export interface ShapePlace {
  /** Page position (parents' offsets added; rotation ignored, as reading order only needs rows). */
  x: number
  y: number
  /** Frames around the shape, outermost first. */
  frames: BoardShape[]
}

export const UNNAMED_FRAME: Record<Locale, string> = { fr: 'Cadre sans nom', en: 'Unnamed frame' }

/** The shape in a record, or undefined when the record is not a shape. */
export function asShape(record: unknown): BoardShape | undefined {
  if (!record || typeof record !== 'object') return undefined
  const r = record as Record<string, unknown>
  if (r.typeName !== 'shape' || typeof r.id !== 'string' || typeof r.type !== 'string') return undefined
  const object = (value: unknown) => (value && typeof value === 'object' ? (value as Record<string, unknown>) : {})
  return {
    id: r.id,
    type: r.type,
    x: typeof r.x === 'number' ? r.x : 0,
    y: typeof r.y === 'number' ? r.y : 0,
    parentId: typeof r.parentId === 'string' ? r.parentId : '',
    props: object(r.props),
    meta: object(r.meta),
  }
}

/**
 * Page position and enclosing frames of `shape` among `shapes`. The visited set guards
 * against a parent cycle in corrupt data, which would otherwise loop forever.
 */
export function placeOf(shapes: ReadonlyMap<string, BoardShape>, shape: BoardShape): ShapePlace {
  let { x, y } = shape
  const frames: BoardShape[] = []
  const visited = new Set([shape.id])
  for (
    let parent = shapes.get(shape.parentId);
    parent && !visited.has(parent.id);
    parent = shapes.get(parent.parentId)
  ) {
    visited.add(parent.id)
    x += parent.x
    y += parent.y
    if (parent.type === 'frame') frames.unshift(parent)
  }
  return { x, y, frames }
}

/** Reading order: top to bottom, then left to right, then id so ties are stable. */
export function byReadingOrder(
  a: { x: number; y: number; id: string },
  b: { x: number; y: number; id: string },
): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}
