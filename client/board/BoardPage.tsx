import { getAssetUrlsByImport } from '@tldraw/assets/imports.vite'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import {
  createTLStore,
  DefaultContextMenu,
  DefaultContextMenuContent,
  DefaultToolbar,
  DefaultToolbarContent,
  Tldraw,
  type Editor,
  type TLComponents,
  type TLStore,
  type TLUiContextMenuProps,
} from 'tldraw'
import 'tldraw/tldraw.css'
import { canEditBoard } from '../../shared/protocol'
import type { WorkshopAccess } from '../backend/workshopApi'
import { loadMemberKey, loadUserColor } from '../identity/identity'
import { useT } from '../i18n/useT'
import { BoardErrorFallback } from '../pages/CrashPages'
import { useUiStore } from '../state/uiStore'
import { bindStoreToDoc, type StoreDocBinding } from './binding/storeDocBinding'
import { BoardContext, type BoardInfo } from './boardContext'
import { CardTextContext } from './text/cardTextContext'
import { ConnectionStatus } from './ConnectionStatus'
import { ControlClient } from './control/controlClient'
import { ControlContext } from './control/useControl'
import { BOARD_FEATURES } from './features'
import { LicenseNotice } from './LicenseNotice'
import { Notices } from './Notices'
import { bindPresence } from './presence/awarenessPresence'
import { PresenceList } from './PresenceList'
import { BoardSession, type FatalCode } from './session/boardSession'
import { ColumnHostContext, SideColumn } from './SideColumn'
import { allBindingUtils, allShapeUtils, customBindingUtils, customShapeUtils } from './shapes'

declare global {
  interface Window {
    /** The tldraw editor, exposed for end-to-end tests and debugging from the console. */
    editor?: Editor
  }
}

// Fonts, icons and translations come from our own origin, never tldraw's CDN.
const assetUrls = getAssetUrlsByImport()

// Everything the features add to tldraw: tools, UI overrides, toolbar items, overlays.
const featureTools = BOARD_FEATURES.flatMap((f) => f.tools ?? [])
const featureOverrides = BOARD_FEATURES.flatMap((f) => (f.overrides ? [f.overrides] : []))

function Toolbar() {
  return (
    <DefaultToolbar>
      <DefaultToolbarContent />
      {BOARD_FEATURES.map((f) => (f.ToolbarItems ? <f.ToolbarItems key={f.id} /> : null))}
    </DefaultToolbar>
  )
}

function ContextMenu(props: TLUiContextMenuProps) {
  return (
    <DefaultContextMenu {...props}>
      {BOARD_FEATURES.map((f) => (f.ContextMenuItems ? <f.ContextMenuItems key={f.id} /> : null))}
      <DefaultContextMenuContent />
    </DefaultContextMenu>
  )
}

function OnTheCanvas() {
  return <>{BOARD_FEATURES.map((f) => (f.OnTheCanvas ? <f.OnTheCanvas key={f.id} /> : null))}</>
}

function InFrontOfTheCanvas() {
  return <>{BOARD_FEATURES.map((f) => (f.InFrontOfTheCanvas ? <f.InFrontOfTheCanvas key={f.id} /> : null))}</>
}

/** The right column: who is here, then the features' panels (cards, outline, compass, facilitation…). */
function SharePanel() {
  return (
    <SideColumn>
      <PresenceList />
      <div className="cb-side-panels">{BOARD_FEATURES.map((f) => (f.Panel ? <f.Panel key={f.id} /> : null))}</div>
    </SideColumn>
  )
}

const components: TLComponents = {
  TopPanel: () => (
    <div className="cb-top">
      <ConnectionStatus />
      {BOARD_FEATURES.map((f) => (f.TopPanel ? <f.TopPanel key={f.id} /> : null))}
      <Notices />
    </div>
  ),
  SharePanel,
  Toolbar,
  ContextMenu,
  OnTheCanvas,
  InFrontOfTheCanvas,
  ErrorFallback: BoardErrorFallback,
}

/** How long to wait for the server's state before opening from the offline copy alone. */
const SERVER_WAIT_MS = 5000

interface Live {
  session: BoardSession
  control: ControlClient
  store: TLStore
  binding: StoreDocBinding
}

export interface BoardPageProps {
  access: WorkshopAccess
  token: string
  displayName: string
  /** The API was unreachable: open the offline copy without waiting for the server. */
  offline: boolean
  licenseKey: string | undefined
  onFatal(code: FatalCode): void
}

/**
 * The live board: one session (Y.Doc, offline copy, WebSocket), one binding between the doc
 * and tldraw's store, presence over awareness, and tldraw with our panels.
 */
export function BoardPage({ access, token, displayName, offline, licenseKey, onFatal }: BoardPageProps) {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const [live, setLive] = useState<Live | null>(null)
  const [editor, setEditor] = useState<Editor | null>(null)
  const [outdated, setOutdated] = useState(false)
  const container = useRef<HTMLDivElement>(null)
  const [columnHost, setColumnHost] = useState<HTMLDivElement | null>(null)
  const color = useMemo(loadUserColor, [])
  const readOnly = !canEditBoard(access.role) || outdated

  useEffect(() => {
    let cancelled = false
    const ui = useUiStore.getState()
    const session = new BoardSession({
      workshopId: access.id,
      token,
      memberKey: loadMemberKey(),
      onStatus: ui.setConnection,
      onFatal,
      onNotice: (key, action) => ui.pushNotice({ key, action }),
    })
    if (offline) ui.pushNotice({ key: 'board.offlineCopy' })
    const control = new ControlClient(session.control)
    const store = createTLStore({ shapeUtils: allShapeUtils, bindingUtils: allBindingUtils })
    let binding: StoreDocBinding | null = null
    void session.whenReady({ expectServer: !offline, maxWaitMs: SERVER_WAIT_MS }).then(() => {
      if (cancelled) return
      binding = bindStoreToDoc({
        store,
        doc: session.doc,
        readOnly: !canEditBoard(access.role),
        onInvalidRecord: ({ key }) => ui.pushNotice({ key: 'board.invalidRecord', params: { id: key } }),
        onOutdated: () => {
          setOutdated(true)
          ui.pushNotice({ key: 'board.outdated', action: 'reload' })
        },
      })
      setLive({ session, control, store, binding })
    })
    return () => {
      cancelled = true
      binding?.dispose()
      control.dispose()
      session.destroy()
      store.dispose()
      setLive(null)
    }
  }, [access.id, access.role, token, offline, onFatal])

  // tldraw's own UI speaks our language, and viewers (or an outdated client) cannot edit.
  useEffect(() => {
    editor?.user.updateUserPreferences({ locale, name: displayName, color })
  }, [editor, locale, displayName, color])
  useEffect(() => {
    editor?.updateInstanceState({ isReadonly: readOnly })
  }, [editor, readOnly])

  const onMount = useCallback(
    (mounted: Editor) => {
      if (!live) return
      window.editor = mounted
      mounted.updateInstanceState({ isReadonly: readOnly })
      setEditor(mounted)
      const stopPresence = bindPresence({
        editor: mounted,
        awareness: live.session.provider.awareness,
        getUser: () => ({
          name: displayName,
          color,
          role: access.role,
          memberId: live.session.control.getSelf()?.memberId ?? '',
          roleNumber: live.session.control.getSelf()?.roleNumber,
        }),
      })
      // Open on the whole board (a template is larger than a screen), never zoomed in past 100 %.
      const bounds = mounted.getCurrentPageBounds()
      if (bounds) mounted.zoomToBounds(bounds, { targetZoom: 1, inset: 48 })
      const featureCleanups = BOARD_FEATURES.map((f) =>
        f.onMount?.(mounted, {
          session: live.session,
          control: live.control,
          role: access.role,
          locale: access.locale,
        }),
      )
      return () => {
        for (const cleanup of featureCleanups) cleanup?.()
        stopPresence()
        if (window.editor === mounted) delete window.editor
        setEditor(null)
      }
    },
    // The editor mounts once per live session; later changes go through the effects above.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [live],
  )

  // The features' static overrides, then those that depend on the role (the lock actions).
  const overrides = useMemo(
    () => [
      ...featureOverrides,
      ...BOARD_FEATURES.flatMap((f) =>
        live && f.roleOverrides ? [f.roleOverrides({ role: access.role, control: live.control })] : [],
      ),
    ],
    [live, access.role],
  )

  const info: BoardInfo = useMemo(
    () => ({ role: access.role, displayName, color, readOnly, workshopLocale: access.locale }),
    [access.role, displayName, color, readOnly, access.locale],
  )

  if (!live) return <p className="cb-loading">{t('board.loading')}</p>
  return (
    <BoardContext.Provider value={info}>
      <ControlContext.Provider value={live.control}>
        <CardTextContext.Provider value={live.session.doc}>
          <ColumnHostContext.Provider value={columnHost}>
            <div className="cb-board" ref={container} data-testid="board">
              <div className="cb-board__canvas">
                <Tldraw
                  store={live.store}
                  licenseKey={licenseKey}
                  assetUrls={assetUrls}
                  shapeUtils={customShapeUtils}
                  bindingUtils={customBindingUtils}
                  components={components}
                  tools={featureTools}
                  overrides={overrides}
                  onMount={onMount}
                />
              </div>
              {/* The side column is drawn here, beside the canvas (SideColumn's portal). */}
              <div className="cb-board__column" ref={setColumnHost} />
              <LicenseNotice container={container} />
            </div>
          </ColumnHostContext.Provider>
        </CardTextContext.Provider>
      </ControlContext.Provider>
    </BoardContext.Provider>
  )
}
