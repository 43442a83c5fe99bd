import {
  createShapeId,
  maybeSnapToGrid,
  StateNode,
  Vec,
  type Editor,
  type TLPointerEventInfo,
  type TLStateNodeConstructor,
  type VecLike,
} from 'tldraw'
import { CARD_TYPES, type CardType } from '../../../shared/cards'
import type { CardShape } from './cardShape'

/**
 * Card tools: pick one, click on the canvas, and the card appears centred there with its
 * main text in edit mode (as tldraw's note tool does). Escape or a click outside ends
 * editing; the tool then hands over to the select tool unless the tool lock is on.
 */

class Idle extends StateNode {
  static override id = 'idle'

  override onEnter() {
    this.editor.setCursor({ type: 'cross', rotation: 0 })
  }

  override onPointerDown(info: TLPointerEventInfo) {
    this.parent.transition('pointing', info)
  }

  override onCancel() {
    this.editor.setCurrentTool('select')
  }
}

class Pointing extends StateNode {
  static override id = 'pointing'

  override onPointerUp() {
    this.createCard()
  }

  override onCancel() {
    this.parent.transition('idle')
  }

  override onInterrupt() {
    this.parent.transition('idle')
  }

  private createCard() {
    const type = this.parent.id as CardType
    const created = placeCard(this.editor, type, this.editor.inputs.getOriginPagePoint())
    if (!created || this.editor.getInstanceState().isToolLocked) this.parent.transition('idle')
  }
}

/**
 * Creates a card centred on `centre` (page space), selects it and, unless the tool lock is
 * on, opens its main text for typing. Used by the tools (a click on the canvas) and by the
 * card toolbar from the keyboard (the centre of the view), so both paths behave the same.
 * Returns false when the editor refused the shape (read-only board, too many shapes).
 */
export function placeCard(editor: Editor, type: CardType, centre: VecLike): boolean {
  const id = createShapeId()
  editor.markHistoryStoppingPoint(`creating_card:${id}`)
  editor.createShape({ id, type, x: centre.x, y: centre.y })
  const created = editor.getShape<CardShape>(id)
  if (!created) return false
  // Created with its top-left at the point (in its parent's space, which may be a frame it
  // landed in); centre it there, as tldraw does for notes.
  const corner = maybeSnapToGrid(new Vec(created.x - created.props.w / 2, created.y - created.props.h / 2), editor)
  editor.updateShape({ id, type, x: corner.x, y: corner.y })
  editor.select(id)
  if (editor.getInstanceState().isToolLocked) return true
  const shape = editor.getShape<CardShape>(id)!
  editor.setEditingShape(shape)
  editor.setCurrentTool('select.editing_shape', { target: 'shape', shape })
  return true
}

function cardTool(type: CardType): TLStateNodeConstructor {
  return class extends StateNode {
    static override id = type
    static override initial = 'idle'
    static override children(): TLStateNodeConstructor[] {
      return [Idle, Pointing]
    }
    override shapeType = type
  }
}

/** One tool per card type; each tool's id is its card type. */
export const CARD_TOOLS: TLStateNodeConstructor[] = CARD_TYPES.map(cardTool)
