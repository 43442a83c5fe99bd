import { useSyncExternalStore } from 'react'
import { NARROW_QUERY } from './panelLayout'

function subscribeNarrow(onChange: () => void): () => void {
  const query = matchMedia(NARROW_QUERY)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

/**
 * Whether the window is narrow (a phone, a small tablet), live: the side column becomes a
 * drawer and the card bar folds into one button, so neither covers the cards people tap.
 */
export function useNarrow(): boolean {
  return useSyncExternalStore(subscribeNarrow, () => matchMedia(NARROW_QUERY).matches)
}
