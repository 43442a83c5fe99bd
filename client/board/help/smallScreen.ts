/**
 * Phones: below this width the side panels are folded away behind one « Panneaux » button
 * (`client/styles/responsive.css` uses the same width).
 */
export const SMALL_SCREEN_QUERY = '(max-width: 640px)'

export function isSmallScreen(): boolean {
  return typeof matchMedia === 'function' && matchMedia(SMALL_SCREEN_QUERY).matches
}

/**
 * How many rounds ask for everyone's input right now (open compass rounds, open votes):
 * when it grows, the folded panels unfold, since that is the moment to score or vote.
 */
export function openRoundCount(compass: { rounds: readonly { open: boolean }[] } | undefined, votes: { rounds: readonly { open: boolean }[] } | undefined): number {
  const open = (rounds: readonly { open: boolean }[] | undefined) => (rounds ?? []).filter((r) => r.open).length
  return open(compass?.rounds) + open(votes?.rounds)
}
