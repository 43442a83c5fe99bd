import { createShapeId, toRichText, type Editor, type TLArrowBinding, type TLArrowShape, type TLShapeId } from 'tldraw'
import {
  chosenLinkKind,
  isCardType,
  isLinkKindLabel,
  LINK_KIND_META_KEY,
  linkKindBetween,
  linkKindLabel,
  type LinkKind,
} from '../../../shared/cards'
import { richTextToPlain } from '../../../shared/templates'
import type { Locale } from '../../../shared/workshop'

/**
 * Labelled links: an arrow bound at both ends to cards shows its meaning (« détient »,
 * « contribue à », « mesure », « est lié à ») as its own tldraw label, so it reads on the
 * canvas, in print and in the SVG export. The meaning itself lives in one place
 * (`shared/cards/links.ts`: the kind chosen in the arrow's meta, else the one its ends
 * give); the label is its rendering in the workshop's language, rewritten when the
 * meaning changes. A text someone typed on the arrow is theirs and is never overwritten.
 */

/** The shapes an arrow's start and end are bound to. */
export function arrowEnds(editor: Editor, arrowId: TLShapeId): { start?: TLShapeId; end?: TLShapeId } {
  const ends: { start?: TLShapeId; end?: TLShapeId } = {}
  for (const binding of editor.getBindingsFromShape<TLArrowBinding>(arrowId, 'arrow'))
    ends[binding.props.terminal] = binding.toId
  return ends
}

/** The meaning of an arrow between two cards, or null when it does not link two cards. */
export function cardLinkKind(editor: Editor, arrow: TLArrowShape): LinkKind | null {
  const { start, end } = arrowEnds(editor, arrow.id)
  if (!start || !end || start === end) return null
  const from = editor.getShape(start)
  const to = editor.getShape(end)
  if (!from || !to || !isCardType(from.type) || !isCardType(to.type)) return null
  return chosenLinkKind(arrow.meta) ?? linkKindBetween(from.type, to.type)
}

/** Brings an arrow's label in line with its meaning; leaves typed text alone. */
export function syncLinkLabel(editor: Editor, arrowId: TLShapeId, locale: Locale): void {
  const arrow = editor.getShape<TLArrowShape>(arrowId)
  if (!arrow || arrow.type !== 'arrow') return
  const current = richTextToPlain(arrow.props.richText).trim()
  if (current !== '' && !isLinkKindLabel(current)) return
  const kind = cardLinkKind(editor, arrow)
  const wanted = kind ? linkKindLabel(kind, locale) : ''
  if (wanted === current) return
  editor.updateShape<TLArrowShape>({ id: arrow.id, type: 'arrow', props: { richText: toRichText(wanted) } })
}

/** Sets the meaning of a link (stored on the arrow) and its label, as one undo step. */
export function setLinkKind(editor: Editor, arrowId: TLShapeId, kind: LinkKind, locale: Locale): void {
  const arrow = editor.getShape<TLArrowShape>(arrowId)
  if (!arrow || arrow.type !== 'arrow') return
  editor.markHistoryStoppingPoint('set link kind')
  editor.run(() => {
    editor.updateShape<TLArrowShape>({
      id: arrowId,
      type: 'arrow',
      meta: { ...arrow.meta, [LINK_KIND_META_KEY]: kind },
    })
    syncLinkLabel(editor, arrowId, locale)
  })
}

/**
 * Draws an arrow from one card to another, bound at both ends, with its meaning (`kind`,
 * or the one the two types give) written on it. Returns the arrow's id, or null when
 * either card is gone or the board refused the shape (read-only).
 */
export function linkCards(
  editor: Editor,
  fromId: TLShapeId,
  toId: TLShapeId,
  locale: Locale,
  kind?: LinkKind,
): TLShapeId | null {
  const from = editor.getShapePageBounds(fromId)
  const to = editor.getShapePageBounds(toId)
  if (!from || !to || fromId === toId || editor.getIsReadonly()) return null
  const id = createShapeId()
  editor.markHistoryStoppingPoint('link cards')
  editor.run(() => {
    editor.createShape<TLArrowShape>({
      id,
      type: 'arrow',
      parentId: editor.getCurrentPageId(),
      x: from.center.x,
      y: from.center.y,
      props: { start: { x: 0, y: 0 }, end: { x: to.center.x - from.center.x, y: to.center.y - from.center.y } },
      meta: kind ? { [LINK_KIND_META_KEY]: kind } : {},
    })
    const ends: [TLShapeId, 'start' | 'end'][] = [
      [fromId, 'start'],
      [toId, 'end'],
    ]
    editor.createBindings(
      ends.map(([shapeId, terminal]) => ({
        type: 'arrow' as const,
        fromId: id,
        toId: shapeId,
        props: {
          terminal,
          normalizedAnchor: { x: 0.5, y: 0.5 },
          isExact: false,
          isPrecise: false,
          snap: 'none' as const,
        },
      })),
    )
    syncLinkLabel(editor, id, locale)
  })
  return editor.getShape(id) ? id : null
}

/**
 * Keeps labels in step with this person's own edits: binding an arrow's end, moving it to
 * another card, unbinding it. Peers receive the result and never recompute it.
 */
export function syncLinkLabels(editor: Editor, locale: Locale): () => void {
  const onBinding = (binding: { type: string; fromId: TLShapeId }, source: 'user' | 'remote') => {
    if (source === 'user' && binding.type === 'arrow') syncLinkLabel(editor, binding.fromId, locale)
  }
  const offCreate = editor.sideEffects.registerAfterCreateHandler('binding', (binding, source) =>
    onBinding(binding, source),
  )
  const offChange = editor.sideEffects.registerAfterChangeHandler('binding', (_prev, next, source) =>
    onBinding(next, source),
  )
  const offDelete = editor.sideEffects.registerAfterDeleteHandler('binding', (binding, source) =>
    onBinding(binding, source),
  )
  return () => {
    offCreate()
    offChange()
    offDelete()
  }
}
