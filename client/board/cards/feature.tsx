import type { BoardFeature } from '../features'

/** The cards feature of the board (filled by its own issue). */
export const cardsFeature: BoardFeature = {
  id: 'cards',
}
