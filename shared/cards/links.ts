import { z } from 'zod'
import type { LocalizedText } from '../compass/axes'
import type { Locale } from '../workshop'

/**
 * What an arrow between two cards means. By default it is derived from the types at its
 * two ends (redrawing an arrow between other cards changes its meaning with no extra state
 * to keep in sync); someone may choose another meaning, stored on the arrow itself as
 * `meta[LINK_KIND_META_KEY]`. That stored choice, else the derivation, is the one truth:
 * the label the canvas shows, the panel, the outline and every export read it here.
 */
export const LINK_KINDS = ['holds', 'contributes-to', 'measures', 'implements', 'relates-to'] as const
export type LinkKind = (typeof LINK_KINDS)[number]

export interface LinkKindLabels {
  /** Read from the arrow's start: "Actor X holds Lever Y". */
  forward: LocalizedText
  /** Read from the arrow's end: "Lever Y is held by Actor X". */
  backward: LocalizedText
}

export const LINK_KIND_LABELS: Readonly<Record<LinkKind, LinkKindLabels>> = {
  holds: {
    forward: { fr: 'détient', en: 'holds' },
    backward: { fr: 'détenu par', en: 'held by' },
  },
  'contributes-to': {
    forward: { fr: 'contribue à', en: 'contributes to' },
    backward: { fr: 'reçoit la contribution de', en: 'contributed to by' },
  },
  measures: {
    forward: { fr: 'mesure', en: 'measures' },
    backward: { fr: 'mesuré par', en: 'measured by' },
  },
  implements: {
    forward: { fr: 'met en œuvre', en: 'implements' },
    backward: { fr: 'mis en œuvre par', en: 'implemented by' },
  },
  'relates-to': {
    forward: { fr: 'est lié à', en: 'relates to' },
    backward: { fr: 'est lié à', en: 'relates to' },
  },
}

/** Key of an arrow's `meta` holding the meaning someone chose for it. */
export const LINK_KIND_META_KEY = 'cbLinkKind'

export function isLinkKind(value: unknown): value is LinkKind {
  return typeof value === 'string' && (LINK_KINDS as readonly string[]).includes(value)
}

/** The meaning chosen for an arrow (its `meta`), or null when none was (or it is garbage). */
export function chosenLinkKind(meta: unknown): LinkKind | null {
  if (!meta || typeof meta !== 'object') return null
  const value = (meta as Record<string, unknown>)[LINK_KIND_META_KEY]
  return isLinkKind(value) ? value : null
}

/**
 * Whether a text is one of the labels the board writes on arrows (any kind, any locale):
 * such a label follows the link's meaning; any other text was typed by someone and stays.
 */
export function isLinkKindLabel(text: string): boolean {
  const trimmed = text.trim()
  return LINK_KINDS.some((kind) => Object.values(LINK_KIND_LABELS[kind].forward).includes(trimmed))
}

/** Label of a link kind, read from its start (`forward`) or from its end. */
export function linkKindLabel(kind: LinkKind, locale: Locale, direction: 'forward' | 'backward' = 'forward'): string {
  return LINK_KIND_LABELS[kind][direction][locale]
}

/**
 * The meaning of an arrow from a shape of type `fromType` to one of type `toType`. Only
 * the four directions of the method carry a meaning; an arrow drawn the other way
 * (impact → lever) is "relates to", so the board never claims more than was drawn.
 */
export function linkKindBetween(fromType: string, toType: string): LinkKind {
  if (fromType === 'actor' && toType === 'lever') return 'holds'
  if (fromType === 'lever' && toType === 'impact') return 'contributes-to'
  if (fromType === 'indicator' && toType === 'impact') return 'measures'
  if (fromType === 'action' && (toType === 'lever' || toType === 'impact')) return 'implements'
  return 'relates-to'
}

/** An arrow bound at both ends, with the meaning its ends give it. */
export interface BoardLink {
  arrowId: string
  /** Shape at the arrow's start. */
  fromId: string
  /** Shape at the arrow's end. */
  toId: string
  kind: LinkKind
}

/** Any stored record: only `id` and `typeName` are sure. */
export interface BoardRecordLike {
  id: string
  typeName: string
  [key: string]: unknown
}

// Only the fields this module reads, so an arrow with unrelated odd props still counts.
const shapeHead = z.object({
  id: z.string(),
  typeName: z.literal('shape'),
  type: z.string(),
  meta: z.unknown().optional(),
})
const arrowBinding = z.object({
  typeName: z.literal('binding'),
  type: z.literal('arrow'),
  fromId: z.string(),
  toId: z.string(),
  props: z.object({ terminal: z.enum(['start', 'end']) }),
})

/**
 * The links of a board: tldraw arrows (`shape`, type `arrow`) whose start and end are both
 * bound (tldraw 5 stores each end as an `arrow` binding record from the arrow to the
 * shape, `props.terminal` saying which end). Arrows with a loose end, bound to a missing
 * shape, or bound at both ends to the same shape are left out. Each link's kind is the one
 * chosen for the arrow (`chosenLinkKind`), else the one its ends give it. Sorted by arrow id
 * so the answer does not depend on record order.
 */
export function linksFromRecords(records: Iterable<unknown>): BoardLink[] {
  const shapeTypes = new Map<string, string>()
  const chosen = new Map<string, LinkKind>()
  const ends = new Map<string, { start?: string; end?: string }>()
  for (const record of records) {
    const shape = shapeHead.safeParse(record)
    if (shape.success) {
      shapeTypes.set(shape.data.id, shape.data.type)
      const kind = shape.data.type === 'arrow' ? chosenLinkKind(shape.data.meta) : null
      if (kind) chosen.set(shape.data.id, kind)
      continue
    }
    const binding = arrowBinding.safeParse(record)
    if (!binding.success) continue
    const { fromId, toId, props } = binding.data
    const arrowEnds = ends.get(fromId) ?? {}
    arrowEnds[props.terminal] = toId
    ends.set(fromId, arrowEnds)
  }

  const links: BoardLink[] = []
  for (const [arrowId, { start, end }] of ends) {
    if (shapeTypes.get(arrowId) !== 'arrow' || !start || !end || start === end) continue
    const fromType = shapeTypes.get(start)
    const toType = shapeTypes.get(end)
    if (fromType === undefined || toType === undefined) continue
    links.push({ arrowId, fromId: start, toId: end, kind: chosen.get(arrowId) ?? linkKindBetween(fromType, toType) })
  }
  return links.sort((a, b) => (a.arrowId < b.arrowId ? -1 : a.arrowId > b.arrowId ? 1 : 0))
}
