import type { Editor, TLShape, TLShapeId } from 'tldraw'
import { cardTitle, linkKindBetween, type CardType, type LinkKind } from '../../../shared/cards'
import { isCardShape } from './cardShape'

/** A card one may link to, as the « Relier à… » list shows it. */
export interface LinkCandidate {
  id: TLShapeId
  type: CardType
  title: string
  /** Name of the nearest frame around it ('' outside frames). */
  frame: string
}

function frameName(editor: Editor, shape: TLShape): string {
  let parent = editor.getShape(shape.parentId as TLShapeId)
  while (parent) {
    if (parent.type === 'frame') return String((parent.props as { name?: unknown }).name ?? '').trim()
    parent = editor.getShape(parent.parentId as TLShapeId)
  }
  return ''
}

/** Every card of the current page but `exceptId`, in the page's reading order. */
export function linkCandidates(editor: Editor, exceptId: TLShapeId): LinkCandidate[] {
  return editor
    .getCurrentPageShapesSorted()
    .filter((shape) => shape.id !== exceptId && isCardShape(shape))
    .map((shape) => ({
      id: shape.id,
      type: shape.type as CardType,
      title: cardTitle(shape.type as CardType, shape.props as never),
      frame: frameName(editor, shape),
    }))
}

/** Lower case without accents, so « reemploi » finds « Réemploi ». */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** Candidates whose type, title or frame hold every word of the query. */
export function filterCandidates<C extends { searchText: string }>(candidates: readonly C[], query: string): C[] {
  const words = foldText(query).split(/\s+/).filter(Boolean)
  if (words.length === 0) return [...candidates]
  return candidates.filter((candidate) => words.every((word) => candidate.searchText.includes(word)))
}

/**
 * Which way to draw a link between two cards: from `a` to `b` unless only the other way
 * carries a meaning of the method (a lever picked from an actor's panel is held by it:
 * actor → lever « détient », whichever card the person started from).
 */
export function linkDirection(aType: CardType, bType: CardType): { reversed: boolean; kind: LinkKind } {
  const forward = linkKindBetween(aType, bType)
  if (forward !== 'relates-to') return { reversed: false, kind: forward }
  const backward = linkKindBetween(bType, aType)
  return backward !== 'relates-to' ? { reversed: true, kind: backward } : { reversed: false, kind: forward }
}
