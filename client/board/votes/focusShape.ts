import type { Editor, TLShapeId } from 'tldraw'

/** Selects a shape and brings it into view (from a list entry: a vote's card, a ranking). */
export function focusShape(editor: Editor, id: string): boolean {
  const shape = editor.getShape(id as TLShapeId)
  if (!shape) return false
  const pageId = editor.getAncestorPageId(shape)
  if (editor.getInstanceState().followingUserId) editor.stopFollowingUser()
  if (pageId && pageId !== editor.getCurrentPageId()) editor.setCurrentPage(pageId)
  editor.select(shape.id)
  const bounds = editor.getShapePageBounds(shape)
  if (bounds) editor.zoomToBounds(bounds, { inset: 120, targetZoom: 1, animation: { duration: 300 } })
  return true
}
