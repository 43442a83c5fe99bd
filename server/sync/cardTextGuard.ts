import * as Y from 'yjs'
import { Origin } from '../../shared/board'
import {
  asCardRecord,
  cardTextsRoot,
  setTextTo,
  type CardTexts,
  type CardTextsRoot,
} from '../../shared/cardText/cardTexts'
import { CARD_TEXT_FIELDS, cardTextMax, type CardType } from '../../shared/cards'
import { isEditBlocked, type LockableRecord, type LockState } from '../../shared/control/lock'
import type { Actor } from '../../shared/control/section'

/**
 * Merged typing can pass a field's limit (two people each within it at the same moment):
 * clients show the text cut at the limit and keep it whole. The server refuses only past
 * this many times the limit, a bound on what one card can hold, not a rule of the UI.
 */
export const TEXT_LIMIT_SLACK = 2

/** Why a card's entry in `card_texts` is refused, or null when it is acceptable. */
export function cardTextsProblem(entry: unknown, card: unknown): string | null {
  const record = asCardRecord(card)
  if (!record) return 'texts for something that is not a card'
  if (!(entry instanceof Y.Map)) return 'card texts must be a map of texts'
  const fields = CARD_TEXT_FIELDS[record.type]
  for (const [field, text] of (entry as Y.Map<unknown>).entries()) {
    if (!fields.includes(field)) return `${record.type} has no text field ${field}`
    const problem = textProblem(text, record.type, field)
    if (problem) return problem
  }
  return null
}

function textProblem(text: unknown, type: CardType, field: string): string | null {
  if (!(text instanceof Y.Text)) return `${field} must be a text`
  const max = cardTextMax(type, field) * TEXT_LIMIT_SLACK
  if (text.length > max) return `${field} is longer than ${max} characters`
  // Plain text only: no embedded objects, no formatting marks.
  for (const op of text.toDelta() as { insert?: unknown; attributes?: unknown }[]) {
    if (typeof op.insert !== 'string' || op.attributes !== undefined) return `${field} must be plain text`
  }
  return null
}

/** What the server last accepted for one card: the map and texts it knows, and their strings. */
interface Accepted {
  entry: CardTexts
  texts: Map<string, { text: Y.Text; value: string }>
}

export interface CardTextGuardOptions {
  doc: Y.Doc
  /** A record of the board now (raw, unchecked), e.g. the room's YKeyValue. */
  record(id: string): unknown
  /** Every record id of the board now (for `repairAll`). */
  recordIds(): Iterable<string>
  /** The room's lock now. */
  lock(): LockState | undefined
  onProblem?(cardId: string, problem: string): void
}

/**
 * The server's word on cards' shared texts (`card_texts`, `shared/board.ts`). Clients'
 * changes are judged inside their own transaction once applied (`settleWithin`), as the
 * record guards' compensations are: an entry that fails `cardTextsProblem`, replaces the
 * map or a text the server knows (which would wipe what others typed into it), or edits a
 * card locked for that participant is put back as the server last accepted it, in that
 * transaction, so the refused text is never relayed or stored; accepted ones become the new
 * reference. Changes seen only afterwards (`noteTextChanges`, then `settle`) are put back as
 * a server write. The server also keeps the layout whole on its own: every
 * card gets its texts (cards from before, or from a client that does not write them), and
 * texts of a card that is gone are removed.
 */
export class CardTextGuard {
  private readonly root: CardTextsRoot
  private readonly accepted = new Map<string, Accepted>()
  /** Cards whose texts a client changed in the transactions not settled yet, and who. */
  private readonly touched = new Map<string, Actor>()
  /** Cards whose record was added or removed since the last settle. */
  private readonly recordsChanged = new Set<string>()
  /** Client transactions already judged from within (`settleWithin`): their events need nothing more. */
  private readonly settledWithin = new WeakSet<Y.Transaction>()
  /** Where records are read: the board, or a batch's view of it while judging inside its transaction. */
  private lookup: (id: string) => unknown

  constructor(private readonly options: CardTextGuardOptions) {
    this.root = cardTextsRoot(options.doc)
    this.lookup = options.record
  }

  /**
   * Judges a client transaction's text changes from inside it, once its updates are applied
   * (BoardDocument.applyClientUpdates): what it puts back is written in the same
   * transaction, so Yjs drops the refused content before the update is encoded — it is never
   * relayed or stored, as with refused records. `record` reads the records as the
   * transaction left them (YKeyValue's map catches up only once it ends).
   */
  settleWithin(tr: Y.Transaction, actor: Actor, record: (id: string) => unknown): void {
    const ids = this.cardsChangedIn(tr)
    this.settledWithin.add(tr)
    if (ids.size === 0) return
    this.lookup = record
    try {
      for (const cardId of ids) this.settleCard(cardId, actor)
    } finally {
      this.lookup = this.options.record
    }
  }

  /** The cards whose texts a transaction changed so far (its changed types, up to the root's keys). */
  private cardsChangedIn(tr: Y.Transaction): Set<string> {
    const ids = new Set<string>()
    for (const [type, keys] of tr.changed) {
      if ((type as unknown) === this.root) {
        for (const key of keys) if (key !== null) ids.add(key)
        continue
      }
      let item = type._item
      while (item !== null) {
        const parent = item.parent
        if (parent === this.root) {
          if (item.parentSub !== null) ids.add(item.parentSub)
          break
        }
        item = parent instanceof Y.AbstractType ? parent._item : null
      }
    }
    return ids
  }

  /**
   * The root's deep observer, with the actor of the transaction (null: the server's own
   * write). A client transaction judged from within has nothing left to judge.
   */
  noteTextChanges(events: readonly Y.YEvent<Y.AbstractType<unknown>>[], actor: Actor | null, tr?: Y.Transaction): void {
    if (tr && this.settledWithin.has(tr)) return
    const ids = new Set<string>()
    for (const event of events) {
      if (event.target === this.root) for (const key of (event as Y.YMapEvent<unknown>).keysChanged) ids.add(key)
      else if (typeof event.path[0] === 'string') ids.add(event.path[0])
    }
    // The server's own writes (repairs, imports, checkpoint restores) are the new reference at once.
    for (const id of ids) {
      if (actor) this.touch(id, actor)
      else this.remember(id)
    }
  }

  /** Record keys that were added or deleted (any origin). */
  noteRecordChanges(keys: Iterable<string>): void {
    for (const key of keys) this.recordsChanged.add(key)
  }

  private touch(cardId: string, actor: Actor) {
    const before = this.touched.get(cardId)
    // In a batch of several roles, the strictest decides (a participant is locked out, a facilitator is not).
    if (!before || before.role === 'facilitator') this.touched.set(cardId, actor)
  }

  /**
   * Repairs the whole layout (a board loaded from storage, or from before shared texts): texts
   * for every card that lacks them, entries of things that are not cards or that fail the
   * rules removed. Returns how many cards were repaired.
   */
  repairAll(): number {
    let repaired = 0
    this.options.doc.transact(() => {
      for (const [cardId, entry] of [...this.root.entries()]) {
        const problem = cardTextsProblem(entry, this.lookup(cardId))
        if (problem) {
          this.options.onProblem?.(cardId, problem)
          this.root.delete(cardId)
          repaired++
        }
      }
      for (const id of this.cardIdsWithoutTexts()) {
        this.createFromRecord(id)
        repaired++
      }
      for (const [cardId, entry] of this.root.entries()) {
        if (this.addMissingFields(cardId, entry)) repaired++
        this.remember(cardId)
      }
    }, Origin.server)
    return repaired
  }

  /** Cards of the board that have no texts yet. */
  private cardIdsWithoutTexts(): string[] {
    return [...this.options.recordIds()].filter(
      (id) => !this.root.has(id) && asCardRecord(this.lookup(id)) !== undefined,
    )
  }

  /** After a client's transaction (and the record guards' reverts): accept or put back. */
  settle(): void {
    if (this.touched.size === 0 && this.recordsChanged.size === 0) return
    const touched = [...this.touched]
    // Most record changes (a card moved) leave its texts as they are: no transaction for
    // them (each Yjs transaction reads the state of every client of the document twice).
    const recordsChanged = [...this.recordsChanged].filter((id) => this.textsOutOfStep(id))
    this.touched.clear()
    this.recordsChanged.clear()
    if (touched.length === 0 && recordsChanged.length === 0) return
    this.options.doc.transact(() => {
      for (const [cardId, actor] of touched) this.settleCard(cardId, actor)
      for (const id of recordsChanged) {
        const card = asCardRecord(this.lookup(id))
        if (card && !this.root.has(id)) {
          if (this.accepted.has(id)) this.restore(id)
          else this.createFromRecord(id)
          this.remember(id)
        } else if (!card && this.root.has(id)) {
          this.root.delete(id)
          this.accepted.delete(id)
        } else if (card) {
          const entry = this.root.get(id)
          if (entry instanceof Y.Map && this.addMissingFields(id, entry)) this.remember(id)
        }
      }
    }, Origin.server)
  }

  /** Whether a card's texts no longer match its record: missing, left over, or short of a field. */
  private textsOutOfStep(id: string): boolean {
    const card = asCardRecord(this.lookup(id))
    const entry = this.root.get(id)
    if (!card) return entry !== undefined
    if (!(entry instanceof Y.Map)) return entry === undefined
    return CARD_TEXT_FIELDS[card.type].some((field) => !(entry.get(field) instanceof Y.Text))
  }

  private settleCard(cardId: string, actor: Actor) {
    const record = this.lookup(cardId)
    const entry = this.root.get(cardId)
    const known = this.accepted.get(cardId)
    if (entry === undefined) {
      // Removed: fine with its card; a card still there gets back what it had.
      if (asCardRecord(record)) this.restoreOrCreate(cardId)
      else this.accepted.delete(cardId)
      return
    }
    const problem =
      cardTextsProblem(entry, record) ??
      this.replacementProblem(entry, known) ??
      this.lockProblem(cardId, record, actor)
    if (!problem) {
      this.remember(cardId)
      return
    }
    this.options.onProblem?.(cardId, problem)
    if (!asCardRecord(record)) {
      this.root.delete(cardId)
      this.accepted.delete(cardId)
    } else {
      this.restoreOrCreate(cardId)
    }
  }

  private restoreOrCreate(cardId: string) {
    if (this.accepted.has(cardId)) this.restore(cardId)
    else this.createFromRecord(cardId)
    this.remember(cardId)
  }

  /** A map or text that is not the one the server knows, put over it by a client. */
  private replacementProblem(entry: unknown, known: Accepted | undefined): string | null {
    if (!known) return null
    if (entry !== known.entry) return 'card texts replaced'
    for (const [field, { text }] of known.texts) {
      if ((entry as CardTexts).get(field) !== text) return `${field} replaced`
    }
    return null
  }

  private lockProblem(cardId: string, record: unknown, actor: Actor): string | null {
    const lock = this.options.lock()
    if (!lock || (!lock.board && lock.records.length === 0)) return null
    const lockable = (value: unknown) => value as LockableRecord | undefined
    const card = lockable(record)
    if (!card) return null
    return isEditBlocked(lock, actor.role, card, (id) => lockable(this.lookup(id))) ? `card ${cardId} is locked` : null
  }

  /** Puts a card's texts back as the server last accepted them. */
  private restore(cardId: string) {
    const known = this.accepted.get(cardId)
    const type = asCardRecord(this.lookup(cardId))?.type
    if (!known || !type) return
    const entry = this.root.get(cardId)
    if (entry !== known.entry || !(entry instanceof Y.Map)) {
      const fresh = new Y.Map<Y.Text>()
      for (const [field, { value }] of known.texts) fresh.set(field, new Y.Text(value))
      this.root.set(cardId, fresh)
      return
    }
    for (const key of [...entry.keys()]) if (!known.texts.has(key)) entry.delete(key)
    for (const [field, { text, value }] of known.texts) {
      const current = entry.get(field)
      // The same text, plain: the smallest edit back. Formatting or embeds: a clean new text.
      if (current === text && textProblem(current, type, field) === null) setTextTo(text, value)
      else entry.set(field, new Y.Text(value))
    }
  }

  private createFromRecord(cardId: string) {
    const card = asCardRecord(this.lookup(cardId))
    if (!card) return
    const entry = new Y.Map<Y.Text>()
    for (const field of CARD_TEXT_FIELDS[card.type]) {
      const value = card.props[field]
      entry.set(field, new Y.Text(typeof value === 'string' ? value : ''))
    }
    this.root.set(cardId, entry)
  }

  private addMissingFields(cardId: string, entry: CardTexts): boolean {
    const card = asCardRecord(this.lookup(cardId))
    if (!card) return false
    let added = false
    for (const field of CARD_TEXT_FIELDS[card.type]) {
      if (entry.get(field) instanceof Y.Text) continue
      const value = card.props[field]
      entry.set(field, new Y.Text(typeof value === 'string' ? value : ''))
      added = true
    }
    return added
  }

  private remember(cardId: string) {
    const entry = this.root.get(cardId)
    if (!(entry instanceof Y.Map)) {
      this.accepted.delete(cardId)
      return
    }
    const texts = new Map<string, { text: Y.Text; value: string }>()
    for (const [field, text] of entry.entries())
      if (text instanceof Y.Text) texts.set(field, { text, value: text.toString() })
    this.accepted.set(cardId, { entry, texts })
  }
}
