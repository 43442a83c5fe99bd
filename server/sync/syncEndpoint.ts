import type { IncomingMessage } from 'node:http'
import type { Duplex } from 'node:stream'
import type { Logger } from 'pino'
import { WebSocket, WebSocketServer, type RawData } from 'ws'
import { messageYjsSyncStep2, messageYjsUpdate } from 'y-protocols/sync'
import { BUNDLE_FORMAT, BUNDLE_PARAM } from '../../shared/bundle'
import { memberKeySchema } from '../../shared/ids'
import {
  canEditBoard,
  CloseCode,
  CloseReason,
  MessageType,
  SYNC_MEMBER_PARAM,
  SYNC_PATH_PREFIX,
  SYNC_TOKEN_PARAM,
  type Role,
} from '../../shared/protocol'
import { authorize, type Authorization } from '../auth/authorize'
import type { TokenGuessLimiter } from '../auth/tokenGuesses'
import { generateMemberKey, memberIdFor } from '../auth/tokens'
import type { Clock, TimerHandle } from '../clock'
import { clientAddress } from '../http/clientAddress'
import { pathOnly } from '../log'
import type { WorkshopStore } from '../storage/workshops/port'
import type { Connection } from './Connection'
import { TokenBucket } from './pacing'
import type { Room } from './Room'
import type { Rooms } from './Rooms'
import { WriteBatch, type Corkable } from './writeBatch'

/**
 * The WebSocket endpoint `/sync/<workshopId>?token=…&member=…`: upgrades on the HTTP
 * server (`ws` with `noServer`), authorizes, enforces per-socket limits (frame size, rate,
 * idle time, slow readers) and per-address and per-workshop connection caps, then hands
 * each socket to its room as a `Connection`. Refusals are a close frame with a code of
 * `CloseCode`, sent right after the upgrade so a browser can read it.
 *
 * Two frame limits: a writer's sync step 2 or update may reach `maxUpdateBytes` (a paste of
 * thousands of cards, the diff of a long offline session), everything else — awareness,
 * control, any frame of a viewer or of a socket that is refused — `maxMessageBytes`.
 * `ws` checks `maxPayload` while reading, per server: the token is checked before the
 * upgrade to pick the server, so only a writer's socket may make us buffer a large frame;
 * the type is checked once the frame is read.
 */

export interface SyncLimits {
  maxMessageBytes: number
  /** A writer's sync step 2 or update (≥ maxMessageBytes). */
  maxUpdateBytes: number
  maxConnectionsPerWorkshop: number
  maxConnectionsPerIp: number
  messagesPerSecond: number
  messageBurst: number
  idleTimeoutMs: number
  pingIntervalMs: number
}

export interface SyncEndpointOptions {
  /** Who may join (`authorize`) and who took part (`recordParticipant`). */
  storage: WorkshopStore
  rooms: Rooms
  clock: Clock
  log: Logger
  limits: SyncLimits
  /** Whether a page of this `Origin` may connect (sync/origin.ts); absent = any. */
  originAllowed?: (origin: string | undefined, host: string | undefined) => boolean
  /** TRUST_PROXY: proxies whose `X-Forwarded-For` names the client (per-address cap). */
  trustProxy?: number
  /** Wrong tokens per address (auth/tokenGuesses.ts), shared with HTTP: past the burst the upgrade is refused with 429. */
  tokenGuesses?: TokenGuessLimiter
}

/** A socket whose outgoing buffer passes this is not reading: it is closed. */
const MAX_BUFFERED_BYTES = 16 * 1_048_576
interface SocketState {
  ws: WebSocket
  lastSeen: number
}

/** Awareness frames a client may owe us in echoes at most (see `takeEchoCredit`). */
const MAX_ECHO_CREDIT = 64

class SocketConnection implements Connection {
  private echoCredit = 0

  constructor(
    private readonly ws: WebSocket,
    readonly role: Role,
    readonly memberId: string,
    private readonly batch: WriteBatch,
    readonly acceptsBundles: boolean,
  ) {}

  send(data: Uint8Array): void {
    if (this.ws.readyState !== WebSocket.OPEN) return
    if (this.ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      closeSocket(this.ws, CloseCode.idleTimeout)
      return
    }
    if (data[0] === MessageType.awareness) this.echoCredit = Math.min(MAX_ECHO_CREDIT, this.echoCredit + 1)
    this.batch.hold(socketOf(this.ws))
    this.ws.send(data)
  }

  /**
   * Stock y-websocket clients send back every awareness frame they receive (they re-encode
   * each changed state, other people's included; ours sends only its own). In a busy room
   * that echo alone is more than the message rate, and a conforming client would be closed
   * with 4429. An incoming awareness frame is therefore paid for by one we sent, if any is
   * owed, before it touches the client's own budget: a client gets at most what we sent it
   * on top of its rate, and the room still applies only the states it owns.
   */
  takeEchoCredit(): boolean {
    if (this.echoCredit <= 0) return false
    this.echoCredit--
    return true
  }

  close(code: number, reason: string): void {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING)
      this.ws.close(code, reason)
  }
}

/** The TCP socket under a `ws` WebSocket (not in ws's public API; set while it is open). */
function socketOf(ws: WebSocket): Corkable {
  return (ws as unknown as { _socket: Corkable })._socket
}

function closeSocket(ws: WebSocket, code: CloseCode): void {
  if (ws.readyState === WebSocket.OPEN) ws.close(code, CloseReason[code])
}

/** Whether a frame is a sync step 2 or an update (the only ones allowed past maxMessageBytes). */
function isDocumentUpdate(bytes: Uint8Array): boolean {
  // Both type and sync kind are below 128: one byte each as varuints.
  return bytes[0] === MessageType.sync && (bytes[1] === messageYjsSyncStep2 || bytes[1] === messageYjsUpdate)
}

/** The token's verdict, read before the upgrade; `error` = storage failed. */
type UpgradeAuth =
  { kind: 'checked'; workshopId: string; auth: Authorization } | { kind: 'badPath' } | { kind: 'error' }

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data))
  if (data instanceof ArrayBuffer) return new Uint8Array(data)
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
}

export class SyncEndpoint {
  /** Viewers and refused sockets: every frame ≤ maxMessageBytes. */
  private readonly wss: WebSocketServer
  /** Writers: frames up to maxUpdateBytes, the type checked per frame. */
  private readonly writerWss: WebSocketServer
  private readonly sockets = new Set<SocketState>()
  /** Every socket's frames of one task leave in one system call (writeBatch.ts). */
  private readonly writeBatch = new WriteBatch()
  private readonly perIp = new Map<string, number>()
  private heartbeat: TimerHandle | null = null
  private readonly emptyWaiters: (() => void)[] = []
  private accepting = true

  constructor(private readonly opts: SyncEndpointOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: opts.limits.maxMessageBytes,
      perMessageDeflate: false,
    })
    const writerPayload = Math.max(opts.limits.maxMessageBytes, opts.limits.maxUpdateBytes)
    this.writerWss = new WebSocketServer({ noServer: true, maxPayload: writerPayload, perMessageDeflate: false })
    this.scheduleHeartbeat()
  }

  /** Open sockets (authorized or not). */
  socketCount(): number {
    return this.sockets.size
  }

  /** The HTTP server's `upgrade` event. Never throws. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', (err) => this.opts.log.debug({ err }, 'upgrade socket error'))
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      return rejectUpgrade(socket, 400, 'Bad Request')
    }
    if (!url.pathname.startsWith(SYNC_PATH_PREFIX)) return rejectUpgrade(socket, 404, 'Not Found')
    if (!this.accepting) return rejectUpgrade(socket, 503, 'Service Unavailable')
    const guesses = this.opts.tokenGuesses
    const address = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], this.opts.trustProxy ?? 0)
    if (guesses?.blocked(address)) {
      guesses.refused(address, { path: pathOnly(url.pathname) })
      return rejectUpgrade(socket, 429, 'Too Many Requests', {
        'Retry-After': String(guesses.retryAfterSeconds(address)),
      })
    }
    void this.authorizeUpgrade(url)
      .then((verdict) => {
        if (
          verdict.kind === 'checked' &&
          !verdict.auth.ok &&
          verdict.auth.status === 401 &&
          url.searchParams.get(SYNC_TOKEN_PARAM)
        ) {
          guesses?.failed(address, { path: pathOnly(url.pathname), id: verdict.workshopId })
        }
        const writer = verdict.kind === 'checked' && verdict.auth.ok && canEditBoard(verdict.auth.role)
        // The socket may have gone while we read storage; ws refuses (503) once closed.
        if (socket.destroyed) return
        ;(writer ? this.writerWss : this.wss).handleUpgrade(req, socket, head, (ws) => {
          try {
            this.onSocket(ws, req, url, verdict)
          } catch (err) {
            this.opts.log.error({ err }, 'sync connection failed')
            closeSocket(ws, CloseCode.serverError)
          }
        })
      })
      .catch((err: unknown) => {
        this.opts.log.error({ err }, 'sync upgrade failed')
        socket.destroy()
      })
  }

  private async authorizeUpgrade(url: URL): Promise<UpgradeAuth> {
    let workshopId: string
    try {
      workshopId = decodeURIComponent(url.pathname.slice(SYNC_PATH_PREFIX.length))
    } catch {
      return { kind: 'badPath' }
    }
    try {
      return {
        kind: 'checked',
        workshopId,
        auth: await authorize(this.opts.storage, workshopId, url.searchParams.get(SYNC_TOKEN_PARAM)),
      }
    } catch (err) {
      this.opts.log.error({ err }, 'sync authorization failed')
      return { kind: 'error' }
    }
  }

  /** Refuses new sockets from now on (shutdown). */
  stopAccepting(): void {
    this.accepting = false
  }

  /** Resolves when every socket is closed, or after `timeoutMs`. */
  whenSocketsClosed(timeoutMs: number): Promise<void> {
    if (this.sockets.size === 0) return Promise.resolve()
    return new Promise((resolve) => {
      const timer = this.opts.clock.setTimeout(finish, timeoutMs)
      const waiters = this.emptyWaiters
      waiters.push(finish)
      const clock = this.opts.clock
      function finish(): void {
        clock.clearTimeout(timer)
        const i = waiters.indexOf(finish)
        if (i !== -1) waiters.splice(i, 1)
        resolve()
      }
    })
  }

  /** Closes what is still open (rooms close theirs first); a socket that does not answer is cut. */
  close(): void {
    this.accepting = false
    if (this.heartbeat) this.opts.clock.clearTimeout(this.heartbeat)
    this.heartbeat = null
    for (const s of this.sockets) {
      if (s.ws.readyState === WebSocket.OPEN) closeSocket(s.ws, CloseCode.serverRestarting)
      else s.ws.terminate()
    }
    this.wss.close()
    this.writerWss.close()
  }

  /** Acts on the verdict read before the upgrade, in the order refusals always had. */
  private onSocket(ws: WebSocket, req: IncomingMessage, url: URL, verdict: UpgradeAuth): void {
    const { log, clock, limits, rooms, storage } = this.opts
    const path = pathOnly(url.pathname)
    ws.on('error', (err) => log.debug({ err, path }, 'sync socket error'))
    // ws answers an oversize frame by closing with 1009 itself; say it with our code.
    const wsClose = ws.close.bind(ws)
    ws.close = (code?: number, data?: string | Buffer) =>
      code === 1009 ? wsClose(CloseCode.messageTooLarge, CloseReason[CloseCode.messageTooLarge]) : wsClose(code, data)

    const openedAt = clock.now()
    const state: SocketState = { ws, lastSeen: openedAt }
    this.sockets.add(state)
    const ip = clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for'], this.opts.trustProxy ?? 0)
    this.perIp.set(ip, (this.perIp.get(ip) ?? 0) + 1)

    let room: Room | null = null
    let conn: SocketConnection | null = null
    const bucket = new TokenBucket(clock, limits.messagesPerSecond, limits.messageBurst)

    ws.on('pong', () => {
      state.lastSeen = clock.now()
    })
    ws.on('message', (data, isBinary) => {
      state.lastSeen = clock.now()
      if (!isBinary) return closeSocket(ws, CloseCode.malformedMessage)
      const bytes = toBytes(data)
      const echoPaid = bytes[0] === MessageType.awareness && conn !== null && conn.takeEchoCredit()
      if (!echoPaid && !bucket.take()) return closeSocket(ws, CloseCode.rateLimited)
      // Past maxMessageBytes only a writer's document update (this is the writers' server).
      if (bytes.byteLength > limits.maxMessageBytes && !(conn && canEditBoard(conn.role) && isDocumentUpdate(bytes))) {
        return closeSocket(ws, CloseCode.messageTooLarge)
      }
      if (room && conn) room.receive(conn, bytes)
      // Before joining (refused, being closed): nothing to do with it.
    })
    ws.on('close', (code) => {
      this.sockets.delete(state)
      const left = (this.perIp.get(ip) ?? 1) - 1
      if (left > 0) this.perIp.set(ip, left)
      else this.perIp.delete(ip)
      if (room && conn) rooms.leave(room, conn)
      // One line per socket: who (role, never the token), where, how it ended, how long.
      const ms = clock.now() - openedAt
      if (room && conn) log.info({ workshopId: room.workshopId, role: conn.role, code, ms }, 'sync closed')
      else log.info({ path, code, ms }, 'sync closed before joining')
      if (this.sockets.size === 0) for (const finish of [...this.emptyWaiters]) finish()
    })

    if (this.opts.originAllowed && !this.opts.originAllowed(req.headers.origin, req.headers.host)) {
      log.info({ path, origin: req.headers.origin }, 'sync refused: origin not allowed')
      return closeSocket(ws, CloseCode.forbidden)
    }
    if ((this.perIp.get(ip) ?? 0) > limits.maxConnectionsPerIp) return closeSocket(ws, CloseCode.tooManyConnections)

    if (verdict.kind === 'badPath') return closeSocket(ws, CloseCode.workshopNotFound)
    if (verdict.kind === 'error') return closeSocket(ws, CloseCode.serverError)
    const { workshopId, auth } = verdict
    if (!auth.ok) return closeSocket(ws, auth.status === 404 ? CloseCode.workshopNotFound : CloseCode.invalidToken)
    if (!this.accepting) return closeSocket(ws, CloseCode.serverRestarting)
    if (rooms.connectionCount(workshopId) >= limits.maxConnectionsPerWorkshop)
      return closeSocket(ws, CloseCode.tooManyConnections)

    const memberParam = url.searchParams.get(SYNC_MEMBER_PARAM)
    // No key, or a malformed one: an ephemeral identity for this socket only.
    const memberKey = memberParam && memberKeySchema.safeParse(memberParam).success ? memberParam : generateMemberKey()
    const acceptsBundles = url.searchParams.get(BUNDLE_PARAM) === BUNDLE_FORMAT
    conn = new SocketConnection(ws, auth.role, memberIdFor(workshopId, memberKey), this.writeBatch, acceptsBundles)
    room = rooms.join(workshopId, conn)
    log.debug({ path, role: auth.role }, 'sync socket joined')
    // The export's participant count: distinct members who could edit (not viewers).
    if (canEditBoard(auth.role)) {
      storage
        .recordParticipant(workshopId, conn.memberId)
        .catch((err: unknown) => log.warn({ err, workshopId }, 'participant not recorded'))
    }
  }

  private scheduleHeartbeat(): void {
    this.heartbeat = this.opts.clock.setTimeout(() => {
      this.beat()
      this.scheduleHeartbeat()
    }, this.opts.limits.pingIntervalMs)
  }

  /** Pings every socket; closes those silent (no frame, no pong) for longer than the idle timeout. */
  private beat(): void {
    const now = this.opts.clock.now()
    for (const s of this.sockets) {
      if (now - s.lastSeen > this.opts.limits.idleTimeoutMs) {
        if (s.ws.readyState === WebSocket.OPEN) closeSocket(s.ws, CloseCode.idleTimeout)
        else s.ws.terminate()
      } else if (s.ws.readyState === WebSocket.OPEN) {
        s.ws.ping()
      }
    }
  }
}

function rejectUpgrade(socket: Duplex, status: number, text: string, headers: Record<string, string> = {}): void {
  const extra = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('')
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\n${extra}Content-Length: 0\r\n\r\n`)
}
