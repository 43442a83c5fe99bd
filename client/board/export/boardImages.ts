import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { dayIn, exportFileName } from '../../../shared/export/fileName'

/**
 * PNG and SVG of the board through tldraw's own export (`editor.toImage`), so every shape
 * renders as on screen: our cards through their `toSvg`. Three scopes: the whole page, one
 * frame (with what it holds), or the current selection.
 */

export type ImageFormat = 'png' | 'svg'
export type ImageScope = { kind: 'page' } | { kind: 'selection' } | { kind: 'frame'; frameId: TLShapeId }

/** A frame to offer in the list: its id and the name people gave it. */
export interface FrameChoice {
  id: TLShapeId
  name: string
}

function frameName(shape: TLShape): string {
  const name = (shape.props as { name?: unknown }).name
  return typeof name === 'string' ? name.trim() : ''
}

/** The page's frames in reading order (top to bottom, then left to right). */
export function frameChoices(editor: Editor): FrameChoice[] {
  return editor
    .getCurrentPageShapes()
    .filter((shape) => shape.type === 'frame')
    .map((shape) => ({ shape, bounds: editor.getShapePageBounds(shape) }))
    .sort((a, b) => (a.bounds?.y ?? 0) - (b.bounds?.y ?? 0) || (a.bounds?.x ?? 0) - (b.bounds?.x ?? 0))
    .map(({ shape }, i) => ({ id: shape.id, name: frameName(shape) || `#${i + 1}` }))
}

/** The shapes a scope exports, and the words its file name ends with; null when empty. */
export function scopeTargets(editor: Editor, scope: ImageScope): { ids: TLShapeId[]; part: string | undefined } | null {
  if (scope.kind === 'page') {
    const ids = [...editor.getCurrentPageShapeIds()]
    return ids.length > 0 ? { ids, part: undefined } : null
  }
  if (scope.kind === 'selection') {
    const ids = editor.getSelectedShapeIds()
    return ids.length > 0 ? { ids: [...ids], part: 'selection' } : null
  }
  const frame = editor.getShape(scope.frameId)
  return frame ? { ids: [frame.id], part: frameName(frame) || 'cadre' } : null
}

/** `YYYY-MM-DD` in the workshop's time zone: the same day as the server's exports. */
function today(timeZone: string): string {
  return dayIn(Date.now(), timeZone)
}

/** The image of a scope with its file name; null when there is nothing to export. */
export async function boardImage(
  editor: Editor,
  scope: ImageScope,
  format: ImageFormat,
  title: string,
  timeZone: string,
): Promise<{ blob: Blob; name: string } | null> {
  const targets = scopeTargets(editor, scope)
  if (!targets) return null
  const { blob } = await editor.toImage(targets.ids, {
    format,
    background: true,
    padding: 'auto',
    // Sharp enough for slides and print without huge files.
    pixelRatio: format === 'png' ? 2 : undefined,
  })
  return { blob, name: exportFileName(title, today(timeZone), format, targets.part) }
}
