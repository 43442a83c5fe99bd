import type { BoardFeature } from '../features'

/** The compass feature of the board (filled by its own issue). */
export const compassFeature: BoardFeature = {
  id: 'compass',
}
