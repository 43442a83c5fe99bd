import { createShapeId, maybeSnapToGrid, StateNode, Vec, type TLPointerEventInfo, type TLStateNodeConstructor } from 'tldraw'
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
    const { editor } = this
    const type = this.parent.id as CardType
    const id = createShapeId()
    editor.markHistoryStoppingPoint(`creating_card:${id}`)
    const centre = editor.inputs.getOriginPagePoint().clone()
    editor.createShape({ id, type, x: centre.x, y: centre.y })
    const created = editor.getShape<CardShape>(id)
    if (!created) {
      // Refused (read-only board, too many shapes): nothing to edit.
      this.parent.transition('idle')
      return
    }
    // Created with its top-left at the pointer (in its parent's space, which may be a
    // frame it landed in); centre it on the pointer, as tldraw does for notes.
    const corner = maybeSnapToGrid(new Vec(created.x - created.props.w / 2, created.y - created.props.h / 2), editor)
    editor.updateShape({ id, type, x: corner.x, y: corner.y })
    editor.select(id)
    if (editor.getInstanceState().isToolLocked) {
      this.parent.transition('idle')
      return
    }
    const shape = editor.getShape<CardShape>(id)!
    editor.setEditingShape(shape)
    editor.setCurrentTool('select.editing_shape', { target: 'shape', shape })
  }
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
