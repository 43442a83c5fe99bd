import type { BoardFeature } from '../features'

/** The facilitation feature of the board (filled by its own issue). */
export const facilitationFeature: BoardFeature = {
  id: 'facilitation',
}
