import {
  CARD_TYPES,
  cardFieldEntries,
  cardTypeLabel,
  isCardType,
  mainTextField,
  validateCardProps,
  type CardFieldEntry,
  type CardType,
} from '../cards/cardTypes'
import { linkKindLabel, linksFromRecords, type BoardLink, type LinkKind } from '../cards/links'
import { richTextToPlain } from '../templates/records'
import type { Locale } from '../workshop'
import { asShape, byReadingOrder, placeOf, UNNAMED_FRAME, type BoardShape } from './shapes'

/**
 * The board as structured text: every card with its labelled fields and its links, seen
 * two ways (by card type, and by the frames that contain it). Plain data: the client
 * renders it as an accessible tree, the exports reuse it, and nothing here needs tldraw.
 */

/** One end of a link, seen from a card. */
export interface OutlineLink {
  arrowId: string
  kind: LinkKind
  /** `out` when the card is the arrow's start ("holds"), `in` when it is its end ("held by"). */
  direction: 'out' | 'in'
  /** The kind read from this card: « détient », "held by"… */
  label: string
  otherId: string
  /** Shape type of the other end: a card type or a tldraw shape type (`note`, `text`…). */
  otherType: string
  otherTypeLabel: string
  otherTitle: string
  /** Ready-made line: "holds: Lever Open data", « détenu par : Acteur Région ». */
  text: string
}

export interface OutlineCard {
  id: string
  type: CardType
  typeLabel: string
  /** Main text, or « (sans titre) » / "(untitled)". */
  title: string
  fields: CardFieldEntry[]
  /** Names of the frames around the card, outermost first. */
  path: string[]
  links: OutlineLink[]
  /** Present only when the props fail validation (old or foreign data): what is wrong. */
  issues?: string[]
}

export interface OutlineTypeGroup {
  type: CardType
  /** Plural heading: « Acteurs », "Levers"… */
  label: string
  cards: OutlineCard[]
}

export interface OutlineFrame {
  id: string
  name: string
  /** Cards directly in this frame, by type (types without cards left out). */
  groups: OutlineTypeGroup[]
  /** Frames inside this one that contain cards, at any depth. */
  frames: OutlineFrame[]
}

export interface BoardOutline {
  locale: Locale
  /** Every card, by type in `CARD_TYPES` order (types without cards left out). */
  byType: OutlineTypeGroup[]
  /** Top-level frames holding cards, and the cards outside any frame. */
  byFrame: { frames: OutlineFrame[]; loose: OutlineTypeGroup[] }
  links: BoardLink[]
  cardCount: number
}

const OTHER_SHAPE_LABELS: Record<string, Record<Locale, string>> = {
  note: { fr: 'Note', en: 'Note' },
  text: { fr: 'Texte', en: 'Text' },
  geo: { fr: 'Forme', en: 'Shape' },
  frame: { fr: 'Cadre', en: 'Frame' },
}
const GROUP_LABELS: Record<CardType, Record<Locale, string>> = {
  actor: { fr: 'Acteurs', en: 'Actors' },
  lever: { fr: 'Leviers', en: 'Levers' },
  indicator: { fr: 'Indicateurs', en: 'Indicators' },
  impact: { fr: 'Impacts', en: 'Impacts' },
  action: { fr: 'Actions', en: 'Actions' },
}
const UNTITLED: Record<Locale, string> = { fr: '(sans titre)', en: '(untitled)' }

/** What a shape says, for naming it in a link or a frame. */
function shapeText(shape: BoardShape): string {
  if (isCardType(shape.type)) {
    const value = shape.props[mainTextField(shape.type)]
    return typeof value === 'string' ? value.trim() : ''
  }
  if (shape.type === 'frame') return typeof shape.props.name === 'string' ? shape.props.name.trim() : ''
  return richTextToPlain(shape.props.richText).replace(/\s+/g, ' ').trim()
}

function shapeTypeLabel(type: string, locale: Locale): string {
  return isCardType(type) ? cardTypeLabel(type, locale) : (OTHER_SHAPE_LABELS[type]?.[locale] ?? type)
}

function groupByType(cards: OutlineCard[], locale: Locale): OutlineTypeGroup[] {
  return CARD_TYPES.map((type) => ({
    type,
    label: GROUP_LABELS[type][locale],
    cards: cards.filter((card) => card.type === type),
  })).filter((group) => group.cards.length > 0)
}

/** Builds the outline of a board from its records (any order; odd records are skipped). */
export function buildOutline(records: Iterable<unknown>, locale: Locale): BoardOutline {
  const all = [...records]
  const shapes = new Map<string, BoardShape>()
  for (const record of all) {
    const shape = asShape(record)
    if (shape) shapes.set(shape.id, shape)
  }

  const frameName = (frame: BoardShape) => shapeText(frame) || UNNAMED_FRAME[locale]

  const links = linksFromRecords(all)
  const linkEnd = (link: BoardLink, direction: 'out' | 'in'): OutlineLink => {
    const otherId = direction === 'out' ? link.toId : link.fromId
    const other = shapes.get(otherId)
    const otherType = other?.type ?? 'unknown'
    const label = linkKindLabel(link.kind, locale, direction === 'out' ? 'forward' : 'backward')
    const otherTypeLabel = shapeTypeLabel(otherType, locale)
    const otherTitle = (other && shapeText(other)) || UNTITLED[locale]
    const colon = locale === 'fr' ? '\u00a0:' : ':'
    return {
      arrowId: link.arrowId,
      kind: link.kind,
      direction,
      label,
      otherId,
      otherType,
      otherTypeLabel,
      otherTitle,
      text: `${label}${colon} ${otherTypeLabel} ${otherTitle}`,
    }
  }

  const placed: { card: OutlineCard; x: number; y: number; frames: BoardShape[] }[] = []
  for (const shape of shapes.values()) {
    if (!isCardType(shape.type)) continue
    const type = shape.type
    const place = placeOf(shapes, shape)
    const validation = validateCardProps(type, shape.props)
    const card: OutlineCard = {
      id: shape.id,
      type,
      typeLabel: cardTypeLabel(type, locale),
      title: shapeText(shape) || UNTITLED[locale],
      fields: cardFieldEntries(type, shape.props, locale),
      path: place.frames.map(frameName),
      links: [
        ...links.filter((link) => link.fromId === shape.id).map((link) => linkEnd(link, 'out')),
        ...links.filter((link) => link.toId === shape.id).map((link) => linkEnd(link, 'in')),
      ],
    }
    if (!validation.ok) card.issues = validation.issues
    placed.push({ card, ...place })
  }
  placed.sort((a, b) => byReadingOrder({ ...a, id: a.card.id }, { ...b, id: b.card.id }))

  // Frame tree: only frames with cards somewhere inside, in reading order at each level.
  const nodes = new Map<string, { node: OutlineFrame; cards: OutlineCard[]; x: number; y: number }>()
  const nodeOf = (frame: BoardShape) => {
    let entry = nodes.get(frame.id)
    if (!entry) {
      const { x, y } = placeOf(shapes, frame)
      entry = { node: { id: frame.id, name: frameName(frame), groups: [], frames: [] }, cards: [], x, y }
      nodes.set(frame.id, entry)
    }
    return entry
  }
  const roots = new Set<string>()
  const loose: OutlineCard[] = []
  for (const { card, frames } of placed) {
    if (frames.length === 0) {
      loose.push(card)
      continue
    }
    roots.add(frames[0].id)
    frames.forEach((frame, depth) => {
      const entry = nodeOf(frame)
      if (depth === frames.length - 1) entry.cards.push(card)
      const child = frames[depth + 1]
      if (child && !entry.node.frames.some((f) => f.id === child.id)) entry.node.frames.push(nodeOf(child).node)
    })
  }
  const orderFrames = (list: OutlineFrame[]) =>
    list.sort((a, b) => {
      const pa = nodes.get(a.id)!
      const pb = nodes.get(b.id)!
      return byReadingOrder({ ...pa, id: a.id }, { ...pb, id: b.id })
    })
  for (const entry of nodes.values()) {
    entry.node.groups = groupByType(entry.cards, locale)
    orderFrames(entry.node.frames)
  }

  const cards = placed.map((p) => p.card)
  return {
    locale,
    byType: groupByType(cards, locale),
    byFrame: { frames: orderFrames([...roots].map((id) => nodes.get(id)!.node)), loose: groupByType(loose, locale) },
    links,
    cardCount: cards.length,
  }
}
