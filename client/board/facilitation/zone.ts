import { Box, type Editor, type TLShape, type TLShapeId } from 'tldraw'
import { MAIN_FONT } from '../cards/cardLayout'
import { NARROW_QUERY } from '../panelLayout'

/**
 * The lowest zoom a zone is shown at on a narrow screen: where a card's title (17 px on
 * the board) is still 11 px on the screen. A phase's zone is about 2,600 board px wide,
 * so fitting it on a 390 px phone meant 11–13 % and cards as blank blocks; there the view
 * starts at the zone's top-left corner (its name and instructions) and people pan.
 * Wide screens keep the whole zone in view, as a facilitator expects of an overview.
 */
export const READABLE_ZOOM = 11 / MAIN_FONT.size

const INSET = 40

/** Brings the view to a zone: the whole of it, or on a narrow screen its top-left at a readable zoom. */
export function zoomToZone(editor: Editor, bounds: { x: number; y: number; w: number; h: number }): void {
  const box = new Box(bounds.x, bounds.y, bounds.w, bounds.h)
  const viewport = editor.getViewportScreenBounds()
  const fit = Math.min((viewport.w - 2 * INSET) / box.w, (viewport.h - 2 * INSET) / box.h)
  const narrow = typeof matchMedia === 'function' && matchMedia(NARROW_QUERY).matches
  if (!narrow || fit >= READABLE_ZOOM) {
    editor.zoomToBounds(box, { inset: INSET, animation: { duration: 400 } })
    return
  }
  const z = READABLE_ZOOM
  editor.setCamera({ x: -box.x + INSET / z, y: -box.y + INSET / z, z }, { animation: { duration: 400 } })
}

/** A phase's frame if it is on the board (any page). */
export function frameOnBoard(editor: Editor, frameId: string | null): TLShape | undefined {
  return frameId ? editor.getShape(frameId as TLShapeId) : undefined
}

/**
 * « Aller à la zone »: brings this person's view to a frame (its page first), animated
 * unless they prefer reduced motion (tldraw's animation speed follows that preference).
 * Returns false when the frame is not on the board.
 */
export function goToFrame(editor: Editor, frameId: string | null): boolean {
  const frame = frameOnBoard(editor, frameId)
  if (!frame) return false
  const pageId = editor.getAncestorPageId(frame)
  if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
  if (pageId && pageId !== editor.getCurrentPageId()) editor.setCurrentPage(pageId)
  const bounds = editor.getShapePageBounds(frame)
  if (!bounds) return false
  zoomToZone(editor, bounds)
  return true
}

/** A frame's page and bounds, as a summon takes them (null when it is not on the board). */
export function zoneOf(
  editor: Editor,
  frameId: string | null,
): { pageId: string; bounds: { x: number; y: number; w: number; h: number } } | null {
  const frame = frameOnBoard(editor, frameId)
  const pageId = frame && editor.getAncestorPageId(frame)
  const b = frame && editor.getShapePageBounds(frame)
  return pageId && b ? { pageId, bounds: { x: b.x, y: b.y, w: b.w, h: b.h } } : null
}
