import * as Y from 'yjs'
import { isDocumentRecordType } from '../../shared/board'
import type { Actor } from '../../shared/control/section'
import { cardGuard } from './cardGuard'
import type { GuardContext, GuardRoomView, GuardVerdict, RecordGuard } from './guard'
import { lockGuard } from './lockGuard'
import { recordValidationGuard, referenceGuard } from './validationGuard'

/**
 * Record guards: the server's last word on what a client may write into `tl_records`.
 * Before a client update is applied (BoardDocument.applyClientUpdates), each record change
 * it would make is put to every registered guard with its author; a change any guard
 * refuses is not taken: its entry is deleted and a removal written back in the same Yjs
 * transaction as the update, so the refused value is never stored or relayed and every
 * client converges on the board as the server keeps it.
 *
 * A guard is a plain function so locks and validation are added by registering more of
 * them (`BOARD_GUARDS`), without touching the sync path.
 */
export type { GuardContext, GuardRoomView, GuardVerdict, RecordGuard } from './guard'

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * Only document-scoped tldraw records, stored under their own id: camera, instance or
 * pointer records (or garbage) never enter the shared document.
 */
export const documentRecordGuard: RecordGuard = (key, _oldValue, newValue) => {
  if (newValue === undefined) return 'accept'
  if (!isPlainObject(newValue)) return 'revert'
  if (typeof newValue.id !== 'string' || newValue.id !== key) return 'revert'
  if (typeof newValue.typeName !== 'string' || !isDocumentRecordType(newValue.typeName)) return 'revert'
  return 'accept'
}

/** Who may change what, and our card rules: the guards unit tests of single rules run. */
export const DEFAULT_RECORD_GUARDS: readonly RecordGuard[] = [documentRecordGuard, lockGuard, cardGuard]

/**
 * The guards every room runs, in order: a document record under its own id, one tldraw
 * accepts with its parent and binding targets on the board (validationGuard.ts), then the
 * lock. The card rules need no guard of their own here: the tldraw schema validates card
 * props with the same schemas (`cardShapeProps`), and running both doubled the room's
 * validation cost per update.
 */
export const BOARD_GUARDS: readonly RecordGuard[] = [
  documentRecordGuard,
  recordValidationGuard,
  referenceGuard,
  lockGuard,
]

/**
 * Whether a raw entry of the `tl_records` array has the `{ key, val }` shape YKeyValue
 * relies on. Anything else (a number, null, a nested Y type) would break every client's
 * YKeyValue, so the room deletes it before anybody sees it.
 */
export function isKeyValueEntry(value: unknown): value is { key: string; val: unknown } {
  return (
    isPlainObject(value) &&
    Object.getPrototypeOf(value) === Object.prototype &&
    typeof value.key === 'string' &&
    'val' in value
  )
}

/** A change event entry of y-utility's YKeyValue. */
export type KeyValueChange =
  | { action: 'add'; newValue: unknown }
  | { action: 'update'; oldValue: unknown; newValue: unknown }
  | { action: 'delete'; oldValue: unknown }

/** One record change an update would make: `oldValue` undefined = added, `newValue` undefined = removed. */
export interface RecordChange {
  key: string
  oldValue: unknown
  newValue: unknown
}

/**
 * Asks every guard about every change; returns the refused ones. A guard that throws
 * refuses (a bug must not let garbage in). Guards read the board as it would be after
 * the accepted changes, so refusing one change can refuse others that need it (a shape
 * whose refused frame it sits in): asked again until nothing more is refused.
 * `room.record` reads the board before the update.
 */
export function judgeChanges<C extends RecordChange>(
  changes: readonly C[],
  actor: Actor,
  guards: readonly RecordGuard[],
  room: GuardRoomView & { onGuardError(err: unknown): void },
): Set<C> {
  if (changes.length === 0) return new Set<C>()
  return new Judgement(changes, room).run(actor, guards)
}

/**
 * One update's judgement. A class rather than closures: it runs for every client update,
 * and a handful of closures per call showed in the room's profile.
 */
class Judgement<C extends RecordChange> implements GuardContext {
  readonly refused = new Set<C>()
  private readonly after = new Map<string, unknown>()
  private index: BoardIndex | null = null

  constructor(
    private readonly changes: readonly C[],
    private readonly room: GuardRoomView & { onGuardError(err: unknown): void },
  ) {
    this.settle()
  }

  run(actor: Actor, guards: readonly RecordGuard[]): Set<C> {
    for (;;) {
      let more = false
      for (const change of this.changes) {
        if (this.refused.has(change)) continue
        for (const guard of guards) {
          let verdict: GuardVerdict
          try {
            verdict = guard(change.key, change.oldValue, change.newValue, actor, this)
          } catch (err) {
            this.room.onGuardError(err)
            verdict = 'revert'
          }
          if (verdict === 'revert') {
            this.refused.add(change)
            more = true
            break
          }
        }
      }
      if (!more) return this.refused
      this.settle()
    }
  }

  private settle(): void {
    this.after.clear()
    for (const change of this.changes) if (!this.refused.has(change)) this.after.set(change.key, change.newValue)
  }

  recordBefore(id: string): unknown {
    return this.room.record(id)
  }

  recordAfter(id: string): unknown {
    return this.after.has(id) ? this.after.get(id) : this.room.record(id)
  }

  controlState(key: string): unknown {
    return this.room.controlState(key)
  }

  knownGood(value: unknown): boolean {
    return this.room.knownGood?.(value) ?? false
  }

  childrenBefore(id: string): readonly string[] {
    this.index ??= indexBefore(this.room, this.changes)
    return this.index.children.get(id) ?? []
  }

  bindingsBefore(shapeId: string): readonly unknown[] {
    this.index ??= indexBefore(this.room, this.changes)
    return this.index.bindings.get(shapeId) ?? []
  }
}

/**
 * `judgeChanges` for a YKeyValue change map (unit tests of single guards; `room.record`
 * reads the board after the changes); returns the writes that would undo the refused
 * changes (`oldValue` undefined = delete the key).
 */
export function guardChanges(
  changes: ReadonlyMap<string, KeyValueChange>,
  actor: Actor,
  guards: readonly RecordGuard[],
  onGuardError: (err: unknown) => void,
  room: GuardRoomView = { record: () => undefined, controlState: () => undefined },
): { key: string; oldValue: unknown }[] {
  const list: RecordChange[] = [...changes].map(([key, c]) => ({
    key,
    oldValue: c.action === 'add' ? undefined : c.oldValue,
    newValue: c.action === 'delete' ? undefined : c.newValue,
  }))
  const recordBefore = (id: string): unknown => {
    const change = changes.get(id)
    if (!change) return room.record(id)
    return change.action === 'add' ? undefined : change.oldValue
  }
  const refused = judgeChanges(list, actor, guards, { ...room, record: recordBefore, onGuardError })
  return list.filter((c) => refused.has(c)).map(({ key, oldValue }) => ({ key, oldValue }))
}

/** Children by parent id and bindings by shape id, of the board before an update. */
interface BoardIndex {
  children: Map<string, string[]>
  bindings: Map<string, unknown[]>
}

function indexBefore(room: GuardRoomView, changes: readonly RecordChange[]): BoardIndex {
  const index: BoardIndex = { children: new Map(), bindings: new Map() }
  const push = <V>(map: Map<string, V[]>, key: unknown, value: V) => {
    if (typeof key !== 'string') return
    const list = map.get(key)
    if (list) list.push(value)
    else map.set(key, [value])
  }
  const add = (key: string, value: unknown) => {
    if (!isPlainObject(value)) return
    if (value.typeName === 'binding') {
      push(index.bindings, value.fromId, value)
      if (value.toId !== value.fromId) push(index.bindings, value.toId, value)
    } else {
      push(index.children, value.parentId, key)
    }
  }
  const changed = new Set(changes.map((c) => c.key))
  for (const [key, value] of room.records?.() ?? []) if (!changed.has(key)) add(key, value)
  for (const key of changed) add(key, room.record(key))
  return index
}

/**
 * Deletes, inside the transaction that inserted them, the entries of `records` that are
 * not `{ key, val }` objects. Deleted in the same transaction, they never show up in an
 * event (Yjs reports neither inserts nor deletes of items born and dead in one transaction)
 * and are garbage-collected before any client receives them.
 *
 * Also deleted: any new item linked between items of another type. Yjs trusts an update's
 * origins over its parent, so a hand-made update can chain an item of some other type into
 * `tl_records`' list (where `toArray` and YKeyValue find it) while its parent says
 * otherwise; a real client never writes that. Such an item also leaves the document
 * unlike its own encoding (a peer decoding it derives the parent from the origin), so the
 * caller must reload the document from storage: `misplaced` counts them.
 *
 * An insert carrying a malformed value is deleted whole: YKeyValue inserts one entry per
 * item, so only a hand-made update can mix good and bad values.
 *
 * `clients`: the Yjs client ids the applied update carries structs for (`clientsOf`).
 * Only their new structs can be new, so the walk is proportional to the update, not to
 * every writer the document ever had (finding C: 1,000 writers × 1,000 updates/s was a
 * million steps per second). Default: every client (any transaction).
 */
export function dropMalformedEntries(
  doc: Y.Doc,
  records: Y.Array<unknown>,
  tr: Y.Transaction,
  clients: Iterable<number> = doc.store.clients.keys(),
): { dropped: number; misplaced: number; clientsVisited: number } {
  let dropped = 0
  let misplacedCount = 0
  let clientsVisited = 0
  for (const client of clients) {
    const structs = doc.store.clients.get(client)
    if (!structs) continue
    clientsVisited += 1
    const before = tr.beforeState.get(client) ?? 0
    if (Y.getState(doc.store, client) <= before) continue
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const item = structs[i]
      if (!(item instanceof Y.Item) || item.deleted) continue
      const misplaced = isMisplaced(item)
      if (!misplaced && item.parent !== records) continue
      const ok = !misplaced && item.content instanceof Y.ContentAny && item.content.arr.every(isKeyValueEntry)
      if (!ok) {
        item.delete(tr)
        dropped += 1
        if (misplaced) misplacedCount += 1
      }
    }
  }
  return { dropped, misplaced: misplacedCount, clientsVisited }
}

/** The client ids an update (as `Y.decodeUpdate` returns it) carries structs for. */
export function clientsOf(decoded: { structs: readonly { id: { client: number } }[] }): Set<number> {
  const clients = new Set<number>()
  for (const struct of decoded.structs) clients.add(struct.id.client)
  return clients
}

/** An item whose left or right neighbour belongs to another type (or another key). */
function isMisplaced(item: Y.Item): boolean {
  const left = item.left
  const right = item.right
  return (
    (left instanceof Y.Item && (left.parent !== item.parent || left.parentSub !== item.parentSub)) ||
    (right instanceof Y.Item && (right.parent !== item.parent || right.parentSub !== item.parentSub))
  )
}

/**
 * Deletes every entry of `records` that is not a `{ key, val }` object, entry by entry
 * (an item may hold good entries next to a bad one), in one transaction of `origin`.
 * For documents stored before a bad entry was caught; returns how many were removed.
 */
export function removeMalformedEntries<T>(doc: Y.Doc, records: Y.Array<T>, origin: unknown): number {
  const entries = records.toArray()
  const bad: number[] = []
  entries.forEach((entry, index) => {
    if (!isKeyValueEntry(entry)) bad.push(index)
  })
  if (bad.length === 0) return 0
  doc.transact(() => {
    for (let i = bad.length - 1; i >= 0; i--) records.delete(bad[i], 1)
  }, origin)
  return bad.length
}
