import { cardsFeature } from './cards/feature'
import { compassFeature } from './compass/feature'
import { exportFeature } from './export/feature'
import { facilitationFeature } from './facilitation/feature'
import { helpFeature } from './help/feature'
import { shareFeature } from './share/feature'
import { sheetFeature } from './sheet/feature'
import { stageFeature } from './stage/feature'
import { votesFeature } from './votes/feature'
import type { BoardFeature } from './boardFeature'

export type { BoardFeature, FeatureContext } from './boardFeature'

/** The board's features, in the order their parts are added (`boardFeature.ts` says what a feature is). */
export const BOARD_FEATURES: readonly BoardFeature[] = [
  cardsFeature,
  compassFeature,
  facilitationFeature,
  votesFeature,
  sheetFeature,
  exportFeature,
  shareFeature,
  stageFeature,
  helpFeature,
]
