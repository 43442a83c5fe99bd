import * as decoding from 'lib0/decoding'
import type { Logger } from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { CARD_TEXTS_MAP, Origin, RECORDS_ARRAY } from '../../shared/board'
import type { LockState } from '../../shared/control/lock'
import { MAX_COMMAND_BYTES } from '../../shared/control/messages'
import type { Actor } from '../../shared/control/section'
import { canEditBoard, CloseCode, CloseReason, MessageType, type Role } from '../../shared/protocol'
import type { Clock } from '../clock'
import { noCluster, type Cluster } from '../cluster/Cluster'
import { RoomFeed, type FeedTarget } from '../cluster/roomFeed'
import { ControlHub } from '../control/ControlHub'
import { seedsFromWorkshop, workshopPatchFor, type AnySection } from '../control/sections'
import type { Storage } from '../storage/Storage'
import type { Connection } from './Connection'
import { AwarenessIdentity } from './awarenessIdentity'
import { CardTextGuard } from './cardTextGuard'
import { AwarenessOwners, decodeAwarenessEntries, encodeAwarenessEntries, type AwarenessEntry } from './awarenessOwners'
import { Outbox } from './Outbox'
import { chooseTickMs, DEFAULT_TICK_POLICY, RateMeter, TokenBucket, type TickPolicy } from './pacing'
import { clientsOf, DEFAULT_RECORD_GUARDS, dropMalformedEntries, guardChanges, removeMalformedEntries, type KeyValueChange, type RecordGuard } from './recordGuard'
import { encodeAwarenessFrame, encodeControlFrame, encodeSyncStep1, encodeSyncStep2, encodeSyncUpdate, ProtocolError } from './wire'

/**
 * One workshop's live board: its Y.Doc, awareness and control state, and the connections
 * editing it. Transport-free: it is driven through `join`, `receive` and `leave` with any
 * `Connection`, so unit tests run it in memory (Room.test.ts) and the WebSocket endpoint
 * only adapts sockets to it.
 *
 * Life: created on the first join, it loads from storage while queueing the joiners'
 * messages (nobody gets sync step 1 before the stored state is in); then it applies
 * messages as they come; the registry (Rooms.ts) unloads it when empty and saved.
 */

export interface RoomLimits {
  maxDocumentBytes: number
  commandsPerSecond: number
  commandBurst: number
  awarenessStatesPerSecond: number
}

/** When to fold the update log into a snapshot. */
export interface CompactionPolicy {
  maxRows: number
  maxBytes: number
}

export const DEFAULT_COMPACTION: CompactionPolicy = { maxRows: 500, maxBytes: 1_048_576 }

export interface RoomOptions {
  workshopId: string
  storage: Storage
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
  readonly doc = new Y.Doc()
  readonly awareness: awarenessProtocol.Awareness
  /** Resolves when the room is ready (or closed because loading failed). */
  readonly loaded: Promise<void>
  private kv: YKeyValue<unknown> | null = null
  /** Cards' shared texts: clients' changes checked and settled like record reverts (cardTextGuard.ts). */
  private texts: CardTextGuard | null = null
  private phase: Phase = 'loading'
  private readonly peers = new Map<Connection, Peer>()
  private readonly hub: ControlHub
  private readonly outbox: Outbox
  private readonly rate: RateMeter
  private readonly tickMs: () => number
  private readonly guards: readonly RecordGuard[]
  private reverts: { key: string; oldValue: unknown }[] = []
  /** Stored size (snapshot + log) and log length, to cap the document and trigger compaction. */
  private storedBytes = 0
  private logRows = 0
  private logBytes = 0
  private lastSeq = 0
  private droppedViewerUpdates = 0
  private droppedAwarenessEntries = 0
  /** Updates accepted (checked, not applied) since the last flush, in a room that batches. */
  private incoming: { peer: Peer; update: Uint8Array; touched: Set<number> }[] = []
  private incomingBytes = 0
  private readonly owners = new AwarenessOwners<Connection>()
  private readonly identity = new AwarenessIdentity<Connection>()
  private reloading = false
  /** What other servers do to this workshop, and what this one tells them (server/cluster). */
  readonly feed: RoomFeed

  constructor(private readonly opts: RoomOptions) {
    this.workshopId = opts.workshopId
    this.guards = opts.guards ?? DEFAULT_RECORD_GUARDS
    this.rate = new RateMeter(opts.clock)
    this.awareness = new awarenessProtocol.Awareness(this.doc)
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
        return version
      },
    })
    this.feed = new RoomFeed(this, opts.cluster ?? noCluster, opts.storage, opts.log)
    const policy = opts.tickPolicy ?? DEFAULT_TICK_POLICY
    this.tickMs = () => chooseTickMs(this.peers.size, this.rate.perSecond(), policy)
    this.outbox = new Outbox({
      clock: opts.clock,
      persist: (update) => this.persist(update),
      recipients: () => this.readyConnections(),
      encodeAwareness: (ids) => awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids),
      tickMs: this.tickMs,
      beforeFlush: () => this.applyIncoming(),
      awarenessStatesPerSecond: opts.limits.awarenessStatesPerSecond,
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
    if (owned.length > 0 && this.phase !== 'closed') awarenessProtocol.removeAwarenessStates(this.awareness, owned, null)
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
    const local = [...this.peers.keys()].flatMap((conn) => [...this.owners.idsOf(conn)]).filter((id) => this.awareness.getStates().has(id))
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
    this.doc.destroy()
  }

  private async load(): Promise<void> {
    const { storage, workshopId } = this.opts
    const started = this.opts.clock.now()
    try {
      const [meta, stored] = await Promise.all([storage.getWorkshop(workshopId), storage.loadDoc(workshopId)])
      if (this.isClosed()) return
      if (!meta) return this.failLoad(CloseCode.workshopNotFound)
      Y.transact(
        this.doc,
        () => {
          if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot)
          for (const update of stored.updates) Y.applyUpdate(this.doc, update)
        },
        Origin.load,
        false,
      )
      this.logRows = stored.updates.length
      this.logBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0)
      this.storedBytes = this.logBytes + (stored.snapshot?.byteLength ?? 0)
      this.lastSeq = stored.lastSeq
      await this.hub.load(seedsFromWorkshop(meta))
      if (this.isClosed()) return
    } catch (err) {
      this.opts.log.error({ err, workshopId }, 'room failed to load')
      return this.failLoad(CloseCode.serverError)
    }
    // From here on every change to the document is persisted and broadcast, including
    // YKeyValue's own clean-up of duplicate keys in the constructor just below.
    this.doc.on('update', this.onDocUpdate)
    const records = this.doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY)
    // A board stored before its malformed entries were caught would break YKeyValue (here
    // and in every browser): repaired once, as a server write that is stored and relayed.
    if (dropHeldAside(this.doc)) this.opts.log.warn({ workshopId }, 'stored update parts with missing dependencies dropped on load')
    const repaired = removeMalformedEntries(this.doc, records, Origin.server)
    if (repaired > 0) this.opts.log.warn({ workshopId, repaired }, 'malformed board entries removed on load')
    this.kv = new YKeyValue(records)
    this.kv.on('change', this.onRecordsChange)
    const kv = this.kv
    this.texts = new CardTextGuard({
      doc: this.doc,
      record: (id) => kv.get(id),
      recordIds: () => kv.map.keys(),
      lock: () => this.hub.getState('lock') as LockState | undefined,
      onProblem: (cardId, problem) => this.opts.log.debug({ workshopId, cardId, problem }, 'card texts put back'),
    })
    // Cards stored before shared texts (or written without them) get theirs now, as a server
    // write that is stored and relayed, before anybody syncs.
    const textsRepaired = this.texts.repairAll()
    if (textsRepaired > 0) this.opts.log.info({ workshopId, cards: textsRepaired }, 'card texts repaired on load')
    this.doc.getMap(CARD_TEXTS_MAP).observeDeep(this.onTextsChange)
    this.phase = 'ready'
    this.feed.start(this.lastSeq)
    this.opts.log.info({ workshopId, ms: this.opts.clock.now() - started, bytes: this.storedBytes, updates: this.logRows }, 'room loaded')
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
      conn.send(encodeAwarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
    }
    conn.send(encodeControlFrame(this.hub.welcome(conn.role, conn.memberId)))
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
          peer.conn.send(encodeAwarenessFrame(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)))
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
      this.leave(peer.conn)
      peer.conn.close(code, CloseReason[code])
    } finally {
      this.applyReverts()
    }
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
    if (stamped.impersonations > 0) this.opts.log.info({ workshopId: this.workshopId, role: peer.conn.role }, 'awareness state claimed another member or role; corrected')
    const own = !stamped.changed && admitted.allowed.length === entries.length ? update : encodeAwarenessEntries(stamped.entries)
    awarenessProtocol.applyAwarenessUpdate(this.awareness, own, peer.conn)
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
    // Decode fully before applying, so a broken update changes nothing; what it carries
    // bounds the clean-up below.
    const touched = clientsOf(Y.decodeUpdate(update))
    if (this.storedBytes + this.outbox.pendingBytes() + this.incomingBytes + update.byteLength > this.opts.limits.maxDocumentBytes) {
      throw new ProtocolError(CloseCode.documentTooLarge, 'document too large')
    }
    if (this.tickMs() > 0) {
      // A busy room: applied with the rest of the tick's updates, just before the flush.
      this.incoming.push({ peer, update, touched })
      this.incomingBytes += update.byteLength
      this.outbox.requestFlush()
      return
    }
    const records = this.doc.getArray(RECORDS_ARRAY)
    let misplaced = 0
    Y.transact(
      this.doc,
      (tr) => {
        try {
          Y.applyUpdate(this.doc, update)
        } finally {
          // In the same transaction, so neither YKeyValue nor any client ever sees them —
          // also when Yjs throws half-way: what it integrated before throwing is kept,
          // stored and relayed, so it must be clean too (the throw then closes the socket).
          misplaced = dropMalformedEntries(this.doc, records, tr, touched).misplaced
          if (dropHeldAside(this.doc)) this.opts.log.debug({ workshopId: this.workshopId }, 'update parts with missing dependencies dropped')
        }
      },
      peer.conn,
      false,
    )
    if (misplaced > 0) {
      this.reloadWhenSaved()
      throw new ProtocolError(CloseCode.malformedMessage, 'update links items into another type')
    }
  }

  /**
   * Applies the updates a busy room accepted since its last flush, in one Yjs transaction
   * per role (finding C). Every Yjs transaction walks all the document's client ids a few
   * times (state vectors before and after, the update event's encoding, YKeyValue's own
   * transaction): with 1,000 writers, one transaction per incoming update made that a
   * few million steps per second and the room's CPU passed one core. Grouped by role
   * because the guards' verdicts depend on it (`BatchOrigin`); each update is still
   * cleaned up on its own and a bad one closes only its sender.
   */
  private applyIncoming(): void {
    if (this.incoming.length === 0 || this.phase !== 'ready') return
    const batch = this.incoming
    this.incoming = []
    this.incomingBytes = 0
    const records = this.doc.getArray(RECORDS_ARRAY)
    const roles = [...new Set(batch.map((b) => b.peer.conn.role))]
    for (const role of roles) {
      const failed: Peer[] = []
      Y.transact(
        this.doc,
        (tr) => {
          for (const { peer, update, touched } of batch) {
            // A sender refused earlier in the batch is closed: its later frames are not read.
            if (peer.conn.role !== role || failed.includes(peer)) continue
            try {
              Y.applyUpdate(this.doc, update)
            } catch {
              failed.push(peer)
            } finally {
              if (dropMalformedEntries(this.doc, records, tr, touched).misplaced > 0) {
                this.reloadWhenSaved()
                failed.push(peer)
              }
              dropHeldAside(this.doc)
            }
          }
        },
        new BatchOrigin(role),
        false,
      )
      this.applyReverts()
      for (const peer of failed) {
        if (!this.peers.has(peer.conn)) continue
        this.leave(peer.conn)
        peer.conn.close(CloseCode.malformedMessage, CloseReason[CloseCode.malformedMessage])
      }
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
      conn.send(encodeControlFrame({ kind: 'result', id: parsed.id, ok: false, error: 'rate limited' }))
      return
    }
    const kv = this.kv
    void this.hub.execute(parsed, this.actorOf(peer), kv ? (id) => kv.has(id) : undefined).then((result) => {
      if (this.peers.has(conn)) conn.send(encodeControlFrame(result))
      if (this.hub.hasChanges()) this.outbox.requestFlush()
    })
  }

  private actorOf(peer: Peer): Actor {
    // The name the connection joined with (awarenessIdentity.ts), not what its state says now.
    return { role: peer.conn.role, memberId: peer.conn.memberId, name: this.identity.nameOf(peer.conn) }
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (origin === FROM_OTHER_SERVER) {
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
    Y.transact(
      this.doc,
      () => {
        for (const update of updates) Y.applyUpdate(this.doc, update)
      },
      FROM_OTHER_SERVER,
      false,
    )
    const bytes = updates.reduce((sum, u) => sum + u.byteLength, 0)
    this.logRows += updates.length
    this.logBytes += bytes
    this.storedBytes += bytes
    // Rows read out of order (one committed late): the whole document fills the gap; what
    // even the whole document does not complete is dropped (see dropHeldAside).
    if (this.doc.store.pendingStructs === null && this.doc.store.pendingDs === null) return
    if (!whole) this.feed.resync()
    else if (dropHeldAside(this.doc)) this.opts.log.warn({ workshopId: this.workshopId }, 'stored update parts with missing dependencies dropped')
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
    return awarenessProtocol.encodeAwarenessUpdate(this.awareness, clientIds)
  }

  workshopGone(): void {
    this.discard(CloseCode.workshopDeleted)
    this.opts.onClosed?.(this)
  }

  // ── end of what other servers did ──

  /** The actor of a client's transaction; null for the server's own writes. */
  private actorOfTransaction(tr: Y.Transaction): Actor | null {
    const peer = this.peers.get(tr.origin as Connection)
    if (peer) return this.actorOf(peer)
    if (tr.origin instanceof BatchOrigin) return { role: tr.origin.role, memberId: '', name: '' }
    return null
  }

  private readonly onTextsChange = (events: Y.YEvent<Y.AbstractType<unknown>>[], tr: Y.Transaction): void => {
    this.texts?.noteTextChanges(events, this.actorOfTransaction(tr))
  }

  private readonly onRecordsChange = (changes: Map<string, KeyValueChange>, tr: Y.Transaction): void => {
    // Cards this server's clients added or removed get or lose their texts here; another
    // server's own clients' cards are that server's business (two servers creating texts
    // for one card would race).
    if (this.actorOfTransaction(tr)) this.texts?.noteRecordChanges(changes.keys())
    // Only what a client wrote is guarded; the server's own writes are trusted.
    const peer = this.peers.get(tr.origin as Connection)
    const batch = tr.origin instanceof BatchOrigin ? tr.origin : null
    if (!peer && !batch) return
    const actor = peer ? this.actorOf(peer) : { role: batch?.role ?? 'viewer', memberId: '', name: '' }
    const kv = this.kv
    const reverts = guardChanges(
      changes,
      actor,
      this.guards,
      (err) => this.opts.log.error({ err, workshopId: this.workshopId }, 'record guard threw; reverting'),
      { record: (id) => kv?.get(id), controlState: (key) => this.hub.getState(key), records: () => recordsOf(kv) },
    )
    this.reverts.push(...reverts)
  }

  /** The compensating server write for refused record changes (after the client's transaction). */
  private applyReverts(): void {
    this.applyRecordReverts()
    if (this.phase === 'closed') return
    try {
      this.texts?.settle()
    } catch (err) {
      this.opts.log.error({ err, workshopId: this.workshopId }, 'card texts settle failed')
    }
  }

  private applyRecordReverts(): void {
    if (this.reverts.length === 0 || !this.kv || this.phase === 'closed') return
    const reverts = this.reverts
    this.reverts = []
    const kv = this.kv
    try {
      this.doc.transact(() => {
        for (const { key, oldValue } of reverts) {
          if (oldValue === undefined) kv.delete(key)
          else kv.set(key, oldValue)
        }
      }, Origin.server)
    } catch (err) {
      this.opts.log.error({ err, workshopId: this.workshopId }, 'revert failed')
    }
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

  private async persist(update: Uint8Array): Promise<void> {
    const seq = await this.opts.storage.appendUpdate(this.workshopId, update)
    this.lastSeq = Math.max(this.lastSeq, seq)
    this.feed.advance(seq)
    this.logRows += 1
    this.logBytes += update.byteLength
    this.storedBytes += update.byteLength
  }

  private async afterFlush(): Promise<void> {
    if (this.phase !== 'ready') return
    this.hub.push(this.readyConnections())
    const policy = this.opts.compaction ?? DEFAULT_COMPACTION
    if (this.logRows > policy.maxRows || this.logBytes > policy.maxBytes) await this.compact()
  }

  /** Folds the log into a snapshot. Runs inside a flush, so no append races with it. */
  private async compact(): Promise<void> {
    const snapshot = Y.encodeStateAsUpdate(this.doc)
    try {
      await this.opts.storage.compact(this.workshopId, snapshot, this.lastSeq)
      this.storedBytes = snapshot.byteLength
      this.logRows = 0
      this.logBytes = 0
    } catch (err) {
      this.opts.log.error({ err, workshopId: this.workshopId }, 'compaction failed; the log stays')
    }
  }
}

/** The origin of what another server accepted and this room applies (roomFeed.ts). */
const FROM_OTHER_SERVER = Symbol('from another server')

/**
 * The origin of a busy room's batch of client updates: the guards see the role they were
 * written with (all of one role in one batch); who exactly wrote each change is not known.
 */
class BatchOrigin {
  constructor(readonly role: Role) {}
}

/**
 * Forgets what Yjs keeps aside until its dependencies arrive (structs after a clock gap,
 * deletions of unknown structs). A y-websocket client never sends such a thing — it only
 * builds on what it has, which it got from us or made itself, in order — so it is a broken
 * or hostile client's; kept, it would take memory for ever, be sent to newcomers within
 * sync step 2 and be stored with the next compaction, and a newcomer could integrate part
 * of it that the room never did (a Yjs corner: the room retries only on new integrations).
 * Returns whether anything was dropped.
 */
function dropHeldAside(doc: Y.Doc): boolean {
  const held = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
  return held
}

/**
 * A frame holds exactly one message: bytes after it mean a broken or hostile client (the
 * y-websocket client never sends any), refused before anything is applied.
 */
function expectEnd(decoder: decoding.Decoder): void {
  if (decoding.hasContent(decoder)) throw new ProtocolError(CloseCode.malformedMessage, 'bytes after the message')
}

/** Every record of the board as `[key, value]`, for the guards' lazy index (recordGuard.ts). */
function* recordsOf(kv: YKeyValue<unknown> | null): Iterable<readonly [string, unknown]> {
  if (!kv) return
  for (const [key, entry] of kv.map) yield [key, entry.val]
}
