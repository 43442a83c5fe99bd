import { createContext, useCallback, useContext, useEffect, useMemo, useRef, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { useT } from '../i18n/useT'
import { useBoardInfo } from './boardContext'
import { useOwnKeys } from './cards/useOwnKeys'
import { useControlPublic } from './control/useControl'
import {
  COLUMN_KEY_LABEL,
  isColumnToggleKey,
  keepOpenOnRoundsClosing,
  NARROW_QUERY,
  unfoldOnNewRounds,
  type PanelSituation,
} from './panelLayout'
import { PanelSituationContext } from './SidePanel'
import { useSidePanelStore } from './sidePanelStore'
import { useNarrow } from './useNarrow'

function openCount(rounds: readonly { open: boolean }[] | undefined): number | null {
  return rounds ? rounds.filter((r) => r.open).length : null
}

/**
 * Where the column is drawn: a box beside tldraw's canvas (`BoardPage`), so the open column
 * takes room from the canvas instead of covering it, and hiding it gives the canvas the
 * whole screen. The column is rendered from tldraw's share-panel slot (it needs the
 * editor's context) into this box through a portal.
 */
export const ColumnHostContext = createContext<HTMLElement | null>(null)

/** Hides or shows the column; hiding it never leaves the keyboard focus inside, invisible. */
function showColumn(shown: boolean, narrow: boolean, column: HTMLElement | null, toggle: HTMLElement | null): void {
  if (!shown && column?.contains(document.activeElement)) toggle?.focus()
  useSidePanelStore.getState().setColumnShown(shown, narrow)
}

/**
 * The board's right column: one button (and Shift+P) hiding or showing it, then the
 * presence list and the features' panels. Wide windows: beside the canvas, full height,
 * open panels sharing the height so every header stays in view (each body scrolls), the
 * column scrolling when even the headers do not fit; the button stays in tldraw's top-right
 * corner, above its style panel. Narrow windows (≤ 800 px): an overlay drawer, folded until
 * asked for. A round that opens unfolds its panel and brings the column back; one that
 * closes leaves its panel open.
 */
export function SideColumn({ children }: { children: ReactNode }) {
  const t = useT()
  const { role } = useBoardInfo()
  const narrow = useNarrow()
  const compassOpen = openCount(useControlPublic('compass')?.rounds)
  const votesOpen = openCount(useControlPublic('votes')?.rounds)
  const situation: PanelSituation = useMemo(
    () => ({ role, narrow, openCompassRounds: compassOpen ?? 0, openVoteRounds: votesOpen ?? 0 }),
    [role, narrow, compassOpen, votesOpen],
  )
  const shown = useSidePanelStore((s) => (narrow ? s.drawerOpen : !s.columnHidden))
  const ownKeys = useOwnKeys()
  const toggle = useRef<HTMLButtonElement>(null)
  const columnRef = useRef<HTMLDivElement | null>(null)
  const host = useContext(ColumnHostContext)
  const setColumnElement = useCallback(
    (el: HTMLDivElement | null) => {
      columnRef.current = el
      ownKeys(el)
    },
    [ownKeys],
  )

  // Rounds counted only once the control state is here: its arrival is not a round opening.
  const loaded = compassOpen !== null && votesOpen !== null
  const before = useRef<PanelSituation | null>(null)
  useEffect(() => {
    if (!loaded) return
    const previous = before.current
    before.current = situation
    if (!previous) return
    const { reset, showColumn } = unfoldOnNewRounds(previous, situation)
    const store = useSidePanelStore.getState()
    if (reset.length > 0) store.resetPanels(reset)
    for (const id of keepOpenOnRoundsClosing(previous, situation)) {
      if (!(id in store.choices)) store.setPanelOpen(id, true)
    }
    if (showColumn) store.setColumnShown(true, situation.narrow)
  }, [loaded, situation])

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (
        event.defaultPrevented ||
        !isColumnToggleKey(event, event.target instanceof HTMLElement ? event.target : null)
      )
        return
      event.preventDefault()
      const state = useSidePanelStore.getState()
      const isNarrow = matchMedia(NARROW_QUERY).matches
      showColumn(isNarrow ? !state.drawerOpen : state.columnHidden, isNarrow, columnRef.current, toggle.current)
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [])

  const title = t(shown ? 'panels.column.hideTitle' : 'panels.column.showTitle', { key: t('panels.column.key') })
  const column = (
    <div
      id="cb-column"
      ref={setColumnElement}
      className="cb-column"
      role="region"
      aria-label={t('panels.column.label')}
      hidden={!shown}
      onKeyDown={(e) => {
        // The drawer covers the board: Escape folds it, back to its button.
        if (narrow && shown && e.key === 'Escape') {
          e.stopPropagation()
          showColumn(false, narrow, columnRef.current, toggle.current)
        }
      }}
    >
      {children}
    </div>
  )
  return (
    <PanelSituationContext.Provider value={situation}>
      <div className="cb-share" data-column={shown ? 'shown' : 'hidden'}>
        <button
          ref={toggle}
          type="button"
          className="cb-column-toggle"
          data-testid="panels-toggle"
          aria-expanded={shown}
          aria-controls="cb-column"
          aria-keyshortcuts={COLUMN_KEY_LABEL}
          title={title}
          onClick={() => showColumn(!shown, narrow, columnRef.current, toggle.current)}
          onPointerDown={(e) => e.stopPropagation()}
        >
          <span aria-hidden="true" className="cb-column-toggle__icon">
            {shown ? '⇥' : '⇤'}
          </span>
          {t('panels.column.label')}
        </button>
      </div>
      {host && createPortal(column, host)}
    </PanelSituationContext.Provider>
  )
}
