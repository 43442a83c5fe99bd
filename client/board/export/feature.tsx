import type { BoardFeature } from '../features'

/** The export feature of the board (filled by its own issue). */
export const exportFeature: BoardFeature = {
  id: 'export',
}
