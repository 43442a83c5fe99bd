import type { Editor, TLShapeId } from 'tldraw'
import type { CardType } from '../../../shared/cards'
import { cardHeightFor } from './cardLayout'
import type { CardShape } from './cardShape'

/**
 * Gives a card the height its main text needs now. Typing goes into the card's shared text,
 * which reaches the store as a remote change, so `onBeforeUpdate` does not run: whoever is
 * typing (or has the field open while others type) calls this, and only a height that
 * changed is written.
 */
export function fitCardHeight(editor: Editor, id: TLShapeId): void {
  const shape = editor.getShape(id) as CardShape | undefined
  if (!shape || editor.getIsReadonly()) return
  const h = cardHeightFor(editor, shape.type as CardType, shape.props as unknown as Record<string, unknown>)
  if (h !== shape.props.h) editor.updateShape({ id, type: shape.type, props: { h } })
}
