import { cardsInScope, type ScopeShape } from '../votes/voteScope'

/**
 * The vote a « Priorisation » phase opens when the facilitator launches it and no vote is
 * open: on the selected cards (a selected frame brings its cards), else on the board's
 * levers and impacts — what a coalition chooses to act on and to aim at — three dots each
 * (the method's 3–5). Pure over plain shapes; null when there is nothing to vote on (the
 * facilitator then starts the vote from the panel, which the launch unfolds).
 */
export const PHASE_VOTE_BUDGET = 3

export function phaseVoteCards(shapes: readonly ScopeShape[], selectedIds: readonly string[]): string[] {
  const selected = cardsInScope(shapes, { kind: 'selection', selectedIds })
  if (selected.length > 0) return selected
  const chosen = new Set(shapes.filter((s) => s.type === 'lever' || s.type === 'impact').map((s) => s.id))
  return cardsInScope(shapes, { kind: 'selection', selectedIds: [...chosen] })
}

export function phaseVote(
  shapes: readonly ScopeShape[],
  selectedIds: readonly string[],
): { cardIds: string[]; budget: number } | null {
  const cardIds = phaseVoteCards(shapes, selectedIds)
  return cardIds.length > 0 ? { cardIds, budget: PHASE_VOTE_BUDGET } : null
}
