import * as decoding from 'lib0/decoding'
import WebSocket, { type RawData } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { Origin, RECORDS_ARRAY } from '../../../shared/board'
import { MessageType } from '../../../shared/protocol'
import {
  benchCard,
  peekFrameKind,
  syncStep1Frame,
  syncStep2Frame,
  updateFrame,
  type BenchRecord,
} from '../lib/benchDoc'
import type { ClientSpec } from './types'

/**
 * Clients of the large-board scenario: a seeder that builds a board of many cards and a
 * long edit history through the protocol, at a frame rate the server accepts, and a
 * joiner that times a fresh full client until its document holds the whole board.
 */

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, Math.max(0, ms)))

/** Builds the record of card `slot` at its `seq`-th write (the browser bench swaps in tldraw notes). */
export type CardFactory = (slot: number, seq: number) => { id: string; x: number } & Record<string, unknown>

const actorCards: CardFactory = (slot, seq) => benchCard(`c${slot}`, slot, seq, 0) as unknown as ReturnType<CardFactory>

export class BoardSeeder {
  readonly doc = new Y.Doc()
  private readonly kv: YKeyValue<unknown>
  private ws: WebSocket | null = null
  private pending: Uint8Array[] = []
  framesSent = 0

  constructor(
    private readonly spec: ClientSpec,
    private readonly makeCard: CardFactory = actorCards,
  ) {
    this.kv = new YKeyValue(this.doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
    this.doc.on('update', (u: Uint8Array) => this.pending.push(u))
  }

  open(timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.spec.url, { perMessageDeflate: false })
      this.ws = ws
      const timer = setTimeout(() => reject(new Error('seeder: sync timeout')), timeoutMs)
      ws.on('open', () => ws.send(syncStep1Frame(this.doc)))
      ws.on('message', (data: RawData) => {
        const bytes = data as Buffer
        const kind = peekFrameKind(bytes)
        if (kind === 'step1') {
          const d = decoding.createDecoder(bytes)
          decoding.readVarUint(d)
          decoding.readVarUint(d)
          ws.send(syncStep2Frame(this.doc, decoding.readVarUint8Array(d)))
        } else if (kind === 'step2') {
          clearTimeout(timer)
          resolve()
        }
      })
      ws.on('close', (code) => {
        clearTimeout(timer)
        reject(new Error(`seeder: closed ${code}`))
      })
      ws.on('error', () => {})
    })
  }

  /**
   * `cards` cards, then `edits` edits of random cards (a deterministic sequence), `batch`
   * record writes per transaction and frame, at most `framesPerSecond` frames.
   */
  async seed(
    cards: number,
    edits: number,
    batch: number,
    framesPerSecond: number,
  ): Promise<{ frames: number; seconds: number }> {
    const started = performance.now()
    const period = 1000 / framesPerSecond
    let nextAt = performance.now()
    const writes = cards + edits
    let rng = 12345
    for (let done = 0; done < writes;) {
      const end = Math.min(writes, done + batch)
      this.doc.transact(() => {
        for (let w = done; w < end; w++) {
          let slot = w
          if (w >= cards) {
            rng = (rng * 1103515245 + 12345) % 2147483648
            slot = rng % cards
          }
          const card = this.makeCard(slot, w)
          this.kv.set(card.id, card)
        }
      }, Origin.localUser)
      done = end
      await sleep(nextAt - performance.now())
      nextAt += period
      for (const u of this.pending.splice(0)) this.send(updateFrame(u))
    }
    return { frames: this.framesSent, seconds: (performance.now() - started) / 1000 }
  }

  /** Edits random cards among the first `cards` at `perSecond` for `durationMs` (a busy remote peer). */
  async editRandomly(cards: number, perSecond: number, durationMs: number): Promise<number> {
    const period = 1000 / perSecond
    const until = performance.now() + durationMs
    let edits = 0
    let nextAt = performance.now()
    while (performance.now() < until) {
      const slot = Math.floor(Math.random() * cards)
      const card = this.makeCard(slot, 1_000_000 + edits)
      card.x += 40 * Math.sin(edits)
      this.doc.transact(() => this.kv.set(card.id, card), Origin.localUser)
      for (const u of this.pending.splice(0)) this.send(updateFrame(u))
      edits += 1
      nextAt += period
      await sleep(nextAt - performance.now())
    }
    return edits
  }

  private send(frame: Uint8Array): void {
    if (this.ws?.readyState !== WebSocket.OPEN) throw new Error('seeder: socket closed while seeding')
    this.ws.send(frame)
    this.framesSent += 1
  }

  close(): Promise<void> {
    const ws = this.ws
    this.doc.destroy()
    if (!ws || ws.readyState === WebSocket.CLOSED) return Promise.resolve()
    return new Promise((resolve) => {
      ws.removeAllListeners('close')
      ws.once('close', () => resolve())
      ws.close()
    })
  }
}

export interface JoinTiming {
  /** Socket opened → server state applied (y-websocket `sync`). */
  syncedMs: number
  /** … → the records read through YKeyValue, as the app's binding does on load. */
  readyMs: number
  /** Shape records (the seeded cards) the joiner holds. */
  records: number
  /** Encoded document (Y.encodeStateAsUpdate), bytes. */
  docBytes: number
  stateVector: Uint8Array
}

/** Times a fresh full client joining `spec`'s room. */
export async function timeJoin(spec: ClientSpec, timeoutMs = 30_000): Promise<JoinTiming> {
  const doc = new Y.Doc()
  const started = performance.now()
  const provider = new WebsocketProvider(spec.serverUrl, spec.room, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params: spec.params,
    disableBc: true,
  })
  provider.messageHandlers[MessageType.control] = () => {}
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`join: not synced after ${timeoutMs} ms`)), timeoutMs)
      provider.on('sync', (synced: boolean) => {
        if (!synced) return
        clearTimeout(timer)
        resolve()
      })
    })
    const syncedMs = performance.now() - started
    const kv = new YKeyValue(doc.getArray<{ key: string; val: BenchRecord }>(RECORDS_ARRAY))
    // Cards only: our server also gives every board tldraw's default page record (issue 14).
    let records = 0
    for (const key of kv.map.keys()) if (key.startsWith('shape:')) records += 1
    const readyMs = performance.now() - started
    return {
      syncedMs,
      readyMs,
      records,
      docBytes: Y.encodeStateAsUpdate(doc).byteLength,
      stateVector: Y.encodeStateVector(doc),
    }
  } finally {
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
    doc.destroy()
  }
}
