import { isCardType, mainTextField } from '../cards/cardTypes'
import { buildTemplateRecords } from '../templates/templates'
import { richTextToPlain } from '../templates/records'
import { LOCALES, type Locale, type TemplateId } from '../workshop'
import { asShape, placeOf, UNNAMED_FRAME, type BoardShape, type ShapePlace } from '../outline/shapes'

export { byReadingOrder, type BoardShape, type ShapePlace } from '../outline/shapes'

/**
 * The board's shapes as the export reads them: where each sits (page position, frames
 * around it), what it says, and whether the template wrote it. Lenient like the outline:
 * an odd record is skipped, never a reason for the export to fail.
 */

/** What a shape says: a card's main text, a frame's name, or its rich text (label, note, text). */
export function shapeText(shape: BoardShape): string {
  if (isCardType(shape.type)) {
    const value = shape.props[mainTextField(shape.type)]
    return typeof value === 'string' ? value.trim() : ''
  }
  if (shape.type === 'frame') return typeof shape.props.name === 'string' ? shape.props.name.trim() : ''
  return richTextToPlain(shape.props.richText).trim()
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
    placeOf: (shape) => placeOf(shapes, shape),
    frameName: (frame) => shapeText(frame) || UNNAMED_FRAME[locale],
    isFromTemplate(shape) {
      scaffolding ??= templateTexts(template)
      return scaffolding.get(shape.id)?.has(shapeText(shape)) ?? false
    },
  }
}
