import type { Editor, TLShape } from 'tldraw'
import type { ActionStatus } from '../../../shared/cards'
import { statusOfRole, TEMPLATE_ROLE_KEY } from '../../../shared/templates'

/**
 * The roadmap's lanes carry a status (`lane:actions:doing`): an action placed in a lane, or
 * moved into another, takes that lane's status. Moving a card across the roadmap is how a
 * group updates it, so unlike a sphere the status follows every move. Only this person's
 * own changes trigger it (source `user`), so peers never race to write it.
 */
function laneStatus(editor: Editor, shape: TLShape): ActionStatus | null {
  let parent = editor.getShape(shape.parentId as TLShape['id'])
  while (parent) {
    const status =
      parent.type === 'frame' ? statusOfRole((parent.meta as Record<string, unknown>)[TEMPLATE_ROLE_KEY]) : null
    if (status) return status
    parent = editor.getShape(parent.parentId as TLShape['id'])
  }
  return null
}

function applyStatus(editor: Editor, shape: TLShape): void {
  if (shape.type !== 'action') return
  const status = laneStatus(editor, shape)
  if (status && (shape.props as { status?: unknown }).status !== status) {
    editor.updateShape({ id: shape.id, type: 'action', props: { status } })
  }
}

/** Registers the store side effects; returns their clean-up. */
export function applyActionLaneStatus(editor: Editor): () => void {
  const offCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
    if (source === 'user') applyStatus(editor, shape)
  })
  const offChange = editor.sideEffects.registerAfterChangeHandler('shape', (prev, next, source) => {
    if (source === 'user' && prev.parentId !== next.parentId) applyStatus(editor, next)
  })
  return () => {
    offCreate()
    offChange()
  }
}
