import type { BoardFeature } from '../boardFeature'
import { PhaseRanking } from './PhaseRanking'
import { VoteDots } from './VoteDots'
import { VotesPanel } from './VotesPanel'

/**
 * Dot voting: the open round's panel for everyone, the dots on the cards, and the latest
 * revealed ranking drawn in the vote phase's frame (« Priorisation »). The
 * facilitator starts and closes rounds from the facilitation panel (VoteRoundControls).
 * Listed right after facilitation, so the panels and overlays keep their order.
 */
export const votesFeature: BoardFeature = {
  id: 'votes',
  Panel: VotesPanel,
  InFrontOfTheCanvas: VoteDots,
  OnTheCanvas: PhaseRanking,
}
