import * as Y from 'yjs'

/** Yjs' decoded delete set and struct store (not exported as types by Yjs). */
type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds']
type StructStore = Y.Doc['store']
import { BOARD_ROOT_TYPES, type RootValidation } from '../../shared/board'
import { isKeyValueEntry } from './recordGuard'

/**
 * What a client's update would do to the board, read from its bytes before anything is
 * applied (`Y.decodeUpdate`), so the room can refuse it whole or judge each record change
 * first (BoardDocument.applyClientUpdates).
 *
 * Every new struct is placed where Yjs would integrate it: its parent is its own parent
 * field (a root type's name, or the item holding a nested type) or, when it has
 * neighbours, the parent of its left neighbour (`origin`), else of its right one — found
 * in the document's store or in the same update. That placement decides:
 * - a struct in a root type the layout does not declare (`BOARD_ROOT_TYPES`), in a
 *   server-only root (`tl_meta`), nested in a type, or between neighbours of two different
 *   types (an honest client never writes one; Yjs would link it into a list its parent
 *   does not own) → the whole update is refused;
 * - an entry in `tl_records` → one record insert (`{ key, val }`; anything else refuses
 *   the update);
 * - a struct whose dependencies are neither stored nor in the update → ignored: Yjs keeps
 *   it aside and the room drops it (a real client only builds on what it has).
 * Deletions are read against the store: deleting `tl_meta` content or another root's
 * refuses the update; deleting the current entry of a key is that record's removal.
 *
 * Work is proportional to the update (plus a binary search in the store per lookup), not
 * to the document.
 */

/** One `{ key, val }` entry the update inserts into `tl_records`, with its Yjs id. */
export interface RecordInsert {
  client: number
  clock: number
  key: string
  val: unknown
}

export type UpdatePlan =
  | {
      ok: true
      inserts: RecordInsert[]
      /** Keys whose current entry the update deletes. */
      removes: Set<string>
      /** Yjs client ids the update carries structs for. */
      clients: Set<number>
    }
  | { ok: false; reason: string }

/** Tells whether a stored `tl_records` entry (object and id) is the current value of its key. */
export interface CurrentEntries {
  isCurrent(entry: { key: string; val: unknown }, client: number, clock: number): boolean
}

/** Where a struct lands. */
/**
 * `parent`: '' for the root type itself, else the id of the item holding the nested type
 * (two neighbours must share the very same parent, not only the root).
 */
type Place =
  | { kind: 'root'; name: string; sub: string | null; nested: boolean; parent: string }
  | { kind: 'gc' }
  | { kind: 'missing' }
  | { kind: 'refused'; reason: string }

const GC_PLACE: Place = { kind: 'gc' }
const MISSING: Place = { kind: 'missing' }
/** A struct placed through more neighbours than this is refused (no real update comes close). */
const MAX_RESOLUTION_DEPTH = 64

class Refusal extends Error {}

/** How each kind of root type judges a new struct in it: throws a Refusal, or returns its entries. */
const ROOT_RULES: Record<RootValidation, (item: Y.Item, place: Place & { kind: 'root' }) => readonly unknown[]> = {
  records(item, place) {
    if (place.nested) throw new Refusal('nested type in tl_records')
    if (place.sub !== null) throw new Refusal('key on tl_records')
    if (item.content instanceof Y.ContentDeleted) return []
    if (!(item.content instanceof Y.ContentAny)) throw new Refusal('tl_records entry that is not a { key, val } object')
    for (const entry of item.content.arr)
      if (!isKeyValueEntry(entry)) throw new Refusal('tl_records entry that is not a { key, val } object')
    return item.content.arr
  },
  // Placement checked like everywhere; the texts by cardTextGuard.ts once applied.
  cardTexts() {
    return []
  },
  serverOnly() {
    throw new Refusal('written by the server only')
  },
}

export function planUpdate(
  doc: Y.Doc,
  decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: DeleteSet },
  current: CurrentEntries,
): UpdatePlan {
  try {
    return new Planner(doc, decoded, current).plan()
  } catch (err) {
    if (err instanceof Refusal) return { ok: false, reason: err.message }
    throw err
  }
}

class Planner {
  private readonly store: StructStore
  /** The update's structs by client, sorted by clock. */
  private readonly own = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>()
  private readonly ownStructs: Set<Y.Item | Y.GC | Y.Skip>
  private readonly places = new Map<Y.Item, Place>()
  /** The update's own deletions, by client, sorted: entries born dead are no insert. */
  private readonly deleted = new Map<number, { clock: number; len: number }[]>()

  constructor(
    doc: Y.Doc,
    private readonly decoded: { structs: (Y.Item | Y.GC | Y.Skip)[]; ds: DeleteSet },
    private readonly current: CurrentEntries,
  ) {
    this.store = doc.store
    this.ownStructs = new Set(decoded.structs)
    for (const struct of decoded.structs) {
      let list = this.own.get(struct.id.client)
      if (!list) this.own.set(struct.id.client, (list = []))
      list.push(struct)
    }
    for (const list of this.own.values()) list.sort((a, b) => a.id.clock - b.id.clock)
    for (const [client, ranges] of decoded.ds.clients)
      this.deleted.set(
        client,
        [...ranges].sort((a, b) => a.clock - b.clock),
      )
  }

  plan(): UpdatePlan {
    const inserts: RecordInsert[] = []
    const clients = new Set<number>()
    for (const struct of this.decoded.structs) {
      clients.add(struct.id.client)
      if (!(struct instanceof Y.Item)) continue
      const known = Y.getState(this.store, struct.id.client)
      if (struct.id.clock + struct.length <= known) continue
      const place = this.placeOf(struct, 0)
      if (place.kind === 'refused') throw new Refusal(place.reason)
      if (place.kind !== 'root') continue
      const offset = Math.max(0, known - struct.id.clock)
      if (offset > 0) this.expectSameParent(struct, place, known)
      const rule = rootRule(place.name)
      const entries = rule(struct, place)
      for (let i = offset; i < entries.length; i++) {
        const entry = entries[i] as { key: string; val: unknown }
        const clock = struct.id.clock + i
        if (this.bornDead(struct.id.client, clock)) continue
        inserts.push({ client: struct.id.client, clock, key: entry.key, val: entry.val })
      }
    }
    return { ok: true, inserts, removes: this.removals(), clients }
  }

  /**
   * Yjs integrates the unknown tail of a struct the store partly has after the store's
   * last struct of that client: that one must sit in the same type.
   */
  private expectSameParent(struct: Y.Item, place: Place & { kind: 'root' }, known: number): void {
    const left = Y.getItem(this.store, Y.createID(struct.id.client, known - 1))
    const leftPlace = left instanceof Y.Item ? this.storedPlace(left) : null
    if (!leftPlace || !samePlace(leftPlace, place)) {
      throw new Refusal('continues a struct of another type')
    }
  }

  private bornDead(client: number, clock: number): boolean {
    const ranges = this.deleted.get(client)
    if (!ranges) return false
    let lo = 0
    let hi = ranges.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const r = ranges[mid]
      if (clock < r.clock) hi = mid - 1
      else if (clock >= r.clock + r.len) lo = mid + 1
      else return true
    }
    return false
  }

  /** The record removals the update's delete set makes, checked against the layout. */
  private removals(): Set<string> {
    const removes = new Set<string>()
    for (const [client, ranges] of this.deleted) {
      const structs = this.store.clients.get(client)
      if (!structs) continue
      const known = Y.getState(this.store, client)
      for (const { clock, len } of ranges) {
        const end = Math.min(clock + len, known)
        if (clock >= end) continue
        for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i].id.clock < end; i++) {
          const item = structs[i]
          if (!(item instanceof Y.Item) || item.deleted) continue
          const place = this.storedPlace(item)
          if (place.kind !== 'root') continue
          const validation = isDeclared(place.name) ? BOARD_ROOT_TYPES[place.name].validation : null
          if (validation === 'cardTexts') continue
          if (validation !== 'records') throw new Refusal(`deletes content of ${place.name}`)
          if (!(item.content instanceof Y.ContentAny)) continue
          const from = Math.max(clock, item.id.clock) - item.id.clock
          const to = Math.min(end, item.id.clock + item.length) - item.id.clock
          for (let j = from; j < to; j++) {
            const entry = item.content.arr[j]
            if (isKeyValueEntry(entry) && this.current.isCurrent(entry, item.id.client, item.id.clock + j))
              removes.add(entry.key)
          }
        }
      }
    }
    return removes
  }

  /** A struct (of the update or of the store) holding this id, or null when neither has it. */
  private find(id: Y.ID): Y.Item | Y.GC | Y.Skip | null {
    if (id.clock < Y.getState(this.store, id.client)) return Y.getItem(this.store, id)
    const list = this.own.get(id.client)
    if (!list) return null
    let lo = 0
    let hi = list.length - 1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      const s = list[mid]
      if (id.clock < s.id.clock) hi = mid - 1
      else if (id.clock >= s.id.clock + s.length) lo = mid + 1
      else return s
    }
    return null
  }

  /** Where a stored item is (its parent is a live type). */
  private storedPlace(item: Y.Item): Place {
    const parent = item.parent
    if (!(parent instanceof Y.AbstractType)) return GC_PLACE
    let type: Y.AbstractType<unknown> = parent
    const holder = parent._item
    while (type._item !== null) {
      const up = type._item.parent
      if (!(up instanceof Y.AbstractType)) return GC_PLACE
      type = up
    }
    return {
      kind: 'root',
      name: Y.findRootTypeKey(type),
      sub: item.parentSub,
      nested: holder !== null,
      parent: holder ? idKey(holder.id) : '',
    }
  }

  /** Where a struct of the update or of the store lands; `depth` bounds the walk through neighbours. */
  private placeOf(struct: Y.Item | Y.GC | Y.Skip, depth: number): Place {
    if (!(struct instanceof Y.Item)) return struct instanceof Y.GC ? GC_PLACE : MISSING
    // A stored item: integrated, its parent is known.
    if (!this.ownStructs.has(struct)) return this.storedPlace(struct)
    const cached = this.places.get(struct)
    if (cached) return cached
    if (depth > MAX_RESOLUTION_DEPTH) return { kind: 'refused', reason: 'struct placed through too many neighbours' }
    // Guards cycles (a struct whose origin is itself): resolved as missing while visiting.
    this.places.set(struct, MISSING)
    const place = this.resolve(struct, depth)
    this.places.set(struct, place)
    return place
  }

  private resolve(struct: Y.Item, depth: number): Place {
    const origin = struct.origin
    const right = struct.rightOrigin
    if (origin === null && right === null) {
      const parent = struct.parent as unknown
      if (typeof parent === 'string')
        return { kind: 'root', name: parent, sub: struct.parentSub, nested: false, parent: '' }
      if (parent instanceof Y.ID) {
        const holder = this.find(parent)
        if (!holder) return MISSING
        if (!(holder instanceof Y.Item)) return GC_PLACE
        if (!(holder.content instanceof Y.ContentType)) return { kind: 'refused', reason: 'parent is not a type' }
        const outer = this.placeOf(holder, depth + 1)
        return outer.kind === 'root'
          ? { kind: 'root', name: outer.name, sub: struct.parentSub, nested: true, parent: idKey(holder.id) }
          : outer
      }
      return MISSING
    }
    const leftPlace = origin ? this.neighbourPlace(origin, depth) : null
    const rightPlace = right ? this.neighbourPlace(right, depth) : null
    if (leftPlace?.kind === 'refused') return leftPlace
    if (rightPlace?.kind === 'refused') return rightPlace
    if (leftPlace?.kind === 'missing' || rightPlace?.kind === 'missing') return MISSING
    if (leftPlace?.kind === 'gc' || rightPlace?.kind === 'gc') return GC_PLACE
    if (leftPlace && rightPlace && !samePlace(leftPlace, rightPlace))
      return { kind: 'refused', reason: 'neighbours in two different types' }
    return (leftPlace ?? rightPlace) as Place
  }

  private neighbourPlace(id: Y.ID, depth: number): Place {
    const neighbour = this.find(id)
    if (!neighbour) return MISSING
    return this.placeOf(neighbour, depth + 1)
  }
}

function samePlace(a: Place, b: Place): boolean {
  return a.kind === 'root' && b.kind === 'root' && a.name === b.name && a.sub === b.sub && a.parent === b.parent
}

/** An item holding a nested type, named by its id (`parent` of a Place). */
function idKey(id: { client: number; clock: number }): string {
  return `${id.client}:${id.clock}`
}

function isDeclared(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(BOARD_ROOT_TYPES, name)
}

function rootRule(name: string): (typeof ROOT_RULES)[RootValidation] {
  const declared = isDeclared(name) ? BOARD_ROOT_TYPES[name] : undefined
  if (!declared) throw new Refusal(`root type ${JSON.stringify(name.slice(0, 40))} is not part of the board`)
  return ROOT_RULES[declared.validation]
}
