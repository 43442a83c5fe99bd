import type { Editor, TLShape } from 'tldraw'
import { NOT_SET, type Sphere } from '../../../shared/cards'
import { sphereOfRole, TEMPLATE_ROLE_KEY } from '../../../shared/templates'
import { isCardShape } from './cardShape'

/**
 * Defaults from placement: a card with a sphere field that nobody set takes the sphere of
 * the template frame it lands in (« Leviers — Commande » → commande), when it is created
 * there or moved there later. A sphere someone chose is never overwritten, and outside
 * such a frame the sphere stays unset (shown « non renseigné »), rather than invented.
 * Only this person's own changes trigger it (source `user`), so peers never race.
 */

/** The sphere of the nearest enclosing frame that stands for one, if any. */
export function sphereFromFrames(editor: Editor, shape: TLShape): Sphere | null {
  let parent = editor.getShape(shape.parentId as TLShape['id'])
  while (parent) {
    const sphere =
      parent.type === 'frame' ? sphereOfRole((parent.meta as Record<string, unknown>)[TEMPLATE_ROLE_KEY]) : null
    if (sphere) return sphere
    parent = editor.getShape(parent.parentId as TLShape['id'])
  }
  return null
}

function applySphere(editor: Editor, shape: TLShape): void {
  if (!isCardShape(shape)) return
  const props = shape.props as unknown as Record<string, unknown>
  if (!('sphere' in props) || props.sphere !== NOT_SET) return
  const sphere = sphereFromFrames(editor, shape)
  if (sphere) editor.updateShape({ id: shape.id, type: shape.type, props: { sphere } } as never)
}

/** Registers the store side effects; returns their clean-up. */
export function applyPlacementDefaults(editor: Editor): () => void {
  const offCreate = editor.sideEffects.registerAfterCreateHandler('shape', (shape, source) => {
    if (source === 'user') applySphere(editor, shape)
  })
  const offChange = editor.sideEffects.registerAfterChangeHandler('shape', (prev, next, source) => {
    if (source === 'user' && prev.parentId !== next.parentId) applySphere(editor, next)
  })
  return () => {
    offCreate()
    offChange()
  }
}
