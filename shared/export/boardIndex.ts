import { isCardType, mainTextField } from '../cards/cardTypes'
import { buildTemplateRecords } from '../templates/templates'
import { richTextToPlain } from '../templates/records'
import { LOCALES, type Locale, type TemplateId } from '../workshop'

/**
 * The board's shapes as the export reads them: where each sits (page position, frames
 * around it), what it says, and whether the template wrote it. Lenient like the outline:
 * an odd record is skipped, never a reason for the export to fail.
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

const UNNAMED_FRAME: Record<Locale, string> = { fr: 'Cadre sans nom', en: 'Unnamed frame' }

function asShape(record: unknown): BoardShape | undefined {
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

/** What a shape says: a card's main text, a frame's name, or its rich text (label, note, text). */
export function shapeText(shape: BoardShape): string {
  if (isCardType(shape.type)) {
    const value = shape.props[mainTextField(shape.type)]
    return typeof value === 'string' ? value.trim() : ''
  }
  if (shape.type === 'frame') return typeof shape.props.name === 'string' ? shape.props.name.trim() : ''
  return richTextToPlain(shape.props.richText).trim()
}

/** Reading order: top to bottom, then left to right, then id so ties are stable. */
export function byReadingOrder(a: { x: number; y: number; id: string }, b: { x: number; y: number; id: string }): number {
  return a.y - b.y || a.x - b.x || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/**
 * The texts a template writes, by shape id, in both languages: a shape still saying
 * exactly that is scaffolding (instructions, lane titles), not something people wrote.
 * Templates are deterministic (same ids every time), which is what makes this possible.
 */
function templateTexts(template: TemplateId): Map<string, Set<string>> {
  const texts = new Map<string, Set<string>>()
  for (const locale of LOCALES) {
    for (const record of buildTemplateRecords(template, locale)) {
      const shape = asShape(record)
      if (!shape) continue
      const set = texts.get(shape.id) ?? new Set<string>()
      set.add(shapeText(shape))
      texts.set(shape.id, set)
    }
  }
  return texts
}

export interface BoardIndex {
  shapes: ReadonlyMap<string, BoardShape>
  placeOf(shape: BoardShape): ShapePlace
  /** A frame's name, or « Cadre sans nom » / "Unnamed frame". */
  frameName(frame: BoardShape): string
  isFromTemplate(shape: BoardShape): boolean
}

/** Indexes the shapes of a board (records in any order). */
export function indexBoard(records: readonly unknown[], locale: Locale, template: TemplateId): BoardIndex {
  const shapes = new Map<string, BoardShape>()
  for (const record of records) {
    const shape = asShape(record)
    if (shape) shapes.set(shape.id, shape)
  }
  let scaffolding: Map<string, Set<string>> | undefined
  return {
    shapes,
    // The visited set guards against a parent cycle in corrupt data.
    placeOf(shape) {
      let { x, y } = shape
      const frames: BoardShape[] = []
      const visited = new Set([shape.id])
      for (let parent = shapes.get(shape.parentId); parent && !visited.has(parent.id); parent = shapes.get(parent.parentId)) {
        visited.add(parent.id)
        x += parent.x
        y += parent.y
        if (parent.type === 'frame') frames.unshift(parent)
      }
      return { x, y, frames }
    },
    frameName: (frame) => shapeText(frame) || UNNAMED_FRAME[locale],
    isFromTemplate(shape) {
      scaffolding ??= templateTexts(template)
      return scaffolding.get(shape.id)?.has(shapeText(shape)) ?? false
    },
  }
}
