import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import * as Y from 'yjs'
import { CARD_TEXTS_MAP } from '../../shared/board'
import type { LockState } from '../../shared/control/lock'
import { MAX_COMMAND_BYTES } from '../../shared/control/messages'
import { hubRefusal } from '../../shared/control/refusals'
import type { Actor } from '../../shared/control/section'
import { canEditBoard, CloseCode, CloseReason, MessageType, type Role } from '../../shared/protocol'
import type { Clock } from '../clock'
import { noCluster, type Cluster } from '../cluster/Cluster'
import { RoomFeed, type FeedTarget } from '../cluster/roomFeed'
import { ControlHub } from '../control/ControlHub'
import { seedsFromWorkshop, workshopPatchFor, type AnySection } from '../control/sections'
import type { SheetState } from '../../shared/control/sheet'
import { reconcileWorkshopSheet } from '../spaces/workshopSheets'
import type { ControlStore } from '../storage/controlState/port'
import type { DocumentLog } from '../storage/documentLog/port'
import type { SpaceStore } from '../storage/spaces/port'
import type { WorkshopStore } from '../storage/workshops/port'
import type { Connection } from './Connection'
import { AwarenessIdentity } from './awarenessIdentity'
import { CardTextGuard } from './cardTextGuard'
import { AwarenessOwners, decodeAwarenessEntries, type AwarenessEntry } from './awarenessOwners'
import { AwarenessStates } from './awarenessStates'
import { decodeUpdateOnce } from './decodedUpdate'
import { Outbox } from './Outbox'
import { chooseTickMs, DEFAULT_TICK_POLICY, RateMeter, TokenBucket, type TickPolicy } from './pacing'
import {
  BoardDocument,
  DEFAULT_COMPACTION,
  docOriginOf,
  type ClientUpdate,
  type CompactionPolicy,
  type DocOrigin,
} from './BoardDocument'
import { BOARD_GUARDS, type RecordGuard } from './recordGuard'
import {
  encodeAwarenessFrame,
  encodeControlFrame,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeSyncUpdate,
  ProtocolError,
} from './wire'

/**
 * One workshop's live board: its connections, awareness, control state and outbox, around
 * its board document (BoardDocument.ts: layout, load, the one apply path, size,
 * compaction). Client updates are queued as they arrive and handed to the document in
 * one batch: at once in a quiet room, at the tick in a busy one. Transport-free: it is driven through `join`, `receive` and `leave` with any
 * `Connection`, so unit tests run it in memory (Room.test.ts) and the WebSocket endpoint
 * only adapts sockets to it.
 *
 * Life: created on the first join, it loads from storage while queueing the joiners'
 * messages (nobody gets sync step 1 before the stored state is in); then it applies
 * messages as they come; the registry (Rooms.ts) unloads it when empty and saved.
 */

export interface RoomLimits {
  maxDocumentBytes: number
  /**
   * Bytes of updates one member (not a facilitator) may add to the document while the
   * room is loaded; default a quarter of `maxDocumentBytes`, so one participant cannot
   * fill the board for everyone (beyond → 4507). Participants together never fill the
   * last quarter of the cap: that is the facilitators'.
   */
  memberShareBytes?: number
  commandsPerSecond: number
  commandBurst: number
  awarenessStatesPerSecond: number
  /** From this many recipients up, clients that accept bundles get the flush deflated once (`shared/bundle.ts`). */
  bundleFromRecipients?: number
}

export { DEFAULT_COMPACTION, type CompactionPolicy }

/**
 * The ports a room uses: its board's log, its workshop (title, coalition), its control
 * state, and the coalitions its sheet goes to.
 */
export type RoomStorage = DocumentLog & WorkshopStore & ControlStore & SpaceStore

export interface RoomOptions {
  workshopId: string
  storage: RoomStorage
  clock: Clock
  log: Logger
  limits: RoomLimits
  sections: readonly AnySection[]
  guards?: readonly RecordGuard[]
  tickPolicy?: TickPolicy
  compaction?: CompactionPolicy
  /** Called once if the room closes itself (load failed, workshop gone). */
  onClosed?: (room: Room) => void
  /** Other servers on the same database (server/cluster); none by default. */
  cluster?: Cluster
}

interface Peer {
  conn: Connection
  /** Frames received while the room loads, replayed in order once it is ready. */
  queue: Uint8Array[] | null
  commands: TokenBucket
}

type Phase = 'loading' | 'ready' | 'closed'

export class Room implements FeedTarget {
  readonly workshopId: string
  readonly board: BoardDocument
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  /** Applies and encodes the awareness without reading each state's JSON again. */
  private readonly presence: AwarenessStates
  /** Resolves when the room is ready (or closed because loading failed). */
  readonly loaded: Promise<void>
  /** Cards' shared texts: clients' changes judged inside their transaction once applied (cardTextGuard.ts). */
  private texts: CardTextGuard | null = null
  private phase: Phase = 'loading'
  private readonly peers = new Map<Connection, Peer>()
  private readonly hub: ControlHub
  private readonly outbox: Outbox
  private readonly rate: RateMeter
  private readonly tickMs: () => number
  private droppedViewerUpdates = 0
  private droppedAwarenessEntries = 0
  /** Updates received (decoded, not applied) and not yet handed to the document. */
  private incoming: ClientUpdate<Peer>[] = []
  private incomingBytes = 0
  /** Bytes each member added this session (facilitators: not counted), for its share. */
  private readonly memberBytes = new Map<string, number>()
  private readonly owners = new AwarenessOwners<Connection>()
  private readonly identity = new AwarenessIdentity<Connection>()
  /** Connections whose claim of another identity was logged already. */
  private readonly impersonators = new WeakSet<Connection>()
  private reloading = false
  /** What other servers do to this workshop, and what this one tells them (server/cluster). */
  readonly feed: RoomFeed
  /** Sheet synchronisations, one after another. */
  private sheetSync: Promise<void> = Promise.resolve()

  constructor(private readonly opts: RoomOptions) {
    this.workshopId = opts.workshopId
    this.rate = new RateMeter(opts.clock)
    this.board = new BoardDocument({
      workshopId: opts.workshopId,
      storage: opts.storage,
      log: opts.log,
      guards: opts.guards ?? BOARD_GUARDS,
      controlState: (key) => this.hub.getState(key),
      judgeApplied: (tr, actor, record) => this.texts?.settleWithin(tr, actor, record),
    })
    this.doc = this.board.doc
    this.awareness = new awarenessProtocol.Awareness(this.doc)
    this.presence = new AwarenessStates(this.awareness)
    // The server is not a participant: no presence of its own.
    this.awareness.setLocalState(null)
    this.hub = new ControlHub({
      sections: opts.sections,
      clock: opts.clock,
      log: opts.log,
      load: () => opts.storage.loadControl(this.workshopId),
      commit: async (key, change) => {
        let state: unknown
        const version = await opts.storage.updateControl(this.workshopId, key, (stored) => (state = change(stored)))
        const patch = version === null ? null : workshopPatchFor(key, state)
        if (patch) await opts.storage.updateWorkshop(this.workshopId, patch)
        // A facilitator's sheet goes to the coalitions that list the workshop.
        // (A coalition newer still is taken after this command, not awaited: the hub runs one at a time.)
        if (key === 'sheet' && version !== null && state !== undefined) {
          const taken = await this.reconcileSheet(state as SheetState)
          if (taken) void this.takeSheet(taken)
        }
        return version
      },
    })
    this.feed = new RoomFeed(this, opts.cluster ?? noCluster, opts.storage, opts.log)
    const policy = opts.tickPolicy ?? DEFAULT_TICK_POLICY
    this.tickMs = () => chooseTickMs(this.peers.size, this.rate.perSecond(), policy)
    this.outbox = new Outbox({
      clock: opts.clock,
      persist: async (update) => this.feed.advance(await this.board.persist(update)),
      recipients: () => this.readyConnections(),
      encodeAwareness: (ids) => this.presence.encode(ids),
      tickMs: this.tickMs,
      beforeFlush: () => this.applyIncoming(),
      awarenessStatesPerSecond: opts.limits.awarenessStatesPerSecond,
      bundleFromRecipients: opts.limits.bundleFromRecipients,
      afterFlush: () => this.afterFlush(),
      onPersistError: (err) => opts.log.error({ err, workshopId: this.workshopId }, 'update not saved; will retry'),
    })
    this.awareness.on('update', this.onAwarenessUpdate)
    this.loaded = this.load()
  }

  connectionCount(): number {
    return this.peers.size
  }

  isClosed(): boolean {
    return this.phase === 'closed'
  }

  /** Whether something accepted is not durable yet (the room must not be unloaded). */
  hasUnsaved(): boolean {
    return this.incoming.length > 0 || this.outbox.hasUnsaved() || this.hub.isBusy()
  }

  /** Viewer document updates dropped so far (observability and tests). */
  droppedUpdates(): number {
    return this.droppedViewerUpdates
  }

  /** Awareness entries dropped so far: for client ids another connection owns (echoes, spoofing). */
  droppedAwareness(): number {
    return this.droppedAwarenessEntries
  }

  join(conn: Connection): void {
    if (this.phase === 'closed') {
      conn.close(CloseCode.serverRestarting, CloseReason[CloseCode.serverRestarting])
      return
    }
    const { commandsPerSecond, commandBurst } = this.opts.limits
    const peer: Peer = {
      conn,
      queue: this.phase === 'loading' ? [] : null,
      commands: new TokenBucket(this.opts.clock, commandsPerSecond, commandBurst),
    }
    this.peers.set(conn, peer)
    // Numbered on arrival (not on first cursor move): anonymous labels follow the order people came in.
    this.identity.roleNumberOf(conn)
    if (this.phase === 'ready') this.welcome(peer)
  }

  /** One incoming frame. Never throws: a bad frame closes only its connection. */
  receive(conn: Connection, data: Uint8Array): void {
    const peer = this.peers.get(conn)
    if (!peer || this.phase === 'closed') return
    if (peer.queue) {
      peer.queue.push(data)
      return
    }
    this.dispatch(peer, data)
  }

  leave(conn: Connection): void {
    const peer = this.peers.get(conn)
    if (!peer) return
    this.peers.delete(conn)
    // Only the ids this connection owned: nobody else's cursor goes with it.
    const owned = this.owners.release(conn).filter((id) => this.awareness.getStates().has(id))
    if (owned.length > 0 && this.phase !== 'closed')
      awarenessProtocol.removeAwarenessStates(this.awareness, owned, null)
    const memberId = conn.memberId
    if (![...this.peers.keys()].some((c) => c.memberId === memberId)) this.hub.forget(memberId)
  }

  /** Resolves when every accepted update is durable and broadcast. */
  whenIdle(): Promise<void> {
    return this.outbox.whenIdle()
  }

  /**
   * Closes every connection with `code`, saves what is pending and frees the document.
   * Resolves false if something could not be saved.
   */
  async close(code: CloseCode = CloseCode.serverRestarting): Promise<boolean> {
    if (this.phase === 'closed') return true
    // Accepted updates are saved like any other (guarded first, while the room still runs).
    this.applyIncoming()
    // The other servers drop this server's people's cursors now, not after awareness's 30 s
    // timeout (their browsers reconnect there and bring them back).
    const local = [...this.peers.keys()]
      .flatMap((conn) => [...this.owners.idsOf(conn)])
      .filter((id) => this.awareness.getStates().has(id))
    if (local.length > 0) awarenessProtocol.removeAwarenessStates(this.awareness, local, null)
    this.feed.flushAwareness()
    this.phase = 'closed'
    this.closeConnections(code)
    const saved = await this.outbox.drain()
    this.destroy()
    return saved
  }

  /** Closes every connection and drops pending work without saving (workshop deleted). */
  discard(code: CloseCode): void {
    if (this.phase === 'closed') return
    this.phase = 'closed'
    this.closeConnections(code)
    this.outbox.stop()
    this.destroy()
  }

  /** Closes the connections of these roles (their links were replaced); the room goes on for the others. */
  closeRoles(roles: readonly Role[], code: CloseCode): number {
    let closed = 0
    for (const conn of [...this.peers.keys()]) {
      if (!roles.includes(conn.role)) continue
      conn.close(code, CloseReason[code])
      closed++
    }
    return closed
  }

  private closeConnections(code: CloseCode): void {
    for (const conn of [...this.peers.keys()]) {
      this.peers.delete(conn)
      conn.close(code, CloseReason[code])
    }
  }

  private destroy(): void {
    this.feed.stop()
    this.awareness.off('update', this.onAwarenessUpdate)
    this.awareness.destroy()
    this.board.destroy()
  }

  /**
   * The « Fiche coalition » and the coalitions listing this workshop brought to the newer
   * of them: on load, after a facilitator's change, when the space's admin changed it.
   * Resolves with the sheet the workshop must take, if a coalition's is newer. Never fails
   * the room: a storage error is logged and the sheet stays as it is.
   */
  private reconcileSheet(sheet: SheetState | undefined): Promise<SheetState | null> {
    const run = this.sheetSync.then(async () => {
      if (!sheet) return null
      try {
        return await reconcileWorkshopSheet(this.opts.storage, this.opts.log, this.workshopId, sheet)
      } catch (err) {
        this.opts.log.error({ err, workshopId: this.workshopId }, 'coalition sheet not synchronised')
        return null
      }
    })
    this.sheetSync = run.then(() => undefined)
    return run
  }

  /** The space's admin changed the coalition: the loaded room takes its sheet. */
  async refreshSheet(): Promise<void> {
    if (this.phase === 'closed') return
    await this.loaded
    const taken = await this.reconcileSheet(this.hub.getState('sheet') as SheetState | undefined)
    if (taken) await this.takeSheet(taken)
  }

  /** A coalition's newer sheet stored as the workshop's, and sent to everyone connected. */
  private async takeSheet(sheet: SheetState): Promise<void> {
    await this.hub.serverChange('sheet', () => sheet)
    if (this.phase !== 'closed' && this.hub.hasChanges()) this.outbox.requestFlush()
  }

  private async load(): Promise<void> {
    const { storage, workshopId } = this.opts
    const started = this.opts.clock.now()
    let loaded: { bytes: number; updates: number }
    try {
      const [meta, stored] = await Promise.all([storage.getWorkshop(workshopId), this.board.load()])
      loaded = stored
      if (this.isClosed()) return
      if (!meta) return this.failLoad(CloseCode.workshopNotFound)
      await this.hub.load(seedsFromWorkshop(meta))
      if (this.isClosed()) return
      const taken = await this.reconcileSheet(this.hub.getState('sheet') as SheetState | undefined)
      if (taken) await this.hub.serverChange('sheet', () => taken)
      if (this.isClosed()) return
    } catch (err) {
      this.opts.log.error({ err, workshopId }, 'room failed to load')
      return this.failLoad(CloseCode.serverError)
    }
    // From here on every change to the document is persisted and broadcast, the repairs
    // just below included (a board a hostile client or an older server left broken is
    // fixed once, as server writes).
    this.doc.on('update', this.onDocUpdate)
    const repaired = this.board.repairAndOpen()
    if (repaired.length > 0) this.opts.log.warn({ workshopId, repaired }, 'stored board repaired on load')
    this.texts = new CardTextGuard({
      doc: this.doc,
      record: (id) => this.board.record(id),
      recordIds: () => this.board.recordIds(),
      lock: () => this.hub.getState('lock') as LockState | undefined,
      onProblem: (cardId, problem) => this.opts.log.debug({ workshopId, cardId, problem }, 'card texts put back'),
    })
    // Cards stored before shared texts (or written without them) get theirs now, as a server
    // write that is stored and relayed, before anybody syncs.
    const textsRepaired = this.texts.repairAll()
    if (textsRepaired > 0) this.opts.log.info({ workshopId, cards: textsRepaired }, 'card texts repaired on load')
    this.doc.getMap(CARD_TEXTS_MAP).observeDeep(this.onTextsChange)
    // Cards this server's clients added or removed get or lose their texts; another
    // server's own clients' cards are that server's business (two servers would race).
    this.board.onRecordsChange((keys, tr) => {
      if (this.actorOfTransaction(tr)) this.texts?.noteRecordChanges(keys)
    })
    this.phase = 'ready'
    this.feed.start(this.board.storedSeq())
    this.opts.log.info(
      { workshopId, ms: this.opts.clock.now() - started, bytes: loaded.bytes, updates: loaded.updates },
      'room loaded',
    )
    for (const peer of this.peers.values()) {
      const queued = peer.queue ?? []
      peer.queue = null
      this.welcome(peer)
      for (const data of queued) {
        if (!this.peers.has(peer.conn)) break
        this.dispatch(peer, data)
      }
    }
  }

  private failLoad(code: CloseCode): void {
    this.discard(code)
    this.opts.onClosed?.(this)
  }

  private welcome(peer: Peer): void {
    const { conn } = peer
    conn.send(encodeSyncStep1(this.doc))
    if (this.awareness.getStates().size > 0) {
      const ids = [...this.awareness.getStates().keys()]
      conn.send(encodeAwarenessFrame(this.presence.encode(ids)))
    }
    conn.send(encodeControlFrame(this.hub.welcome(conn.role, conn.memberId, this.identity.roleNumberOf(conn))))
  }

  private dispatch(peer: Peer, data: Uint8Array): void {
    this.rate.mark()
    try {
      const decoder = decoding.createDecoder(data)
      const type = decoding.readVarUint(decoder)
      switch (type) {
        case MessageType.sync:
          return this.onSync(peer, decoder)
        case MessageType.awareness: {
          const update = decoding.readVarUint8Array(decoder)
          expectEnd(decoder)
          return this.onAwareness(peer, update)
        }
        case MessageType.queryAwareness: {
          expectEnd(decoder)
          const ids = [...this.awareness.getStates().keys()]
          peer.conn.send(encodeAwarenessFrame(this.presence.encode(ids)))
          return
        }
        case MessageType.control:
          return this.onControl(peer, data, decoder)
        default:
          throw new ProtocolError(CloseCode.malformedMessage, `unknown message type ${type}`)
      }
    } catch (err) {
      const code = err instanceof ProtocolError ? err.code : CloseCode.malformedMessage
      this.opts.log.debug({ err, workshopId: this.workshopId, code }, 'closing connection after a bad frame')
      this.refuse(peer, code)
    }
  }

  /** Closes one connection with `code` (its later frames are not read). */
  private refuse(peer: Peer, code: CloseCode): void {
    if (!this.peers.has(peer.conn)) return
    this.leave(peer.conn)
    peer.conn.close(code, CloseReason[code])
  }

  /** Applies the entries of an awareness update this connection may speak for (awarenessOwners.ts). */
  private onAwareness(peer: Peer, update: Uint8Array): void {
    let entries: AwarenessEntry[]
    try {
      entries = decodeAwarenessEntries(update)
    } catch {
      throw new ProtocolError(CloseCode.malformedMessage, 'malformed awareness update')
    }
    const admitted = this.owners.admit(peer.conn, entries, (id) => this.awareness.meta.get(id)?.clock)
    if (admitted.hostile) throw new ProtocolError(CloseCode.malformedMessage, 'awareness for too many clients')
    this.droppedAwarenessEntries += admitted.dropped
    if (admitted.allowed.length === 0) return
    // Name, role and member id are the server's word (awarenessIdentity.ts).
    let stamped
    try {
      stamped = this.identity.stamp(peer.conn, admitted.allowed)
    } catch {
      throw new ProtocolError(CloseCode.malformedMessage, 'malformed awareness state')
    }
    // Logged once per connection: a client that keeps claiming (a stock or scripted one
    // sends a state per cursor move) wrote a log line per frame, 2.5 % of the server's CPU
    // in the 50-client bench, all of it in the receive path.
    if (stamped.impersonations > 0 && !this.impersonators.has(peer.conn)) {
      this.impersonators.add(peer.conn)
      this.opts.log.info(
        { workshopId: this.workshopId, role: peer.conn.role },
        'awareness state claimed another member or role; corrected (logged once per connection)',
      )
    }
    this.presence.apply(stamped.entries, peer.conn)
  }

  private onSync(peer: Peer, decoder: decoding.Decoder): void {
    const kind = decoding.readVarUint(decoder)
    if (kind === syncProtocol.messageYjsSyncStep1) {
      const stateVector = decoding.readVarUint8Array(decoder)
      expectEnd(decoder)
      const reply = encodeSyncStep2(this.doc, stateVector)
      // The reply may hold updates not yet on disk: it leaves once they are.
      this.outbox.afterPersisted(() => {
        if (this.peers.has(peer.conn)) peer.conn.send(reply)
      })
      return
    }
    if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate) {
      throw new ProtocolError(CloseCode.malformedMessage, `unknown sync message ${kind}`)
    }
    const update = decoding.readVarUint8Array(decoder)
    expectEnd(decoder)
    if (!canEditBoard(peer.conn.role)) {
      this.droppedViewerUpdates += 1
      return
    }
    // Decoded in full before anything else, so a broken update changes nothing.
    const decoded = decodeUpdateOnce(update)
    if (
      this.board.storedSize() + this.outbox.pendingBytes() + this.incomingBytes + update.byteLength >
      this.opts.limits.maxDocumentBytes
    ) {
      throw new ProtocolError(CloseCode.documentTooLarge, 'document too large')
    }
    const { conn } = peer
    if (conn.role !== 'facilitator') {
      // One member's share, and the last quarter of the cap kept for facilitators: a member
      // id is cheap (a new socket without a member key gets a fresh one), the reserve is not.
      const { maxDocumentBytes, memberShareBytes } = this.opts.limits
      const used = (this.memberBytes.get(conn.memberId) ?? 0) + update.byteLength
      const total = this.board.storedSize() + this.outbox.pendingBytes() + this.incomingBytes + update.byteLength
      if (
        used > (memberShareBytes ?? Math.floor(maxDocumentBytes / 4)) ||
        total > Math.floor((maxDocumentBytes * 3) / 4)
      ) {
        throw new ProtocolError(CloseCode.memberShareFull, 'member share full')
      }
      this.memberBytes.set(conn.memberId, used)
    }
    this.incoming.push({ source: peer, actor: this.actorOf(peer), update, decoded })
    this.incomingBytes += update.byteLength
    // A quiet room applies at once; a busy one with the rest of the tick, just before the flush.
    if (this.tickMs() > 0) this.outbox.requestFlush()
    else this.applyIncoming()
  }

  /**
   * Hands the updates received since the last call to the board document, in one batch
   * (one Yjs transaction: finding C, every transaction walks all the document's client ids
   * a few times, so with 1,000 writers one per update passed a core). Each update is still
   * judged with its own author; a refused or broken one closes only its sender.
   */
  private applyIncoming(): void {
    if (this.incoming.length === 0 || this.phase !== 'ready') return
    const batch = this.incoming
    this.incoming = []
    this.incomingBytes = 0
    const results = this.board.applyClientUpdates(batch)
    results.forEach((result, i) => {
      const { source: peer, update } = batch[i]
      if (result.kind === 'refused') {
        // Nothing of it is in the document: it does not count against the sender's share.
        const { memberId, role } = peer.conn
        if (role !== 'facilitator')
          this.memberBytes.set(memberId, Math.max(0, (this.memberBytes.get(memberId) ?? 0) - update.byteLength))
        this.opts.log.info({ workshopId: this.workshopId, memberId, reason: result.reason }, 'update refused')
        this.refuse(peer, CloseCode.updateRefused)
      } else if (result.kind === 'failed') {
        this.opts.log.debug({ err: result.error, workshopId: this.workshopId }, 'update failed to integrate')
        if (result.inconsistent) this.reloadWhenSaved()
        this.refuse(peer, CloseCode.malformedMessage)
      }
    })
    // Card texts are judged inside each transaction; what is left (texts for cards added or
    // removed, changes seen only by the observer) is settled now, as server writes.
    try {
      this.texts?.settle()
    } catch (err) {
      this.opts.log.error({ err, workshopId: this.workshopId }, 'card texts settle failed')
    }
  }

  /**
   * The document in memory no longer matches its own encoding (see dropMalformedEntries):
   * once what it accepted is stored, the room closes (4503, clients reconnect at once) and
   * the next join loads it again from storage, as every peer decoded it.
   */
  private reloadWhenSaved(): void {
    if (this.reloading) return
    this.reloading = true
    this.opts.log.warn({ workshopId: this.workshopId }, 'inconsistent update: the room reloads from storage')
    this.outbox.afterPersisted(() => {
      void this.close(CloseCode.serverRestarting).then(() => this.opts.onClosed?.(this))
    })
  }

  private onControl(peer: Peer, data: Uint8Array, decoder: decoding.Decoder): void {
    if (data.byteLength > MAX_COMMAND_BYTES + 8) throw new ProtocolError(CloseCode.messageTooLarge, 'command too large')
    const text = decoding.readVarString(decoder)
    expectEnd(decoder)
    const parsed = this.hub.parse(text)
    const { conn } = peer
    if (!peer.commands.take()) {
      conn.send(encodeControlFrame({ kind: 'result', id: parsed.id, ...hubRefusal('rate-limited') }))
      return
    }
    void this.hub
      .execute(parsed, this.actorOf(peer), this.phase === 'ready' ? (id) => this.board.hasRecord(id) : undefined)
      .then((result) => {
        if (this.peers.has(conn)) conn.send(encodeControlFrame(result))
        if (this.hub.hasChanges()) this.outbox.requestFlush()
      })
  }

  private actorOf(peer: Peer): Actor {
    // The name the connection joined with (awarenessIdentity.ts), not what its state says now.
    return { role: peer.conn.role, memberId: peer.conn.memberId, name: this.identity.nameOf(peer.conn) }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    const from: DocOrigin = docOriginOf(origin)
    if (from.kind === 'load') return
    if (from.kind === 'accepted') {
      // Stored already by the server that accepted it: relayed, not stored again.
      const frame = encodeSyncUpdate(update)
      for (const conn of this.readyConnections()) conn.send(frame)
      return
    }
    this.outbox.addUpdate(update)
  }

  // ── What other servers on the same database did (server/cluster/roomFeed.ts) ──

  /**
   * Updates another server already accepted — guarded and stored there: applied and relayed
   * to this server's connections, never stored or guarded again (their origin is neither a
   * connection nor a batch, so the record guards let them through).
   */
  applyFromOtherServer(updates: readonly Uint8Array[], whole = false): void {
    if (this.phase !== 'ready') return
    const { incomplete, dropped } = this.board.applyAccepted(updates, whole)
    // Rows read out of order (one committed late): the whole document fills the gap; what
    // even the whole document does not complete is dropped (see dropHeldAside).
    if (incomplete && !whole) this.feed.resync()
    else if (dropped)
      this.opts.log.warn({ workshopId: this.workshopId }, 'stored update parts with missing dependencies dropped')
  }

  replaceControl(section: string, state: unknown, version: number): void {
    if (this.phase !== 'ready') return
    this.hub.replaceState(section, state, version)
    if (this.hub.hasChanges()) this.outbox.requestFlush()
  }

  controlVersion(section: string): number {
    return this.hub.version(section)
  }

  controlSections(): readonly string[] {
    return this.hub.sectionKeys()
  }

  applyOtherServersAwareness(update: Uint8Array): void {
    if (this.phase !== 'ready') return
    awarenessProtocol.applyAwarenessUpdate(this.awareness, update, FROM_OTHER_SERVER)
  }

  encodeAwareness(clientIds: number[]): Uint8Array {
    return this.presence.encode(clientIds)
  }

  workshopGone(): void {
    this.discard(CloseCode.workshopDeleted)
    this.opts.onClosed?.(this)
  }

  // ── end of what other servers did ──

  /** The author of a client transaction (or its role, for a batch); null for the server's own writes. */
  private actorOfTransaction(tr: Y.Transaction): Actor | null {
    const from = docOriginOf(tr.origin)
    return from.kind === 'clients' ? from.actor : null
  }

  private readonly onTextsChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void => {
    this.texts?.noteTextChanges(events, this.actorOfTransaction(tr), tr)
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const ids = [...added, ...updated, ...removed]
    this.outbox.addAwareness(ids)
    // This server's people only: what came from another server is not sent back round.
    if (origin !== FROM_OTHER_SERVER) this.feed.localAwareness(ids)
  }

  private *readyConnections(): Iterable<Connection> {
    for (const peer of this.peers.values()) if (!peer.queue) yield peer.conn
  }

  private async afterFlush(): Promise<void> {
    if (this.phase !== 'ready') return
    this.hub.push(this.readyConnections())
    // Runs inside a flush, so no append races with it.
    await this.board.compactIfDue(this.opts.compaction ?? DEFAULT_COMPACTION)
  }
}

/** The origin of other servers' awareness states this room applies (roomFeed.ts). */
const FROM_OTHER_SERVER = Symbol('from another server')

/**
 * A frame holds exactly one message: bytes after it mean a broken or hostile client (the
 * y-websocket client never sends any), refused before anything is applied.
 */
function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new ProtocolError(CloseCode.malformedMessage, 'bytes after the message')
}
