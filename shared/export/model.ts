import { CARD_FIELDS, CARD_TYPES, isCardType, validateCardProps, type CardType } from '../cards/cardTypes'
import { isLinkKindLabel, linksFromRecords } from '../cards/links'
import { compareRounds, type RoundAggregate } from '../compass/aggregate'
import { compassPublicView } from '../control/compass'
import { workshopTimeZone } from '../control/meta'
import type { ControlState } from '../control/index'
import { votesPublicView } from '../control/votes'
import { roadmapFromCards } from '../roadmap/roadmap'
import type { WorkshopMeta } from '../workshop'
import { byReadingOrder, indexBoard, shapeText, type BoardIndex, type BoardShape } from './boardIndex'
import {
  EXPORT_FORMAT,
  type ExportCard,
  type ExportCards,
  type ExportComparison,
  type ExportCompassRound,
  type ExportDocument,
  type ExportNote,
  type ExportVoteRound,
} from './schema'

/** What the server hands over to build an export: all of it read from storage, nothing from a browser. */
export interface ExportInput {
  meta: WorkshopMeta
  /** The board's document records (from `tl_records`), any order. */
  records: readonly unknown[]
  /** tldraw's serialized schema from `tl_meta`, or null when none was written. */
  schema: unknown
  control: ControlState
  participantCount: number
  /** Server clock, milliseconds since epoch. */
  exportedAt: number
}

type FieldValue = string | number | string[] | null

/** A stored value as the field's kind expects it, or null (old or foreign data). */
function fieldValue(input: string, value: unknown): FieldValue {
  switch (input) {
    case 'level':
      return typeof value === 'number' && Number.isFinite(value) ? value : null
    case 'choices':
      return Array.isArray(value) && value.every((v) => typeof v === 'string') ? [...value] : null
    case 'choice':
      // An unset choice ('') is exported as null, like a missing one: no code was chosen.
      return typeof value === 'string' && value !== '' ? value : null
    default:
      return typeof value === 'string' ? value : null
  }
}

function exportCard(
  type: CardType,
  shape: BoardShape,
  board: BoardIndex,
): { card: ExportCard; x: number; y: number; id: string } {
  const place = board.placeOf(shape)
  const fields = Object.fromEntries(
    Object.entries(CARD_FIELDS[type]).map(([field, info]) => [field, fieldValue(info.input, shape.props[field])]),
  )
  const card: ExportCard = {
    id: shape.id,
    title: shapeText(shape),
    framePath: place.frames.map(board.frameName),
    frameIds: place.frames.map((frame) => frame.id),
    fields,
  }
  const validation = validateCardProps(type, shape.props)
  if (!validation.ok) card.issues = validation.issues
  return { card, x: place.x, y: place.y, id: shape.id }
}

function exportCards(board: BoardIndex): ExportCards {
  const cards: ExportCards = { actor: [], lever: [], indicator: [], impact: [], action: [] }
  const placed: { type: CardType; card: ExportCard; x: number; y: number; id: string }[] = []
  for (const shape of board.shapes.values()) {
    if (isCardType(shape.type)) placed.push({ type: shape.type, ...exportCard(shape.type, shape, board) })
  }
  for (const { type, card } of placed.sort(byReadingOrder)) cards[type].push(card)
  return cards
}

/**
 * Other text on the board: notes, texts, labels, frames' names; in reading order. An
 * arrow's label that only says its link's meaning (« détient ») is the link, exported as
 * such in `links`, not a note.
 */
function exportNotes(board: BoardIndex): ExportNote[] {
  return [...board.shapes.values()]
    .filter(
      (shape) =>
        !isCardType(shape.type) &&
        shapeText(shape) !== '' &&
        !(shape.type === 'arrow' && isLinkKindLabel(shapeText(shape))),
    )
    .map((shape) => {
      const place = board.placeOf(shape)
      return { shape, place, x: place.x, y: place.y, id: shape.id }
    })
    .sort(byReadingOrder)
    .map(({ shape, place }) => ({
      id: shape.id,
      shapeType: shape.type,
      text: shapeText(shape),
      framePath: place.frames.map(board.frameName),
      frameIds: place.frames.map((frame) => frame.id),
      fromTemplate: board.isFromTemplate(shape),
    }))
}

function subjectKey(subject: ExportCompassRound['subject']): string {
  return subject.kind === 'card' ? `card:${subject.cardId}` : 'coalition'
}

/**
 * Compass rounds as a viewer sees them (aggregates and authorless comments only once
 * revealed), and the change between consecutive revealed rounds on the same subject:
 * *situation actuelle* → *visée*. A hidden round has no values to compare, so it is skipped.
 */
function exportCompass(control: ControlState): ExportDocument['compass'] {
  const view = compassPublicView(control.compass, 'viewer')
  const rounds: ExportCompassRound[] = view.rounds.map((round) => ({
    id: round.id,
    label: round.label,
    subject: round.subject,
    status: round.open ? 'open' : 'closed',
    revealed: round.revealed,
    scoredCount: round.scoredCount,
    axes: round.aggregate,
    comments: round.comments,
  }))
  const comparisons: ExportComparison[] = []
  const lastBySubject = new Map<string, { id: string; axes: RoundAggregate }>()
  for (const round of rounds) {
    if (!round.axes) continue
    const key = subjectKey(round.subject)
    const previous = lastBySubject.get(key)
    if (previous)
      comparisons.push({
        subject: round.subject,
        fromRoundId: previous.id,
        toRoundId: round.id,
        deltas: compareRounds(previous.axes, round.axes),
      })
    lastBySubject.set(key, { id: round.id, axes: round.axes })
  }
  return { rounds, comparisons }
}

function exportVotes(control: ControlState, board: BoardIndex): ExportDocument['votes'] {
  const view = votesPublicView(control.votes, 'viewer')
  const rounds: ExportVoteRound[] = view.rounds.map((round) => ({
    id: round.id,
    label: round.label,
    status: round.open ? 'open' : 'closed',
    revealed: round.revealed,
    budget: round.budget,
    voterCount: round.voterCount,
    tallies:
      round.ranking?.map(({ cardId, dots, rank }) => {
        const shape = board.shapes.get(cardId)
        return {
          cardId,
          cardType: shape && isCardType(shape.type) ? shape.type : null,
          title: shape ? shapeText(shape) : '',
          dots,
          rank,
        }
      }) ?? null,
  }))
  return { rounds }
}

/** Records sorted by id, so the snapshot is the same whatever order storage returned them in. */
function sortedById(records: readonly unknown[]): unknown[] {
  return records
    .map((record) => ({ record, id: String((record as { id?: unknown } | null)?.id) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ record }) => record)
}

/**
 * The outcome of a workshop as the `coalition-board/workshop@1` document: what readers
 * want (cards, links, compass, votes, notes) and everything an import needs to restore
 * the workshop (the board snapshot and the full control state). Pure and deterministic:
 * the same input gives the same document, whatever the order of the records.
 */
export function buildExport(input: ExportInput): ExportDocument {
  const { meta, control } = input
  const records = sortedById(input.records)
  const board = indexBoard(records, meta.locale, meta.template)
  const cards = exportCards(board)
  const links = linksFromRecords(records).map(({ arrowId, fromId, toId, kind }) => ({
    arrowId,
    from: fromId,
    to: toId,
    kind,
  }))
  return {
    format: EXPORT_FORMAT,
    exportedAt: new Date(input.exportedAt).toISOString(),
    workshop: {
      // The control state holds the live name (renames go there); the row is its seed.
      title: control.meta.title || meta.title,
      coalition: control.meta.title ? control.meta.coalition : meta.coalition,
      locale: meta.locale,
      template: meta.template,
      createdAt: new Date(meta.createdAt).toISOString(),
      timeZone: workshopTimeZone(control.meta),
    },
    participantCount: input.participantCount,
    phases: control.agenda.phases.map((phase) => ({ ...phase, current: phase.id === control.agenda.currentId })),
    cards,
    links,
    compass: exportCompass(control),
    votes: exportVotes(control, board),
    notes: exportNotes(board),
    roadmap: roadmapFromCards(cards, links),
    board: { schema: input.schema ?? null, records },
    control: structuredClone(control),
  }
}

/** Every card of an export in `CARD_TYPES` order, with its type: for the Markdown and CSV views. */
export function exportCardList(cards: ExportCards): { type: CardType; card: ExportCard }[] {
  return CARD_TYPES.flatMap((type) => cards[type].map((card) => ({ type, card })))
}
