import type { VoteRoundView } from '../../../shared/control/votes'

/**
 * The round whose dots show on the cards: the latest open one, else the latest revealed
 * one (its tallies stay on the cards until another round opens), else none.
 */
export function focusedRound(rounds: readonly VoteRoundView[] | undefined): VoteRoundView | undefined {
  if (!rounds) return undefined
  for (let i = rounds.length - 1; i >= 0; i--) if (rounds[i].open) return rounds[i]
  for (let i = rounds.length - 1; i >= 0; i--) if (rounds[i].revealed) return rounds[i]
  return undefined
}

/** Rounds worth showing to participants: open or revealed, latest first. */
export function visibleRounds(rounds: readonly VoteRoundView[] | undefined): VoteRoundView[] {
  return (rounds ?? []).filter((r) => r.open || r.revealed).reverse()
}
