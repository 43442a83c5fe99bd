import type { Editor, TLShapeId } from 'tldraw'
import { cardTitle } from '../../../shared/cards'
import { isCardShape } from './cardShape'

/**
 * The name of the actor card an action is owned by, or undefined when that card is gone or
 * is not an actor (then the action shows the name someone typed). Read from the store, so
 * a rename of the actor shows on its actions.
 */
export function actorName(editor: Editor, id: string): string | undefined {
  const shape = editor.getShape(id as TLShapeId)
  if (!isCardShape(shape) || shape.type !== 'actor') return undefined
  return cardTitle('actor', shape.props as never) || undefined
}

/** Actor cards of the current page, by name, for the owner picker. */
export function actorChoices(editor: Editor): { id: string; name: string }[] {
  return editor
    .getCurrentPageShapes()
    .filter((shape) => shape.type === 'actor')
    .map((shape) => ({ id: shape.id as string, name: cardTitle('actor', shape.props as never) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
}
