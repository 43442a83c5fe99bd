import type { Editor, TLShape, TLShapeId } from 'tldraw'

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
  editor.zoomToBounds(bounds, { inset: 40, animation: { duration: 400 } })
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
