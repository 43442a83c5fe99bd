import type { Editor, TLShape, TLShapeId } from 'tldraw'
import type { ActionProps, ActorProps, CardType, ImpactProps, IndicatorProps, LeverProps } from '../../../shared/cards'
import { isCardType } from '../../../shared/cards'

// The five cards join tldraw's shape types, so `editor.createShape({ type: 'actor' … })`
// and `TLShape<'actor'>` are typed with the props of `shared/cards` (one source of truth).
declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    actor: ActorProps
    lever: LeverProps
    indicator: IndicatorProps
    impact: ImpactProps
    action: ActionProps
  }
}

/** A card on the board: a tldraw shape whose type is one of `CARD_TYPES`. */
export type CardShape<T extends CardType = CardType> = TLShape<T>

export function isCardShape(shape: TLShape | undefined | null): shape is CardShape {
  return !!shape && isCardType(shape.type)
}

/** The only selected shape if it is a card (the side panel edits it). */
export function selectedCard(editor: Editor): CardShape | null {
  const ids = editor.getSelectedShapeIds()
  if (ids.length !== 1) return null
  const shape = editor.getShape(ids[0])
  return isCardShape(shape) ? shape : null
}

/**
 * Selects a shape and brings it into view without losing the reader's zoom: the camera
 * centres on it, zooming in only when it would be too small to read.
 */
export function revealShape(editor: Editor, id: TLShapeId): void {
  const bounds = editor.getShapePageBounds(id)
  if (!bounds) return
  if (editor.getCurrentPageId() !== editor.getAncestorPageId(id)) {
    const pageId = editor.getAncestorPageId(id)
    if (pageId) editor.setCurrentPage(pageId)
  }
  editor.select(id)
  const zoom = Math.max(editor.getZoomLevel(), 0.6)
  editor.zoomToBounds(bounds, { targetZoom: zoom, animation: { duration: editor.options.animationMediumMs } })
}
