import { useEffect, useState } from 'react'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useControlPublic } from '../control/useControl'
import { isSmallScreen, openRoundCount, SMALL_SCREEN_QUERY } from './smallScreen'

/** Set on `<html>`: the responsive stylesheet hides the side panels on phones while folded. */
const ATTRIBUTE = 'data-cb-panels'

/**
 * On a phone the right column (presence list and side panels) would cover the board: it
 * starts folded, behind this one button (hidden on wider screens by the stylesheet), and
 * unfolds by itself when a compass round or a vote opens. The presence list, once shown,
 * starts folded to its header there.
 */
export function PanelsToggle() {
  const t = useT()
  const [shown, setShown] = useState(() => !isSmallScreen())
  const compass = useControlPublic('compass')
  const votes = useControlPublic('votes')
  const openRounds = openRoundCount(compass, votes)
  const [seenOpen, setSeenOpen] = useState(openRounds)
  if (openRounds !== seenOpen) {
    setSeenOpen(openRounds)
    if (openRounds > seenOpen) setShown(true)
  }

  useEffect(() => {
    if (isSmallScreen()) useUiStore.getState().setPresenceOpen(false)
  }, [])

  useEffect(() => {
    document.documentElement.setAttribute(ATTRIBUTE, shown ? 'shown' : 'folded')
    return () => document.documentElement.removeAttribute(ATTRIBUTE)
  }, [shown])

  // Turning a tablet to landscape (or widening a window) shows the panels again.
  useEffect(() => {
    const query = matchMedia(SMALL_SCREEN_QUERY)
    const onChange = () => !query.matches && setShown(true)
    query.addEventListener('change', onChange)
    return () => query.removeEventListener('change', onChange)
  }, [])

  return (
    <button
      type="button"
      className="cb-panels-toggle"
      data-testid="panels-toggle"
      aria-expanded={shown}
      onClick={() => setShown(!shown)}
      onPointerDown={(e) => e.stopPropagation()}
    >
      {t('help.panels')}
    </button>
  )
}
