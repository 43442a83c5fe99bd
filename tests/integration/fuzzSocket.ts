import * as decoding from 'lib0/decoding'
import { WebSocket } from 'ws'
import { CloseCode, MessageType } from '../../shared/protocol'
import { controlFrame, type FuzzFrame } from './fuzzFrames'

/**
 * One hostile connection of the fuzz test: a raw `ws` socket with a valid token that sends
 * a frame, then a sentinel (a control command with a unique id, answered with a `result`),
 * and reports what the server made of the frame: it closed the socket (with which code), or
 * it processed the frame and answered the sentinel. Frames are handled in order per
 * socket, so the sentinel's answer proves the frame went through without a close.
 */

/**
 * The codes a server may close a hostile socket with: named refusals, never a crash. 4503
 * too: an update that leaves the room's document unlike its own encoding makes the room
 * reload from storage, closing every socket of the room with "server restarting". 4422:
 * an update outside the board's layout (another root type, nested types, misplaced items).
 */
export const REFUSAL_CODES: ReadonlySet<number> = new Set([
  CloseCode.malformedMessage,
  CloseCode.messageTooLarge,
  CloseCode.documentTooLarge,
  CloseCode.updateRefused,
  CloseCode.memberShareFull,
  CloseCode.rateLimited,
  CloseCode.serverRestarting,
])

export type FrameOutcome = { kind: 'accepted' } | { kind: 'closed'; code: number; reason: string }

/** Sentinel ids live far from the ids fuzzed commands use. */
let nextSentinelId = 10_000_000

export class FuzzSocket {
  readonly sent: FuzzFrame[] = []
  private readonly ws: WebSocket
  private closed: { code: number; reason: string } | null = null
  private readonly answered = new Set<number>()
  private received = 0
  private wake: (() => void) | null = null
  private readonly opened: Promise<void>

  constructor(url: string) {
    this.ws = new WebSocket(url)
    this.ws.binaryType = 'nodebuffer'
    this.ws.on('error', () => {})
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve())
      this.ws.once('unexpected-response', (_req, res) =>
        reject(new Error(`upgrade refused with HTTP ${res.statusCode}`)),
      )
    })
    this.ws.on('message', (data: Buffer, isBinary) => {
      this.received += 1
      if (!isBinary) return
      const id = resultIdOf(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      if (id !== null) this.answered.add(id)
      this.wake?.()
    })
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString() }
      this.wake?.()
    })
  }

  /** Resolves once the socket is open; with `welcome`, also once the room sent its first frame. */
  async ready(welcome: boolean, timeoutMs: number): Promise<void> {
    await this.opened
    if (welcome) await this.until(() => this.received > 0 || this.closed !== null, timeoutMs, 'no welcome')
  }

  isOpen(): boolean {
    return this.closed === null
  }

  /** Sends `frame` and its sentinel; resolves with the outcome, rejects after `timeoutMs`. */
  async send(frame: FuzzFrame, timeoutMs: number): Promise<FrameOutcome> {
    this.sent.push(frame)
    const id = nextSentinelId++
    if (!this.closed) {
      this.ws.send(frame.data, { binary: typeof frame.data !== 'string' })
      this.ws.send(controlFrame(JSON.stringify({ kind: 'command', id, command: { type: 'fuzz.sentinel' } })))
    }
    await this.until(
      () => this.closed !== null || this.answered.has(id),
      timeoutMs,
      'no close and no answer to the sentinel',
    )
    return this.closed ? { kind: 'closed', ...this.closed } : { kind: 'accepted' }
  }

  /** Waits for `done` (re-checked on every frame and on close); rejects after `timeoutMs`. */
  private async until(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const deadline = Date.now() + timeoutMs
    while (!done()) {
      const left = deadline - Date.now()
      if (left <= 0) throw new Error(`${what} within ${timeoutMs} ms`)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left)
        this.wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.wake = null
    }
  }

  /** Closes from our side and waits for the handshake (bounded). */
  async close(): Promise<void> {
    if (this.closed) return
    const done = new Promise<void>((resolve) => this.ws.once('close', () => resolve()))
    this.ws.close()
    const timer = setTimeout(() => this.ws.terminate(), 5_000)
    await done
    clearTimeout(timer)
  }
}

/** The id of a control `result` frame, or null for any other frame. */
function resultIdOf(bytes: Uint8Array): number | null {
  try {
    const decoder = decoding.createDecoder(bytes)
    if (decoding.readVarUint(decoder) !== MessageType.control) return null
    const message = JSON.parse(decoding.readVarString(decoder)) as { kind?: unknown; id?: unknown }
    return message.kind === 'result' && typeof message.id === 'number' ? message.id : null
  } catch {
    return null
  }
}
