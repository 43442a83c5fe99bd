import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { cardLabel } from './voteScope'

export interface RoundCard {
  id: string
  /** Its text, or '' when it has none. */
  label: string
  /** False once the card was deleted from the board. */
  exists: boolean
}

/** The cards of a round as the board shows them now (their text follows edits live). */
export function useRoundCards(cardIds: readonly string[]): RoundCard[] {
  const editor = useEditor()
  return useValue(
    'round cards',
    () =>
      cardIds.map((id) => {
        const shape = editor.getShape(id as TLShapeId)
        return { id, label: cardLabel(shape), exists: shape !== undefined }
      }),
    [editor, cardIds],
  )
}
