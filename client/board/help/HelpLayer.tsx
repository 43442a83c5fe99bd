import { useEffect, useState } from 'react'
import { useActions } from 'tldraw'
import { HelpDialog } from '../../onboarding/HelpDialog'
import { Orientation } from '../../onboarding/Orientation'
import { hasSeenOrientation, markOrientationSeen } from '../../onboarding/orientationSeen'
import { boardShortcuts, isHelpKey } from '../../onboarding/shortcuts'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useBoardInfo } from '../boardContext'
import { CARD_TOOL_KBD } from '../cards/CardToolbar'
import { useControlPublic } from '../control/useControl'

type Open = 'orientation' | 'help' | null

const SHORTCUTS = boardShortcuts(Object.values(CARD_TOOL_KBD))

/**
 * The board's help: the « ? » button (and `?` key) opening the help dialog, the
 * first-time orientation (shown once per browser when a board first opens here). The
 * side column's « Panneaux » button lives with the column (`../SideColumn.tsx`).
 */
export function HelpLayer() {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const { role, displayName } = useBoardInfo()
  const meta = useControlPublic('meta')
  const compass = useControlPublic('compass')
  const actions = useActions()
  const [open, setOpen] = useState<Open>(() => (hasSeenOrientation() ? null : 'orientation'))

  useEffect(() => {
    if (open === 'orientation') markOrientationSeen()
  }, [open])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isHelpKey(event, event.target instanceof HTMLElement ? event.target : null)) return
      event.preventDefault()
      setOpen('help')
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  const showAll = actions['open-kbd-shortcuts']
  return (
    <>
      <button
        type="button"
        className="cb-help-button"
        data-testid="help-button"
        aria-haspopup="dialog"
        aria-keyshortcuts="?"
        aria-label={t('help.open')}
        title={t('help.openTitle')}
        onClick={() => setOpen('help')}
        onPointerDown={(e) => e.stopPropagation()}
      >
        ?
      </button>
      {open === 'orientation' && (
        <Orientation workshopTitle={meta?.title ?? ''} role={role} name={displayName} onClose={() => setOpen(null)} />
      )}
      {open === 'help' && (
        <HelpDialog
          locale={locale}
          role={role}
          shortcuts={SHORTCUTS}
          questions={compass?.questions}
          onClose={() => setOpen(null)}
          onShowOrientation={() => setOpen('orientation')}
          onShowAllShortcuts={
            showAll
              ? () => {
                  setOpen(null)
                  showAll.onSelect('help-menu')
                }
              : undefined
          }
        />
      )}
    </>
  )
}
