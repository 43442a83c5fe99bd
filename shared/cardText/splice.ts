/**
 * Character-level edits of a text field, as plain data: what a keystroke, a paste or a cut
 * did to the value (a splice), and where a caret goes when someone else's edit lands (a
 * delta). Pure string arithmetic, so the delicate cases are unit tested without a browser.
 * Indices count UTF-16 code units, like `String#length`, DOM selections and Y.Text.
 */

/** At `index`, remove `remove` characters, then insert `insert`. */
export interface Splice {
  index: number
  remove: number
  insert: string
}

/** A change to a text as Y.Text reports it (`YTextEvent.delta`): keep, insert, delete, in order. */
export type TextDelta = readonly { retain?: number; insert?: unknown; delete?: number }[]

export function applySplice(text: string, splice: Splice): string {
  return text.slice(0, splice.index) + splice.insert + text.slice(splice.index + splice.remove)
}

export function isNoop(splice: Splice): boolean {
  return splice.remove === 0 && splice.insert === ''
}

/**
 * The smallest splice turning `before` into `after`: the longest common prefix, then the
 * longest common suffix of what remains. Where the edit is ambiguous (« aa » → « aaa »)
 * it is placed as far right as possible; `spliceOfInput` uses the caret to do better.
 */
export function spliceBetween(before: string, after: string): Splice {
  const max = Math.min(before.length, after.length)
  let prefix = 0
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  let suffix = 0
  while (
    suffix < max - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  )
    suffix++
  return { index: prefix, remove: before.length - prefix - suffix, insert: after.slice(prefix, after.length - suffix) }
}

/**
 * What an edit in a text input did, from its value before and after and the caret after
 * (`selectionEnd`): what was typed or pasted ends at the caret, so everything after the
 * caret is unchanged text. Typing « a » between the two « a » of « aa » is an insertion at
 * 1, not at 2 — which matters when someone else is typing at 2. Without a usable caret,
 * the smallest splice.
 */
export function spliceOfInput(before: string, after: string, caret: number | null): Splice {
  if (caret === null || caret < 0 || caret > after.length) return spliceBetween(before, after)
  const tail = after.length - caret
  if (tail > before.length || !before.endsWith(after.slice(caret))) return spliceBetween(before, after)
  const max = Math.min(before.length - tail, caret)
  let prefix = 0
  while (prefix < max && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  return { index: prefix, remove: before.length - tail - prefix, insert: after.slice(prefix, caret) }
}

/**
 * Where a position of the old text is in the new one after `delta`. Text inserted before
 * it pushes it right; text inserted exactly at it goes after it (someone typing where my
 * caret is does not carry my caret along, so my next letter stays next to my last one);
 * deleted text around it pulls it back to where the deletion was. `insertAtGoesBefore`:
 * text inserted exactly at it goes before it (the start of a range being replaced: what
 * others put in front of the replaced text is not part of it).
 */
export function transformIndex(index: number, delta: TextDelta, insertAtGoesBefore = false): number {
  let oldPos = 0
  let result = index
  for (const op of delta) {
    if (oldPos > index || (oldPos === index && !(insertAtGoesBefore && op.insert !== undefined))) break
    if (op.retain !== undefined) {
      oldPos += op.retain
    } else if (op.insert !== undefined) {
      result += typeof op.insert === 'string' ? op.insert.length : 1
    } else if (op.delete !== undefined) {
      result -= Math.min(op.delete, index - oldPos)
      oldPos += op.delete
    }
  }
  return result
}

/** A splice as a delta, to move carets and selections through one's own or a diffed change. */
export function spliceToDelta(splice: Splice): TextDelta {
  const delta: { retain?: number; insert?: string; delete?: number }[] = []
  if (splice.index > 0) delta.push({ retain: splice.index })
  if (splice.remove > 0) delta.push({ delete: splice.remove })
  if (splice.insert !== '') delta.push({ insert: splice.insert })
  return delta
}

/**
 * The splice an input may apply to a field bounded to `max` characters: whole, or none at
 * all with the reason (a paste cut at the limit would silently drop the rest). Deleting is
 * always allowed, even in a text already over the limit.
 */
export function withinLimit(current: string, splice: Splice, max: number): boolean {
  const length = current.length - splice.remove + splice.insert.length
  return length <= max || splice.insert.length === 0
}

/**
 * A splice made on an old text, carried through changes made to it since (in order): where
 * it starts and ends in the new text. What others inserted inside a range it replaces is
 * replaced with it (only a composed character replacing a selection can meet this).
 */
export function transformSplice(splice: Splice, deltas: readonly TextDelta[]): Splice {
  let start = splice.index
  let end = splice.index + splice.remove
  for (const delta of deltas) {
    start = transformIndex(start, delta, splice.remove > 0)
    end = Math.max(start, transformIndex(end, delta))
  }
  return { index: start, remove: end - start, insert: splice.insert }
}
