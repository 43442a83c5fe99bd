import WebSocket from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { bundleReading } from '../../../client/board/session/bundleReading'
import { Origin, RECORDS_ARRAY } from '../../../shared/board'
import { BUNDLE_FORMAT, BUNDLE_PARAM } from '../../../shared/bundle'
import { FATAL_CLOSE_CODES, MessageType } from '../../../shared/protocol'
import { benchCard, benchPresence, benchRecordId, nowMs, sentAtOf, type BenchRecord } from '../lib/benchDoc'
import type { ClientCounters, ClientSpec, OpenResult } from './types'
import { zeroCounters, type WindowRecorder } from './windowRecorder'

const RECORD_PREFIX = benchRecordId('')

/**
 * A full client, as a browser tab runs it minus tldraw: a y-websocket provider applying
 * every update to its Y.Doc, with YKeyValue over the records as the app's binding has.
 * On every remote change it reads the send time the writer put in the card (or in its
 * awareness state) and records the latency; it also remembers the last sequence number
 * of every writer, to check at the end that it converged.
 */
export class ProbeClient {
  readonly counters: ClientCounters = zeroCounters()
  readonly lastSeen = new Map<string, number>()
  recorder: WindowRecorder | null = null
  /** Close codes of connections the server ended (y-websocket then reconnects). */
  readonly closedBy: number[] = []
  private closing = false
  private readonly doc = new Y.Doc()
  private readonly kv: YKeyValue<BenchRecord>
  private provider: WebsocketProvider | null = null
  private seq = 0
  private cursorTicks = 0

  constructor(
    readonly spec: ClientSpec,
    private readonly slot: number,
  ) {
    this.kv = new YKeyValue(this.doc.getArray<{ key: string; val: BenchRecord }>(RECORDS_ARRAY))
    this.kv.on('change', (changes: Map<string, { newValue?: BenchRecord }>, tr: Y.Transaction) => {
      if (tr.local) return
      const now = nowMs()
      for (const [key, change] of changes) {
        const sent = sentAtOf(change.newValue)
        if (!sent || !key.startsWith(RECORD_PREFIX)) continue
        const sender = key.slice(RECORD_PREFIX.length)
        if (sender === this.spec.id) continue
        const previous = this.lastSeen.get(sender)
        if (previous !== undefined && sent.seq > previous + 1)
          this.recorder?.superseded(sent.sentAt, sent.seq - previous - 1)
        this.lastSeen.set(sender, sent.seq)
        this.recorder?.update(sent.sentAt, now)
      }
    })
  }

  open(timeoutMs: number): Promise<OpenResult> {
    const started = performance.now()
    const counters = this.counters
    // Counts this probe's frames without touching y-websocket: it builds its socket with our class.
    class CountingWebSocket extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { perMessageDeflate: false })
        this.on('message', (data: Buffer | ArrayBuffer) => {
          counters.framesReceived += 1
          counters.bytesReceived += data.byteLength
        })
      }
      override send(data: Parameters<WebSocket['send']>[0], ...rest: unknown[]): void {
        counters.framesSent += 1
        counters.bytesSent += (data as Uint8Array).byteLength ?? 0
        ;(super.send as (...args: unknown[]) => void)(data, ...rest)
      }
    }
    const provider = new WebsocketProvider(this.spec.serverUrl, this.spec.room, this.doc, {
      // Reads bundles (shared/bundle.ts) as the app's provider does, when it asked for them.
      WebSocketPolyfill: (this.spec.params[BUNDLE_PARAM] === BUNDLE_FORMAT
        ? bundleReading(CountingWebSocket)
        : CountingWebSocket) as unknown as typeof globalThis.WebSocket,
      params: this.spec.params,
      // Probes of one room share a process: they must talk through the server only.
      disableBc: true,
      // As the app does (client/board/session/boardSession.ts): reconnect unless the link is dead.
      shouldReconnect: (event: CloseEvent) => !FATAL_CLOSE_CODES.has(event.code),
      maxBackoffTime: 1000,
    })
    // Our server's control channel: not measured, and y-websocket would log every frame as unknown.
    provider.messageHandlers[MessageType.control] = () => {}
    this.provider = provider
    provider.on('connection-close', (event: { code: number } | null) => {
      if (!this.closing) this.closedBy.push(event?.code ?? 0)
    })
    provider.awareness.on('update', ({ added, updated }: { added: number[]; updated: number[] }, origin: unknown) => {
      if (origin === 'local') return
      const now = nowMs()
      const states = provider.awareness.getStates()
      for (const id of added.concat(updated)) {
        if (id === this.doc.clientID) continue
        const sentAt = (states.get(id) as { sentAt?: unknown } | undefined)?.sentAt
        if (typeof sentAt === 'number') this.recorder?.awareness(sentAt, now)
      }
    })
    return new Promise((resolve) => {
      let closeCode: number | null = null
      const finish = (ok: boolean, error?: string): void => {
        clearTimeout(timer)
        provider.off('sync', onSynced)
        provider.off('connection-close', onClose)
        resolve({ id: this.spec.id, ok, ms: performance.now() - started, closeCode, error })
      }
      const onSynced = (synced: boolean): void => {
        if (synced) finish(true)
      }
      const onClose = (event: { code: number } | null): void => {
        closeCode = event?.code ?? null
        if (closeCode !== null && FATAL_CLOSE_CODES.has(closeCode)) finish(false, `closed ${closeCode}`)
      }
      const timer = setTimeout(() => finish(false, 'sync timeout'), timeoutMs)
      provider.on('sync', onSynced)
      provider.on('connection-close', onClose)
    })
  }

  isSynced(): boolean {
    return this.provider?.synced ?? false
  }

  lastSeq(): number {
    return this.seq
  }

  edit(): void {
    if (!this.isSynced()) return
    this.seq += 1
    const record = benchCard(this.spec.id, this.slot, this.seq, nowMs())
    this.doc.transact(() => this.kv.set(record.id, record), Origin.localUser)
    this.counters.updatesSent += 1
    this.recorder?.sent(record.meta.sentAt, true)
  }

  moveCursor(): void {
    if (!this.provider) return
    this.cursorTicks += 1
    const t = this.cursorTicks
    this.provider.awareness.setLocalState(
      benchPresence(`Probe ${this.spec.id}`, this.spec.id, (t * 41) % 2000, (t * 29) % 1200, nowMs()),
    )
    this.counters.awarenessSent += 1
  }

  async close(): Promise<void> {
    this.closing = true
    const provider = this.provider
    this.provider = null
    if (!provider) return
    const ws = provider.ws as unknown as WebSocket | null
    provider.destroy()
    if (ws && ws.readyState !== WebSocket.CLOSED) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 3000)
        ws.once('close', () => {
          clearTimeout(timer)
          resolve()
        })
      })
    }
    this.doc.destroy()
  }
}
