import type * as Y from 'yjs'
import { Origin } from '../../../shared/board'
import { applySpliceToText } from '../../../shared/cardText/cardTexts'
import {
  applySplice,
  spliceOfInput,
  transformIndex,
  transformSplice,
  withinLimit,
  type TextDelta,
} from '../../../shared/cardText/splice'

export type TextElement = HTMLInputElement | HTMLTextAreaElement

export interface TextInputBindingOptions {
  element: TextElement
  text: Y.Text
  /** The field's limit: an edit that would pass it is refused whole (`onRefused`). */
  max: number
  /** One-line fields: line breaks typed or pasted become spaces. */
  singleLine: boolean
  /** After the value changed, by this person (`local`) or someone else (`focused`: while this person is in the field). */
  onChange?(value: string, local: boolean, focused: boolean): void
  /** An edit refused because the text would pass `max`; the input shows the text as it was. */
  onRefused?(): void
}

/**
 * Binds a text input to a shared text, both ways, character by character:
 * - each `input` event becomes the splice it made (`spliceOfInput`: the value before, the
 *   value after, the caret), applied to the Y.Text at once as the local user, so it merges
 *   with whatever others type at the same moment instead of overwriting the field;
 * - each change from elsewhere rewrites the value and moves the selection through its
 *   delta (`transformIndex`), so the caret stays next to the letter it was next to and
 *   one's own next letter follows one's last one.
 * While a character is being composed (a dead key « ^ » waiting for its « e », an input
 * method), nothing is written and others' changes wait: rewriting the value would break the
 * composition. When it ends, the composed text is carried through what others did
 * meanwhile (`transformSplice`), written, and the input shows the text with everyone's.
 * The input stays uncontrolled: React must not set its value. Returns the unbinding.
 */
export function bindTextInput(options: TextInputBindingOptions): () => void {
  const { element, text } = options
  const doc = text.doc
  if (!doc) throw new Error('bindTextInput: the text is not in a document')
  // What the input showed before the current event: the base every splice is computed on.
  let shown = text.toString()
  element.value = shown

  // Others' changes that arrived during a composition, not shown yet (each on the one before).
  let composing = false
  let heldBack: TextDelta[] = []

  const onInput = (event?: Event) => {
    if (composing || (event as InputEvent | undefined)?.isComposing) return
    const raw = element.value
    const after = options.singleLine ? raw.replace(/\r?\n|\r/g, ' ') : raw
    const caret = element.selectionEnd === null ? null : Math.min(element.selectionEnd, after.length)
    const splice = spliceOfInput(shown, after, raw.length === after.length ? caret : null)
    if (!withinLimit(shown, splice, options.max)) {
      heldBack = []
      shown = text.toString()
      element.value = shown
      element.setSelectionRange(splice.index, splice.index)
      options.onRefused?.()
      return
    }
    if (after !== raw) {
      element.value = after
      if (caret !== null) element.setSelectionRange(caret, caret)
    }
    if (heldBack.length > 0) {
      // The end of a composition: the edit is carried through what others did meanwhile.
      const moved = transformSplice(splice, heldBack)
      heldBack = []
      shown = applySplice(text.toString(), moved)
      doc.transact(() => applySpliceToText(text, moved), Origin.localUser)
      element.value = shown
      const caret = moved.index + moved.insert.length
      element.setSelectionRange(caret, caret)
      options.onChange?.(shown, true, true)
      return
    }
    // Set before writing: the observer below then sees its own change and leaves the input be.
    shown = after
    doc.transact(() => applySpliceToText(text, splice), Origin.localUser)
    options.onChange?.(after, true, true)
  }

  const onCompositionStart = () => {
    composing = true
  }
  const onCompositionEnd = () => {
    composing = false
    onInput()
  }

  const onText = (event: Y.YTextEvent) => {
    if (composing) {
      heldBack.push(event.delta)
      return
    }
    const now = text.toString()
    if (now === shown) return
    const { selectionStart, selectionEnd, selectionDirection } = element
    const focused = element.ownerDocument.activeElement === element
    element.value = now
    shown = now
    if (focused && selectionStart !== null && selectionEnd !== null) {
      element.setSelectionRange(
        transformIndex(selectionStart, event.delta),
        transformIndex(selectionEnd, event.delta),
        selectionDirection ?? undefined,
      )
    }
    options.onChange?.(now, false, focused)
  }

  element.addEventListener('input', onInput)
  element.addEventListener('compositionstart', onCompositionStart)
  element.addEventListener('compositionend', onCompositionEnd)
  text.observe(onText)
  return () => {
    element.removeEventListener('input', onInput)
    element.removeEventListener('compositionstart', onCompositionStart)
    element.removeEventListener('compositionend', onCompositionEnd)
    text.unobserve(onText)
  }
}
