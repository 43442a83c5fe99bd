import { asShape, byReadingOrder, UNNAMED_FRAME, type BoardShape } from '../../shared/outline/shapes'
import type { Locale } from '../../shared/workshop'

/**
 * The frames the printed report gives a page each: the board's top-level frames (the
 * agenda's zones: « Cadrage », « Acteurs »…), in reading order. A whole board shrunk onto
 * one sheet is unreadable at print size; a frame at a time, on a landscape page, is read
 * like the board at the zoom people worked at. Frames inside frames stay in their parent's
 * page. Rotated frames are rare on a workshop board: their page shows the unrotated box.
 */

export interface ReportFrame {
  id: string
  name: string
  bounds: { x: number; y: number; w: number; h: number }
}

const positive = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0)

export function reportFrames(records: readonly unknown[], locale: Locale): ReportFrame[] {
  const shapes: BoardShape[] = []
  for (const record of records) {
    const shape = asShape(record)
    if (shape) shapes.push(shape)
  }
  return shapes
    .filter((shape) => shape.type === 'frame' && shape.parentId.startsWith('page:'))
    .map((frame) => ({ frame, w: positive(frame.props.w), h: positive(frame.props.h) }))
    .filter(({ w, h }) => w > 0 && h > 0)
    .sort((a, b) => byReadingOrder(a.frame, b.frame))
    .map(({ frame, w, h }) => {
      const name = typeof frame.props.name === 'string' ? frame.props.name.trim() : ''
      return { id: frame.id, name: name || UNNAMED_FRAME[locale], bounds: { x: frame.x, y: frame.y, w, h } }
    })
}
