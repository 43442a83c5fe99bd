import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../../shared/board'
import { BUNDLE_FORMAT, BUNDLE_PARAM } from '../../../shared/bundle'
import { CloseCode, FATAL_CLOSE_CODES } from '../../../shared/protocol'
import type { MessageKey } from '../../i18n/translate'
import { deriveConnectionStatus, type ConnectionFacts, type ConnectionStatus } from './connectionStatus'
import { bundleReading } from './bundleReading'
import { ControlChannel } from './controlChannel'

/** A close code after which the board cannot continue; the page explains it. */
export type FatalCode =
  | typeof CloseCode.invalidToken
  | typeof CloseCode.forbidden
  | typeof CloseCode.workshopNotFound
  | typeof CloseCode.workshopDeleted
  | typeof CloseCode.linkReplaced

export interface BoardSessionOptions {
  workshopId: string
  token: string
  memberKey: string
  onStatus(status: ConnectionStatus): void
  onFatal(code: FatalCode): void
  /** `reload`: the notice offers to reload the page (the only way to try again). */
  onNotice(key: MessageKey, action?: 'reload'): void
}

/** Close codes that keep reconnecting but deserve a word to the person. */
const NOTICE_BY_CODE: Partial<Record<number, MessageKey>> = {
  [CloseCode.rateLimited]: 'board.rateLimited',
  [CloseCode.serverError]: 'board.serverError',
}

/**
 * Close codes saying our own changes cannot be taken: reconnecting would send the same
 * sync step 2 again and be closed again, forever, without a word. We stop, keep editing
 * locally (the offline copy keeps everything) and say so until the page is reloaded.
 */
const BundleReadingWebSocket = bundleReading(WebSocket)

const UNSENDABLE_NOTICE: Partial<Record<number, MessageKey>> = {
  [CloseCode.messageTooLarge]: 'board.messageTooLarge',
  [CloseCode.documentTooLarge]: 'board.tooLarge',
  [CloseCode.updateRefused]: 'board.updateRefused',
  [CloseCode.memberShareFull]: 'board.shareFull',
}

/** Name of the IndexedDB database holding a workshop's offline copy. */
export function offlineCopyName(workshopId: string): string {
  return `coalition-board:${workshopId}`
}

/**
 * One workshop's live board: the Y.Doc, its offline copy in IndexedDB, the WebSocket provider
 * (sync + awareness + control channel) and the connection status derived from them.
 */
export class BoardSession {
  readonly doc = new Y.Doc()
  readonly offline: IndexeddbPersistence
  readonly provider: WebsocketProvider
  readonly control: ControlChannel
  private facts: ConnectionFacts
  private disposed = false
  private readonly onBrowserOnline = () => this.update({ browserOnline: navigator.onLine })

  constructor(private readonly options: BoardSessionOptions) {
    this.offline = new IndexeddbPersistence(offlineCopyName(options.workshopId), this.doc)
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws'
    this.provider = new WebsocketProvider(`${scheme}://${location.host}/sync`, options.workshopId, this.doc, {
      // Big rooms send this client each flush deflated once for everyone (shared/bundle.ts).
      params: { token: options.token, member: options.memberKey, [BUNDLE_PARAM]: BUNDLE_FORMAT },
      WebSocketPolyfill: BundleReadingWebSocket,
      // Tabs must not relay updates to each other: a viewer tab would otherwise pass its
      // changes through a participant tab of the same browser. The server is the only relay.
      disableBc: true,
      shouldReconnect: (event) => !FATAL_CLOSE_CODES.has(event.code) && !(event.code in UNSENDABLE_NOTICE),
    })
    this.control = new ControlChannel(this.provider)
    sendOnlyOwnAwareness(this.provider)
    this.facts = {
      socket: 'connecting',
      everConnected: false,
      browserOnline: navigator.onLine,
      failedAttempts: 0,
      unsent: false,
    }

    this.provider.on('status', ({ status }) => {
      this.update({ socket: status, everConnected: this.facts.everConnected || status === 'connected' })
    })
    this.provider.on('sync', (synced) => {
      if (synced) this.update({ failedAttempts: 0 })
    })
    this.provider.on('connection-close', (event) => {
      this.update({ socket: 'disconnected', failedAttempts: this.provider.wsUnsuccessfulReconnects + 1 })
      if (!event) return
      if (FATAL_CLOSE_CODES.has(event.code)) {
        this.provider.disconnect()
        if (event.code === CloseCode.workshopDeleted) void this.offline.clearData()
        options.onFatal(event.code as FatalCode)
        return
      }
      const unsendable = UNSENDABLE_NOTICE[event.code]
      if (unsendable) {
        this.update({ unsent: true })
        options.onNotice(unsendable, 'reload')
        return
      }
      const notice = NOTICE_BY_CODE[event.code]
      if (notice) options.onNotice(notice)
    })
    window.addEventListener('online', this.onBrowserOnline)
    window.addEventListener('offline', this.onBrowserOnline)
  }

  private update(change: Partial<ConnectionFacts>) {
    if (this.disposed) return
    this.facts = { ...this.facts, ...change }
    this.options.onStatus(deriveConnectionStatus(this.facts))
  }

  /**
   * Resolves once the board can be shown: the offline copy is loaded and, unless we know we
   * are offline, the server's state arrived — or `maxWaitMs` passed, in which case the board
   * opens from the offline copy and merges when the server answers.
   */
  async whenReady({ expectServer, maxWaitMs }: { expectServer: boolean; maxWaitMs: number }): Promise<void> {
    await this.offline.whenSynced
    if (!expectServer || this.provider.synced) return
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        this.provider.off('sync', onSync)
        resolve()
      }
      const onSync = (synced: boolean) => synced && done()
      const timer = setTimeout(done, maxWaitMs)
      this.provider.on('sync', onSync)
    })
  }

  /** Whether the doc holds any record (after `whenReady`): an offline copy worth opening. */
  hasBoardData(): boolean {
    return this.doc.getArray(RECORDS_ARRAY).length > 0
  }

  destroy(): void {
    if (this.disposed) return
    this.disposed = true
    window.removeEventListener('online', this.onBrowserOnline)
    window.removeEventListener('offline', this.onBrowserOnline)
    this.provider.destroy()
    void this.offline.destroy()
    this.doc.destroy()
  }
}

/** Opens only the offline copy of a workshop, to tell whether one exists. */
export async function hasOfflineCopy(workshopId: string): Promise<boolean> {
  const doc = new Y.Doc()
  const offline = new IndexeddbPersistence(offlineCopyName(workshopId), doc)
  try {
    await offline.whenSynced
    return doc.getArray(RECORDS_ARRAY).length > 0
  } finally {
    await offline.destroy()
    doc.destroy()
  }
}

/** Forgets a workshop's offline copy (deleted workshop). */
export async function deleteOfflineCopy(workshopId: string): Promise<void> {
  const doc = new Y.Doc()
  const offline = new IndexeddbPersistence(offlineCopyName(workshopId), doc)
  await offline.whenSynced
  await offline.clearData()
  doc.destroy()
}

type AwarenessChanges = { added: number[]; updated: number[]; removed: number[] }

/**
 * Stock y-websocket sends every awareness change back to the server, other people's
 * cursors included: in a room of fifty, each browser would re-send fifty cursors a second
 * and be closed as a flood (4429), and the server would relay them all again. The server
 * already relays everyone's state; a browser only needs to send its own.
 */
function sendOnlyOwnAwareness(provider: WebsocketProvider): void {
  const awareness = provider.awareness
  const internal = provider as unknown as {
    _awarenessUpdateHandler: (changes: AwarenessChanges, origin: unknown) => void
  }
  const send = internal._awarenessUpdateHandler
  awareness.off('update', send)
  const ownOnly = (changes: AwarenessChanges, origin: unknown) => {
    const own = awareness.clientID
    if (changes.added.includes(own) || changes.updated.includes(own) || changes.removed.includes(own)) {
      send(
        {
          added: changes.added.filter((id) => id === own),
          updated: changes.updated.filter((id) => id === own),
          removed: changes.removed.filter((id) => id === own),
        },
        origin,
      )
    }
  }
  // y-websocket removes its handler by reference on destroy: ours takes its place.
  internal._awarenessUpdateHandler = ownOnly
  awareness.on('update', ownOnly)
}
