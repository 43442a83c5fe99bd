import type { Logger } from 'pino'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'

/** Yjs' struct store (not exported as a type by Yjs). */
type StructStore = Y.Doc['store']
import { BOARD_ROOT_TYPES, isBoardRootType, META_MAP, META_SCHEMA_KEY, RECORDS_ARRAY } from '../../shared/board'
import type { Actor } from '../../shared/control/section'
import { defaultPageRecord } from '../../shared/templates'
import { DEFAULT_PAGE_ID } from '../../shared/templates/records'
import { boardSchema } from './boardSchema'
import type { DocumentLog } from '../storage/documentLog/port'
import {
  dropMalformedEntries,
  judgeChanges,
  removeMalformedEntries,
  type RecordChange,
  type RecordGuard,
} from './recordGuard'
import { applyDecodedUpdate, type DecodedUpdate } from './decodedUpdate'
import { planUpdate, type RecordInsert } from './updatePlan'

/**
 * One workshop's board document: the Y.Doc and its layout (`shared/board.ts`), loading
 * and repairing it, the one path by which client updates enter it, its stored size and
 * compaction. The room (Room.ts) owns the connections and says who wrote what; this file
 * decides what of it the board takes.
 *
 * Client updates (`applyClientUpdates`): each is planned from its bytes first
 * (updatePlan.ts: placement of every struct, record inserts and removals). An update
 * outside the layout is refused whole: nothing applied, stored or relayed. Otherwise every
 * record change goes through the guards (recordGuard.ts) with its author, and only then is
 * the update applied — in the same Yjs transaction as the compensations for the changes a
 * guard refused (refused entries deleted by id, refused removals written back). Yjs
 * garbage-collects content inserted and deleted in one transaction before it encodes the
 * transaction's update (`cleanupTransactions`: `tryGcDeleteSet`, then the `update` event),
 * so refused content is never stored or relayed, and the author converges on the result
 * like everyone else. A busy room passes a whole tick of updates in one call: one Yjs
 * transaction per role (finding C: every transaction walks every client id of the document;
 * the role is what card texts need). Card texts are judged on the applied document at the
 * end of that same transaction (`judgeApplied`), so what they put back is dropped before the
 * update is encoded too.
 */

/** Where a transaction on the board document comes from: it decides what the room does with its update. */
export type DocOrigin =
  /**
   * Client updates the board judged and took (applyClientUpdates): stored, then relayed.
   * One transaction per role in a batch; `actor` is the author when the transaction holds
   * one update, else the role alone (for what is judged after applying: card texts).
   */
  | { kind: 'clients'; actor: Actor }
  /** The server's own write (repair on load, schema, checkpoint restore): stored, then relayed. */
  | { kind: 'server'; why: 'repair' | 'schema' | 'restore' }
  /** Updates another server already accepted and stored (applyAccepted, server/cluster): relayed, not stored again. */
  | { kind: 'accepted' }
  /** The stored state being read: neither stored again nor relayed. */
  | { kind: 'load' }

const LOAD: DocOrigin = { kind: 'load' }
const ACCEPTED: DocOrigin = { kind: 'accepted' }

/**
 * The origin of a transaction on the document as the room sees it. Writes by other
 * server modules (checkpoint restore, with `Origin.import` of shared/board.ts) are the
 * server's own.
 */
export function docOriginOf(origin: unknown): DocOrigin {
  if (typeof origin === 'object' && origin !== null && 'kind' in origin) return origin as DocOrigin
  return { kind: 'server', why: 'restore' }
}

/** One client update, with who wrote it and its decoded form (decoded once, on receipt: decodedUpdate.ts). */
export interface ClientUpdate<S> {
  source: S
  actor: Actor
  update: Uint8Array
  decoded: DecodedUpdate
}

export type ClientUpdateResult =
  | { kind: 'applied'; refusedChanges: number }
  /** Outside the layout: nothing of it applied. */
  | { kind: 'refused'; reason: string }
  /** Yjs threw while integrating it (a hand-made update): what it integrated is kept clean. */
  | { kind: 'failed'; error: unknown; inconsistent: boolean }
  /** Its sender already failed earlier in the batch: not read. */
  | { kind: 'skipped' }

export interface BoardDocumentOptions {
  workshopId: string
  /** Where the board is loaded from, appended to and compacted. */
  storage: DocumentLog
  log: Logger
  guards: readonly RecordGuard[]
  /** A control section's state, for the guards (the lock). */
  controlState(key: string): unknown
  /**
   * What is judged on the applied document, inside the same transaction, once a
   * transaction's updates are in (card texts: cardTextGuard.ts `settleWithin`); `record`
   * reads the records as the transaction left them. What it writes back is dropped by Yjs
   * before the update is encoded, like the guards' compensations.
   */
  judgeApplied?(tr: Y.Transaction, actor: Actor, record: (key: string) => unknown): void
}

/** When to fold the update log into a snapshot. */
export interface CompactionPolicy {
  maxRows: number
  maxBytes: number
}

export const DEFAULT_COMPACTION: CompactionPolicy = { maxRows: 500, maxBytes: 1_048_576 }

/** A value written in the current batch transaction, and the id of its entry (null: removed). */
interface Written {
  val: unknown
  id: { client: number; clock: number } | null
}

export class BoardDocument {
  readonly doc = new Y.Doc()
  readonly records: Y.Array<{ key: string; val: unknown }>
  private kv: YKeyValue<unknown> | null = null
  /** Stored size (snapshot + log) and log length, to cap the document and trigger compaction. */
  private storedBytes = 0
  private logRows = 0
  private logBytes = 0
  private lastSeq = 0
  /**
   * Record values the guards validated (the objects the board holds, by identity: the
   * integration reuses the values the guards read, decodedUpdate.ts): a later change to
   * such a record has its unchanged fields taken as they are (validationGuard.ts). Weak, so
   * a replaced value leaves with the record it was.
   */
  private readonly validated = new WeakSet<object>()

  constructor(private readonly opts: BoardDocumentOptions) {
    this.records = this.doc.getArray(RECORDS_ARRAY)
  }

  /** Reads a record as the board holds it now (undefined before load). */
  record(id: string): unknown {
    return this.kv?.get(id)
  }

  hasRecord(id: string): boolean {
    return this.kv?.has(id) ?? false
  }

  /** The ids of every record now. */
  recordIds(): Iterable<string> {
    return this.kv?.map.keys() ?? []
  }

  /** Listens to record changes once open (YKeyValue's change events, with their transaction). */
  onRecordsChange(listener: (keys: Iterable<string>, tr: Y.Transaction) => void): void {
    this.kv?.on('change', (changes: Map<string, unknown>, tr: Y.Transaction) => listener(changes.keys(), tr))
  }

  /** Bytes stored for this document (snapshot + log). */
  storedSize(): number {
    return this.storedBytes
  }

  /** Reads the stored state into the document (nothing is stored or relayed). */
  async load(): Promise<{ bytes: number; updates: number }> {
    const stored = await this.opts.storage.loadDoc(this.opts.workshopId)
    Y.transact(
      this.doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(this.doc, stored.snapshot)
        for (const update of stored.updates) Y.applyUpdate(this.doc, update)
      },
      LOAD,
      false,
    )
    this.logRows = stored.updates.length
    this.logBytes = stored.updates.reduce((sum, u) => sum + u.byteLength, 0)
    this.storedBytes = this.logBytes + (stored.snapshot?.byteLength ?? 0)
    this.lastSeq = stored.lastSeq
    return { bytes: this.storedBytes, updates: this.logRows }
  }

  /**
   * Repairs what a broken or hostile client, or an older server, left in the stored
   * document, as server writes (stored and relayed: call once the room listens for
   * updates), then starts reading records. Returns what was repaired, for the log.
   */
  repairAndOpen(): string[] {
    const repaired: string[] = []
    if (dropHeldAside(this.doc)) repaired.push('update parts with missing dependencies dropped')
    const foreign = this.removeForeignRoots()
    if (foreign > 0) repaired.push(`${foreign} items of root types the board does not declare deleted`)
    const malformed = removeMalformedEntries(this.doc, this.records, {
      kind: 'server',
      why: 'repair',
    } satisfies DocOrigin)
    if (malformed > 0) repaired.push(`${malformed} malformed board entries removed`)
    // YKeyValue removes duplicate keys while constructing: a repair too.
    this.kv = this.doc.transact(() => new YKeyValue<unknown>(this.records), {
      kind: 'server',
      why: 'repair',
    } satisfies DocOrigin)
    const schema = this.writeSchema()
    if (schema) repaired.push(schema)
    return repaired
  }

  /**
   * Writes the server's tldraw schema to `tl_meta.schema` unless it is there already,
   * and nothing else to `tl_meta`; gives a board without a page tldraw's default one. Records written under an older schema are migrated up
   * first (what a client did on its first write before the server owned the schema); a
   * schema that is newer or unreadable (a poisoned board) is replaced, records kept.
   */
  private writeSchema(): string | null {
    const meta = this.doc.getMap<unknown>(META_MAP)
    const schema = boardSchema()
    const ours = schema.serialize()
    const stored = meta.get(META_SCHEMA_KEY)
    const others = [...meta.keys()].filter((k) => k !== META_SCHEMA_KEY)
    const pageless = !this.hasPage()
    if (others.length === 0 && !pageless && JSON.stringify(stored) === JSON.stringify(ours)) return null
    const persisted = readSerializedSchema(stored)
    const migrations = persisted ? schema.getMigrationsSince(persisted) : null
    const migrate = persisted && migrations?.ok && migrations.value.length > 0
    let migrated = 0
    this.doc.transact(
      () => {
        if (migrate && this.kv) {
          for (const [key, entry] of [...this.kv.map]) {
            const result = schema.migratePersistedRecord(
              entry.val as Parameters<typeof schema.migratePersistedRecord>[0],
              persisted,
              'up',
            )
            if (result.type === 'success' && result.value !== entry.val) {
              this.kv.set(key, result.value)
              migrated += 1
            }
          }
        }
        for (const key of others) meta.delete(key)
        if (JSON.stringify(stored) !== JSON.stringify(ours)) meta.set(META_SCHEMA_KEY, ours)
        // Every board has a page (tldraw's default one, as its editor would add): shapes
        // must have a parent on the board, also those written before any client opened it.
        if (pageless) this.kv?.set(DEFAULT_PAGE_ID, defaultPageRecord())
      },
      { kind: 'server', why: 'schema' } satisfies DocOrigin,
    )
    if (stored === undefined || JSON.stringify(stored) === JSON.stringify(ours)) return null
    return migrate ? `schema upgraded, ${migrated} records migrated` : 'schema rewritten (it was not the server’s)'
  }

  private hasPage(): boolean {
    if (!this.kv) return false
    for (const entry of this.kv.map.values())
      if ((entry.val as { typeName?: unknown } | null)?.typeName === 'page') return true
    return false
  }

  /** Deletes the content of every root type `shared/board.ts` does not declare. */
  private removeForeignRoots(): number {
    const foreign = new Set<unknown>()
    for (const [name, type] of this.doc.share) if (!isBoardRootType(name)) foreign.add(type)
    if (foreign.size === 0) return 0
    let deleted = 0
    this.doc.transact(
      (tr) => {
        for (const structs of this.doc.store.clients.values()) {
          for (const struct of [...structs]) {
            if (!(struct instanceof Y.Item) || struct.deleted) continue
            if (foreign.has(rootOf(struct))) {
              struct.delete(tr)
              deleted += 1
            }
          }
        }
      },
      { kind: 'server', why: 'repair' } satisfies DocOrigin,
    )
    return deleted
  }

  /**
   * The one way client updates enter the board (see the file comment). Updates of a
   * source that failed or was refused earlier in the batch are skipped.
   */
  applyClientUpdates<S>(batch: readonly ClientUpdate<S>[]): ClientUpdateResult[] {
    const results = new Array<ClientUpdateResult>(batch.length)
    const kv = this.kv
    if (!kv) throw new Error('board document not open')
    const stopped = new Set<S>()
    // One transaction per role: what is judged after applying (card texts) needs the role.
    for (const role of new Set(batch.map((item) => item.actor.role))) {
      const indexes = batch.flatMap((item, i) => (item.actor.role === role ? [i] : []))
      const actor = indexes.length === 1 ? batch[indexes[0]].actor : { role, memberId: '', name: '' }
      this.applyInOneTransaction(batch, indexes, results, stopped, kv, { kind: 'clients', actor })
    }
    return results
  }

  private applyInOneTransaction<S>(
    batch: readonly ClientUpdate<S>[],
    indexes: readonly number[],
    results: ClientUpdateResult[],
    stopped: Set<S>,
    kv: YKeyValue<unknown>,
    origin: DocOrigin,
  ): void {
    const view = new BatchView(kv, this.opts, this.validated)
    Y.transact(
      this.doc,
      (tr) => {
        for (const i of indexes) {
          const item = batch[i]
          if (stopped.has(item.source)) {
            results[i] = { kind: 'skipped' }
            continue
          }
          const result = this.applyOne(tr, item, view)
          if (result.kind === 'refused' || result.kind === 'failed') stopped.add(item.source)
          results[i] = result
        }
        if (origin.kind === 'clients') this.judgeApplied(tr, origin.actor, view)
        // Y.applyUpdate marks the transaction remote; left so, Yjs would give the room a new
        // client id after every compensation it wrote here (Transaction.js cleanup).
        tr.local = true
      },
      origin,
      true,
    )
  }

  private judgeApplied(tr: Y.Transaction, actor: Actor, view: BatchView): void {
    if (!this.opts.judgeApplied) return
    try {
      this.opts.judgeApplied(tr, actor, (key) => view.record(key))
    } catch (err) {
      this.opts.log.error({ err, workshopId: this.opts.workshopId }, 'judging the applied transaction failed')
    }
  }

  private applyOne<S>(tr: Y.Transaction, item: ClientUpdate<S>, view: BatchView): ClientUpdateResult {
    const { written } = view
    const plan = planUpdate(this.doc, item.decoded, view)
    if (!plan.ok) return { kind: 'refused', reason: plan.reason }

    const changes: (RecordChange & { insert: RecordInsert | null })[] = []
    const inserted = new Set<string>()
    for (const insert of plan.inserts) {
      changes.push({ key: insert.key, oldValue: view.record(insert.key), newValue: insert.val, insert })
      inserted.add(insert.key)
    }
    for (const key of plan.removes)
      if (!inserted.has(key)) changes.push({ key, oldValue: view.record(key), newValue: undefined, insert: null })
    const refused = judgeChanges(changes, item.actor, this.opts.guards, view)

    let error: unknown = null
    try {
      applyDecodedUpdate(this.doc, item.update, item.decoded)
    } catch (err) {
      error = err
    }
    dropHeldAside(this.doc)

    // Compensations, in this transaction: refused entries go (garbage-collected before the
    // update is encoded), refused removals come back.
    const accepted = new Set<string>()
    for (const change of changes) {
      if (refused.has(change)) {
        if (change.insert) deleteEntry(tr, this.doc.store, change.insert)
      } else {
        accepted.add(change.key)
        if (change.insert && typeof change.newValue === 'object' && change.newValue !== null)
          this.validated.add(change.newValue)
        written.set(
          change.key,
          change.insert ? { val: change.newValue, id: change.insert } : { val: undefined, id: null },
        )
      }
    }
    for (const change of refused) {
      if (accepted.has(change.key) || !plan.removes.has(change.key) || change.oldValue === undefined) continue
      accepted.add(change.key)
      const id = { client: this.doc.clientID, clock: Y.getState(this.doc.store, this.doc.clientID) }
      this.records.push([{ key: change.key, val: change.oldValue }])
      written.set(change.key, { val: change.oldValue, id })
    }
    if (error !== null) {
      // Yjs stopped half-way: what it integrated was planned, but keep the safety net.
      const { misplaced } = dropMalformedEntries(this.doc, this.records as Y.Array<unknown>, tr, plan.clients)
      return { kind: 'failed', error, inconsistent: misplaced > 0 }
    }
    return { kind: 'applied', refusedChanges: refused.size }
  }

  /**
   * Updates another server already accepted — judged and stored there (server/cluster):
   * applied as they are (origin `accepted`: the room relays them and stores nothing) and
   * counted in the stored size. Returns whether something stayed held aside (rows read out
   * of order); with `whole` (the whole stored document), what still is gets dropped.
   */
  applyAccepted(updates: readonly Uint8Array[], whole: boolean): { incomplete: boolean; dropped: boolean } {
    Y.transact(
      this.doc,
      () => {
        for (const update of updates) Y.applyUpdate(this.doc, update)
      },
      ACCEPTED,
      false,
    )
    const bytes = updates.reduce((sum, u) => sum + u.byteLength, 0)
    this.logRows += updates.length
    this.logBytes += bytes
    this.storedBytes += bytes
    const incomplete = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
    if (!incomplete || !whole) return { incomplete, dropped: false }
    return { incomplete, dropped: dropHeldAside(this.doc) }
  }

  /** The log position this document has read or written up to. */
  storedSeq(): number {
    return this.lastSeq
  }

  /** Stores an update the room accepted (the outbox calls it before relaying); returns its log position. */
  async persist(update: Uint8Array): Promise<number> {
    const seq = await this.opts.storage.appendUpdate(this.opts.workshopId, update)
    this.lastSeq = Math.max(this.lastSeq, seq)
    this.logRows += 1
    this.logBytes += update.byteLength
    this.storedBytes += update.byteLength
    return seq
  }

  /** Folds the log into a snapshot when it grew past the policy. Call between persists. */
  async compactIfDue(policy: CompactionPolicy = DEFAULT_COMPACTION): Promise<void> {
    if (this.logRows <= policy.maxRows && this.logBytes <= policy.maxBytes) return
    const snapshot = Y.encodeStateAsUpdate(this.doc)
    try {
      await this.opts.storage.compact(this.opts.workshopId, snapshot, this.lastSeq)
      this.storedBytes = snapshot.byteLength
      this.logRows = 0
      this.logBytes = 0
    } catch (err) {
      this.opts.log.error({ err, workshopId: this.opts.workshopId }, 'compaction failed; the log stays')
    }
  }

  destroy(): void {
    this.doc.destroy()
  }
}

/**
 * The board as one batch transaction sees it: the records before it plus what its updates
 * wrote so far (YKeyValue's map catches up only when the transaction ends). One object per
 * transaction, read by the planner and the guards (methods, not closures per update).
 */
class BatchView {
  readonly written = new Map<string, Written>()

  constructor(
    private readonly kv: YKeyValue<unknown>,
    private readonly opts: BoardDocumentOptions,
    private readonly validated: WeakSet<object>,
  ) {}

  knownGood(value: unknown): boolean {
    return typeof value === 'object' && value !== null && this.validated.has(value)
  }

  record(key: string): unknown {
    const w = this.written.get(key)
    return w ? w.val : this.kv.get(key)
  }

  /** Every record as `[key, value]` (the guards' lazy index). */
  *records(): Iterable<readonly [string, unknown]> {
    for (const [key, entry] of this.kv.map) if (!this.written.has(key)) yield [key, entry.val]
    for (const [key, w] of this.written) if (w.val !== undefined) yield [key, w.val]
  }

  /** Whether a stored entry (object and Yjs id) is its key's current value. */
  isCurrent(entry: { key: string; val: unknown }, client: number, clock: number): boolean {
    const w = this.written.get(entry.key)
    if (w) return w.id !== null && w.id.client === client && w.id.clock === clock
    return this.kv.map.get(entry.key) === entry
  }

  controlState(key: string): unknown {
    return this.opts.controlState(key)
  }

  onGuardError(err: unknown): void {
    this.opts.log.error({ err, workshopId: this.opts.workshopId }, 'record guard threw; refusing the change')
  }
}

/** Deletes one `tl_records` entry by its Yjs id, splitting its item if it holds others. */
function deleteEntry(tr: Y.Transaction, store: StructStore, at: { client: number; clock: number }): void {
  if (at.clock >= Y.getState(store, at.client)) return
  const id = Y.createID(at.client, at.clock)
  const struct = Y.getItem(store, id)
  if (!(struct instanceof Y.Item) || struct.deleted) return
  Y.getItemCleanEnd(tr, store, id)
  Y.getItemCleanStart(tr, id).delete(tr)
}

/** The root type an item lives in (through nested types). */
function rootOf(item: Y.Item): unknown {
  let parent = item.parent
  while (parent instanceof Y.AbstractType && parent._item !== null) parent = parent._item.parent
  return parent instanceof Y.AbstractType ? parent : null
}

function readSerializedSchema(
  value: unknown,
): Parameters<ReturnType<typeof boardSchema>['getMigrationsSince']>[0] | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  if (typeof (value as { schemaVersion?: unknown }).schemaVersion !== 'number') return null
  return value as Parameters<ReturnType<typeof boardSchema>['getMigrationsSince']>[0]
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
export function dropHeldAside(doc: Y.Doc): boolean {
  const held = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
  doc.store.pendingStructs = null
  doc.store.pendingDs = null
  return held
}

/** The declared root types, for documentation and tests. */
export const ROOT_TYPE_NAMES: readonly string[] = Object.keys(BOARD_ROOT_TYPES)
