import { CARD_TYPES, cardTitle, isCardType, type CardPropsByType } from '../../../shared/cards/cardTypes'
import { richTextToPlain } from '../../../shared/templates/records'

/**
 * Which cards a dot-voting round is about, resolved on the facilitator's screen from the
 * board (the server only checks they exist): the selection (a selected frame or group
 * brings the cards inside it), or every card of one type. Pure over plain shapes.
 */

/** The shape types dots can go on: the four coalition cards and sticky notes. */
export const VOTABLE_TYPES = [...CARD_TYPES, 'note'] as const
export type VotableType = (typeof VOTABLE_TYPES)[number]

/** The fields of a shape this module reads (`x`, `y` in page space, for reading order). */
export interface ScopeShape {
  id: string
  type: string
  parentId: string
  x: number
  y: number
  props?: unknown
}

export type VoteScope = { kind: 'selection'; selectedIds: readonly string[] } | { kind: 'type'; type: VotableType }

export function isVotable(shape: { type: string }): boolean {
  return (VOTABLE_TYPES as readonly string[]).includes(shape.type)
}

/** Cards in reading order: top to bottom, then left to right (rows within 40 px). */
function readingOrder(a: ScopeShape, b: ScopeShape): number {
  return Math.abs(a.y - b.y) > 40 ? a.y - b.y : a.x - b.x
}

/** The ids of the cards a round would cover on this page, in reading order, at most `max`. */
export function cardsInScope(shapes: readonly ScopeShape[], scope: VoteScope, max = 500): string[] {
  let picked: ScopeShape[]
  if (scope.kind === 'type') {
    picked = shapes.filter((s) => s.type === scope.type)
  } else {
    const children = new Map<string, ScopeShape[]>()
    for (const s of shapes) {
      const list = children.get(s.parentId)
      if (list) list.push(s)
      else children.set(s.parentId, [s])
    }
    const found = new Map<string, ScopeShape>()
    const visit = (s: ScopeShape, depth: number): void => {
      if (depth > 100) return
      if (isVotable(s)) found.set(s.id, s)
      for (const child of children.get(s.id) ?? []) visit(child, depth + 1)
    }
    const byId = new Map(shapes.map((s) => [s.id, s]))
    for (const id of scope.selectedIds) {
      const s = byId.get(id)
      if (s) visit(s, 0)
    }
    picked = [...found.values()]
  }
  return picked
    .filter(isVotable)
    .sort(readingOrder)
    .slice(0, max)
    .map((s) => s.id)
}

/** A card's text for lists (its main field, or a note's text), one line, at most 80 characters. */
export function cardLabel(shape: { type: string; props?: unknown } | undefined): string {
  if (!shape) return ''
  let text = ''
  if (isCardType(shape.type)) text = cardTitle(shape.type, (shape.props ?? {}) as CardPropsByType[typeof shape.type])
  else if (shape.type === 'note') text = richTextToPlain((shape.props as { richText?: unknown } | undefined)?.richText)
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length > 80 ? `${line.slice(0, 79)}…` : line
}
