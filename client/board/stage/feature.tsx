import type { BoardFeature } from '../boardFeature'
import { StageLayer } from './StageLayer'

/** The results stage: compass rounds, comparisons and vote rankings full screen, for everyone. Adds no shapes or tools. */
export const stageFeature: BoardFeature = {
  id: 'stage',
  InFrontOfTheCanvas: StageLayer,
}
