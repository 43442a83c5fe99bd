import { createContext, useCallback, useContext, useSyncExternalStore } from 'react'
import type * as Y from 'yjs'
import { cardTextsRoot, fieldText } from '../../../shared/cardText/cardTexts'

/** The board document, for inputs bound to cards' shared texts; provided by `BoardPage`. */
export const CardTextContext = createContext<Y.Doc | null>(null)

/**
 * The shared text of a card's field, live: undefined while the card has none (a card from
 * before, until the server gives it its texts), then that Y.Text for as long as it exists.
 */
export function useFieldText(cardId: string, field: string): Y.Text | undefined {
  const doc = useContext(CardTextContext)
  const subscribe = useCallback(
    (onChange: () => void) => {
      if (!doc) return () => {}
      const root = cardTextsRoot(doc)
      root.observeDeep(onChange)
      return () => root.unobserveDeep(onChange)
    },
    [doc],
  )
  return useSyncExternalStore(subscribe, () => (doc ? fieldText(doc, cardId, field) : undefined))
}
