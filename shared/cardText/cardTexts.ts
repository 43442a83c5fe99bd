import * as Y from 'yjs'
import { CARD_TEXTS_MAP } from '../board'
import { CARD_TEXT_FIELDS, cardTextMax, isCardType, type CardType } from '../cards'
import { isNoop, spliceBetween, type Splice } from './splice'

/**
 * The shared texts of cards in the board document (`card_texts`, see `shared/board.ts`).
 *
 * The rule, one for every reader and writer:
 * - a card that has an entry here takes each free-text field from its Y.Text: that text is
 *   the truth, the record's prop a copy that may lag (it is whatever the last whole-record
 *   write carried). A field without a Y.Text (a card from before, a field added later)
 *   keeps its prop until the server gives it one;
 * - people type into the Y.Text only; nothing else changes a text that exists (an undo in
 *   tldraw puts back whole records, with their old text: it never reaches the Y.Text);
 * - readers overlay: `withCardTexts` gives the record as the texts say (tldraw's store,
 *   exports, outlines), each text cut at its field's limit so the record stays valid.
 */

export type CardTexts = Y.Map<Y.Text>
export type CardTextsRoot = Y.Map<CardTexts>

export function cardTextsRoot(doc: Y.Doc): CardTextsRoot {
  return doc.getMap<CardTexts>(CARD_TEXTS_MAP)
}

/** A card's texts, or undefined when it has none (yet). */
export function cardTextsOf(doc: Y.Doc, cardId: string): CardTexts | undefined {
  const texts = cardTextsRoot(doc).get(cardId)
  return texts instanceof Y.Map ? texts : undefined
}

/** The shared text of one field, or undefined when the card or that field has none. */
export function fieldText(doc: Y.Doc, cardId: string, field: string): Y.Text | undefined {
  const text = cardTextsOf(doc, cardId)?.get(field)
  return text instanceof Y.Text ? text : undefined
}

interface CardRecordLike {
  id: string
  typeName: 'shape'
  type: CardType
  props: Record<string, unknown>
}

/** A stored value that is a card shape record (read defensively: values come from peers). */
export function asCardRecord(value: unknown): CardRecordLike | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const r = value as Record<string, unknown>
  if (r.typeName !== 'shape' || !isCardType(r.type) || typeof r.id !== 'string') return undefined
  if (typeof r.props !== 'object' || r.props === null || Array.isArray(r.props)) return undefined
  return r as unknown as CardRecordLike
}

/**
 * A new entry for a card, its texts filled from the record's props. Call inside the
 * transaction that writes the record: only the card's creator (or the server, for a card
 * that has none) creates it, so two entries never race for one card.
 */
export function createCardTexts(
  doc: Y.Doc,
  cardId: string,
  type: CardType,
  props: Readonly<Record<string, unknown>>,
): CardTexts {
  const texts = new Y.Map<Y.Text>()
  for (const field of CARD_TEXT_FIELDS[type]) {
    const value = props[field]
    texts.set(field, new Y.Text(typeof value === 'string' ? value : ''))
  }
  cardTextsRoot(doc).set(cardId, texts)
  return texts
}

/**
 * Gives an existing entry the texts its card type has but it lacks (a field added since),
 * from the record's props. Server only (the one writer of repairs). Returns how many.
 */
export function addMissingFieldTexts(
  texts: CardTexts,
  type: CardType,
  props: Readonly<Record<string, unknown>>,
): number {
  let added = 0
  for (const field of CARD_TEXT_FIELDS[type]) {
    if (texts.get(field) instanceof Y.Text) continue
    const value = props[field]
    texts.set(field, new Y.Text(typeof value === 'string' ? value : ''))
    added++
  }
  return added
}

/** A card's texts as strings, by field (fields without a Y.Text left out). */
export function readCardTexts(texts: CardTexts): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [field, text] of texts.entries()) if (text instanceof Y.Text) out[field] = text.toString()
  return out
}

/**
 * The record as the card's texts say (the rule above): each free-text prop replaced by its
 * Y.Text, cut at the field's limit (merged typing can pass it; the full text stays in the
 * Y.Text and in the panel). Anything that is not a card with texts comes back as it is —
 * the same object when nothing differs, so callers can compare by identity.
 */
export function withCardTexts<T>(doc: Y.Doc, value: T): T {
  const card = asCardRecord(value)
  if (!card) return value
  const texts = cardTextsOf(doc, card.id)
  if (!texts) return value
  let props: Record<string, unknown> | null = null
  for (const field of CARD_TEXT_FIELDS[card.type]) {
    const text = texts.get(field)
    if (!(text instanceof Y.Text)) continue
    const shown = text.toString().slice(0, cardTextMax(card.type, field))
    if (card.props[field] === shown) continue
    props ??= { ...card.props }
    props[field] = shown
  }
  return props ? ({ ...card, props } as T) : value
}

/** Applies a splice to a Y.Text (call inside a transaction to give it an origin). */
export function applySpliceToText(text: Y.Text, splice: Splice): void {
  if (splice.remove > 0) text.delete(splice.index, splice.remove)
  if (splice.insert !== '') text.insert(splice.index, splice.insert)
}

/**
 * Makes a Y.Text read `value` with the smallest change (server repairs, programmatic
 * writes). Returns whether it changed.
 */
export function setTextTo(text: Y.Text, value: string): boolean {
  const splice = spliceBetween(text.toString(), value)
  if (isNoop(splice)) return false
  applySpliceToText(text, splice)
  return true
}

/**
 * Makes the cards' texts say what these records say (an import, a checkpoint restore: the
 * records carry the texts as they were, `readBoard` put them there). Texts that differ are
 * edited to the record's value, cards without texts get them, texts of cards not among the
 * records are removed. Call inside the transaction that writes the records.
 */
export function setCardTextsFromRecords(doc: Y.Doc, records: Iterable<unknown>): void {
  const root = cardTextsRoot(doc)
  const cards = new Map<string, CardRecordLike>()
  for (const record of records) {
    const card = asCardRecord(record)
    if (card) cards.set(card.id, card)
  }
  for (const id of [...root.keys()]) if (!cards.has(id)) root.delete(id)
  for (const [id, card] of cards) {
    const texts = cardTextsOf(doc, id)
    if (!texts) {
      createCardTexts(doc, id, card.type, card.props)
      continue
    }
    for (const field of CARD_TEXT_FIELDS[card.type]) {
      const value = typeof card.props[field] === 'string' ? (card.props[field] as string) : ''
      const text = texts.get(field)
      if (text instanceof Y.Text) setTextTo(text, value)
      else texts.set(field, new Y.Text(value))
    }
  }
}
