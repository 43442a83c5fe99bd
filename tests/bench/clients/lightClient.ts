import * as decoding from 'lib0/decoding'
import WebSocket, { type RawData } from 'ws'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { Origin, RECORDS_ARRAY } from '../../../shared/board'
import {
  awarenessFrame,
  benchCard,
  benchPresence,
  nowMs,
  peekFrameKind,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
  type BenchRecord,
} from '../lib/benchDoc'
import type { ClientCounters, ClientSpec, OpenResult } from './types'
import { zeroCounters, type WindowRecorder } from './windowRecorder'

/**
 * A cheap client for load: a raw `ws` socket speaking the y-websocket protocol. It keeps
 * a Y.Doc holding only its own card, so its updates are real Yjs updates the server
 * merges like anybody's, and it writes its awareness by hand. What it receives is counted
 * by kind from the first two bytes and dropped: it never decodes or applies the room's
 * traffic (except the server's one sync step 1, which it answers as y-websocket does).
 */
export class LightClient {
  readonly counters: ClientCounters = zeroCounters()
  recorder: WindowRecorder | null = null
  /** Close codes of connections the server ended (not us). */
  readonly closedBy: number[] = []
  private closing = false
  private ws: WebSocket | null = null
  private readonly doc = new Y.Doc()
  private readonly kv: YKeyValue<BenchRecord>
  private seq = 0
  private awarenessClock = 0
  private synced = false
  private closeCode: number | null = null
  private onSynced: (() => void) | null = null
  private onClosed: ((code: number) => void) | null = null
  private pendingUpdates: Uint8Array[] = []

  constructor(
    readonly spec: ClientSpec,
    private readonly slot: number,
  ) {
    this.kv = new YKeyValue(this.doc.getArray<{ key: string; val: BenchRecord }>(RECORDS_ARRAY))
    this.doc.on('update', (update: Uint8Array) => this.pendingUpdates.push(update))
  }

  /** Connects and resolves once the server's sync step 2 arrived, or with why not. */
  open(timeoutMs: number): Promise<OpenResult> {
    const started = performance.now()
    return new Promise((resolve) => {
      let done = false
      const finish = (ok: boolean, error?: string): void => {
        if (done) return
        done = true
        clearTimeout(timer)
        this.onSynced = null
        resolve({ id: this.spec.id, ok, ms: performance.now() - started, closeCode: this.closeCode, error })
      }
      const timer = setTimeout(() => {
        finish(false, 'sync timeout')
        void this.close()
      }, timeoutMs)
      this.onSynced = () => finish(true)
      this.onClosed = (code) => finish(false, `closed ${code}`)
      const ws = new WebSocket(this.spec.url, { perMessageDeflate: false })
      ws.binaryType = 'nodebuffer'
      this.ws = ws
      ws.on('open', () => {
        this.send(syncStep1Frame(this.doc))
        this.moveCursor()
      })
      ws.on('message', (data: RawData) => this.receive(data))
      ws.on('error', (err) => finish(false, err.message))
      ws.on('close', (code) => {
        this.closeCode = code
        if (!this.closing) this.closedBy.push(code)
        this.onClosed?.(code)
      })
    })
  }

  isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN
  }

  isSynced(): boolean {
    return this.synced
  }

  lastSeq(): number {
    return this.seq
  }

  /** Writes this client's card with a fresh send time (one Yjs update, one frame). */
  edit(): void {
    if (!this.isOpen()) return
    this.seq += 1
    const record = benchCard(this.spec.id, this.slot, this.seq, nowMs())
    this.doc.transact(() => this.kv.set(record.id, record), Origin.localUser)
    this.recorder?.sent(record.meta.sentAt, false)
    for (const update of this.pendingUpdates.splice(0)) {
      this.send(updateFrame(update))
      this.counters.updatesSent += 1
    }
  }

  /** Publishes a cursor position with a fresh send time. */
  moveCursor(): void {
    if (!this.isOpen()) return
    this.awarenessClock += 1
    const t = this.awarenessClock
    const state = benchPresence(`Bench ${this.spec.id}`, this.spec.id, (t * 37) % 2000, (t * 53) % 1200, nowMs())
    this.send(awarenessFrame(this.doc.clientID, this.awarenessClock, state))
    this.counters.awarenessSent += 1
  }

  close(): Promise<void> {
    this.closing = true
    const ws = this.ws
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        ws.terminate()
        resolve()
      }, 3000)
      ws.once('close', () => {
        clearTimeout(timer)
        resolve()
      })
      if (ws.readyState === WebSocket.CONNECTING) ws.terminate()
      else ws.close()
    })
  }

  private send(data: Uint8Array): void {
    if (!this.isOpen()) return
    this.ws?.send(data)
    this.counters.framesSent += 1
    this.counters.bytesSent += data.byteLength
  }

  private receive(data: RawData): void {
    const bytes = data as Buffer
    const c = this.counters
    c.framesReceived += 1
    c.bytesReceived += bytes.byteLength
    switch (peekFrameKind(bytes)) {
      case 'step1': {
        // Answer with what we have, as y-websocket does; our doc holds one card at most.
        const decoder = decoding.createDecoder(bytes)
        decoding.readVarUint(decoder)
        decoding.readVarUint(decoder)
        this.send(syncStep2Frame(this.doc, decoding.readVarUint8Array(decoder)))
        return
      }
      case 'step2':
        if (!this.synced) {
          this.synced = true
          this.onSynced?.()
        }
        return
      case 'update':
        c.updateFramesReceived += 1
        return
      case 'awareness':
        c.awarenessFramesReceived += 1
        if (this.spec.echoAwareness) this.send(bytes)
        return
      default:
        // A bundle (shared/bundle.ts) is counted, not inflated: each browser inflates its
        // own, the generator standing in for a thousand of them would spend its CPU on it.
        return
    }
  }
}
