import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { gridPlacementFor, gridValuesAt, type Point, type Rect } from '../../../shared/cards'
import { isPowerInterestGridFrame } from '../../../shared/templates'
import type { CardShape } from './cardShape'

/**
 * The power/interest grid and actor cards: an actor's place on a grid frame and its
 * `power`/`interest` props are one fact seen twice (`shared/cards/grid.ts`). Placing or
 * moving an actor sets the values; setting the values in the panel moves the card to
 * the matching cell. Only this person's own changes trigger it (source `user`): peers
 * receive the result and never recompute, so two screens never correct each other.
 */

function rectOf(editor: Editor, id: TLShapeId): Rect | null {
  const bounds = editor.getShapePageBounds(id)
  return bounds ? { x: bounds.x, y: bounds.y, w: bounds.w, h: bounds.h } : null
}

function contains(rect: Rect, point: Point): boolean {
  return point.x >= rect.x && point.x <= rect.x + rect.w && point.y >= rect.y && point.y <= rect.y + rect.h
}

/** The grid frame (page bounds) under an actor's centre, if any. */
function gridUnder(
  editor: Editor,
  actor: CardShape<'actor'>,
  frames: readonly TLShape[],
): { bounds: Rect; centre: Point } | null {
  const card = rectOf(editor, actor.id)
  if (!card) return null
  const centre = { x: card.x + card.w / 2, y: card.y + card.h / 2 }
  const pageId = editor.getAncestorPageId(actor.id)
  for (const frame of frames) {
    if (!isPowerInterestGridFrame(frame) || editor.getAncestorPageId(frame.id) !== pageId) continue
    const bounds = rectOf(editor, frame.id)
    if (bounds && contains(bounds, centre)) return { bounds, centre }
  }
  return null
}

/** Registers the store side effects; returns their clean-up. */
export function syncGridValues(editor: Editor): () => void {
  // A reactive index query: re-run only when frames change, not on every card drag.
  const frames = editor.store.query.records('shape', () => ({ type: { eq: 'frame' } }))

  const applyPosition = (shape: TLShape) => {
    if (shape.type !== 'actor') return
    const actor = shape as CardShape<'actor'>
    const grid = gridUnder(editor, actor, frames.get())
    if (!grid) return
    const values = gridValuesAt(grid.bounds, grid.centre)
    if (values.power === actor.props.power && values.interest === actor.props.interest) return
    editor.updateShape({ id: actor.id, type: 'actor', props: values })
  }

  const offCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
    if (source === 'user') applyPosition(shape)
  })
  const offChange = editor.sideEffects.registerAfterChangeHandler('shape', (prev, next, source) => {
    if (source !== 'user' || next.type !== 'actor') return
    if (prev.x === next.x && prev.y === next.y && prev.parentId === next.parentId) return
    applyPosition(next)
  })
  return () => {
    offCreate()
    offChange()
  }
}

/**
 * After power or interest was set by hand: if the actor sits on a grid, move it to the
 * middle of the cell those values name (which maps back to the same values).
 */
export function placeActorOnGrid(editor: Editor, id: TLShapeId): void {
  const actor = editor.getShape<CardShape<'actor'>>(id)
  if (!actor || actor.type !== 'actor') return
  const frames = editor.getCurrentPageShapes().filter(isPowerInterestGridFrame)
  const grid = gridUnder(editor, actor, frames)
  if (!grid) return
  const { w, h } = actor.props
  const corner = gridPlacementFor(grid.bounds, actor.props, { w, h })
  // The card may live inside a frame: its x/y are in that frame's space.
  const local = editor.getPointInParentSpace(actor.id, corner)
  editor.updateShape({ id: actor.id, type: 'actor', x: local.x, y: local.y })
}
