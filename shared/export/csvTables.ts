import { cardTypeLabel } from '../cards/cardTypes'
import { AXIS_CODES, axisLabel } from '../compass/axes'
import type { Locale } from '../workshop'
import { csvRows } from './csv'
import { EXPORT_LABELS } from './labels'
import { exportCardList } from './model'
import type { ExportCompassRound, ExportDocument } from './schema'

/**
 * The votes and the compass of an export as their own CSV tables, beside the cards table
 * (`csv.ts`), with the same conventions: BOM, CRLF, the workshop's separator, every text
 * cell quoted and neutralised. One row per fact a spreadsheet filters and pivots on —
 * a card in a vote, an axis in a round — so a row never mixes two rounds.
 *
 * Secrecy is the export document's: a hidden round has no values there, so its rows say
 * « non révélé » and carry no number (see `exportCompass`, `exportVotes`).
 */

export type CsvTable = 'cards' | 'votes' | 'compass'
export const CSV_TABLES: readonly CsvTable[] = ['cards', 'votes', 'compass']

export function isCsvTable(value: unknown): value is CsvTable {
  return typeof value === 'string' && (CSV_TABLES as readonly string[]).includes(value)
}

/** Words of these two tables only; the rest comes from EXPORT_LABELS and the domain files. */
const WORDS: Record<
  Locale,
  {
    round: string
    roundId: string
    subject: string
    state: string
    revealed: string
    hidden: string
    budget: string
    voters: string
    scored: string
    cardId: string
    notConcerned: string
    evolutionFrom: string
    commentCount: string
    removedCard: string
  }
> = {
  fr: {
    round: 'Tour',
    roundId: 'Identifiant du tour',
    subject: 'Sujet',
    state: 'État',
    revealed: 'Révélé',
    hidden: 'non révélé',
    budget: 'Points par personne',
    voters: 'Votants',
    scored: 'Personnes ayant noté',
    cardId: 'Identifiant de la carte',
    notConcerned: 'Non concerné·es',
    evolutionFrom: 'Évolution depuis',
    commentCount: 'Commentaires',
    removedCard: 'carte retirée du tableau',
  },
  en: {
    round: 'Round',
    roundId: 'Round id',
    subject: 'Subject',
    state: 'State',
    revealed: 'Revealed',
    hidden: 'not revealed',
    budget: 'Dots per person',
    voters: 'Voters',
    scored: 'People who scored',
    cardId: 'Card id',
    notConcerned: 'Not concerned',
    evolutionFrom: 'Change since',
    commentCount: 'Comments',
    removedCard: 'card no longer on the board',
  },
}

/** A decimal as the workshop's spreadsheet reads it: `3,5` in French, `3.5` in English. */
function decimal(value: number | null, locale: Locale): string {
  if (value === null) return ''
  const rounded = Math.round(value * 100) / 100
  return locale === 'fr' ? String(rounded).replace('.', ',') : String(rounded)
}

/** A number cell: never quoted, so the spreadsheet sorts and sums it. */
const num = (value: number | null, locale: Locale) => ({ raw: decimal(value, locale) })

/** One row per card and vote round, ranked; a hidden round is one row that says so. */
export function buildVotesCsv(doc: ExportDocument): string {
  const locale = doc.workshop.locale
  const labels = EXPORT_LABELS[locale]
  const words = WORDS[locale]
  const header = [
    words.round,
    words.roundId,
    words.state,
    words.revealed,
    words.budget,
    words.voters,
    labels.rank,
    labels.cardType,
    labels.card,
    words.cardId,
    labels.dots,
  ]
  const rows: (string | { raw: string })[][] = []
  for (const round of doc.votes.rounds) {
    const head = [
      round.label,
      round.id,
      round.status === 'open' ? labels.open : labels.closed,
      round.revealed ? labels.yes : words.hidden,
      num(round.budget, locale),
      num(round.voterCount, locale),
    ]
    if (!round.revealed || !round.tallies) {
      rows.push([...head, '', '', '', '', ''])
      continue
    }
    for (const tally of round.tallies) {
      rows.push([
        ...head,
        num(tally.rank, locale),
        tally.cardType ? cardTypeLabel(tally.cardType, locale) : words.removedCard,
        tally.title || labels.untitled,
        tally.cardId,
        num(tally.dots, locale),
      ])
    }
  }
  return csvRows([header, ...rows], locale)
}

/** « la coalition », or the card's title: what a round scored. */
function subjectText(round: ExportCompassRound, titles: ReadonlyMap<string, string>, locale: Locale): string {
  const labels = EXPORT_LABELS[locale]
  if (round.subject.kind === 'coalition') return labels.subjectCoalition
  return titles.get(round.subject.cardId) || labels.untitled
}

/**
 * One row per round and axis: n, « n. c. », mean, median, min, max, the spread (« Écart »)
 * and « À discuter »; then the change of the mean since the previous round on the same
 * subject (« Évolution », never called « Écart »), when the export compares them.
 */
export function buildCompassCsv(doc: ExportDocument): string {
  const locale = doc.workshop.locale
  const labels = EXPORT_LABELS[locale]
  const words = WORDS[locale]
  const titles = new Map(exportCardList(doc.cards).map(({ card }) => [card.id, card.title]))
  const byId = new Map(doc.compass.rounds.map((round) => [round.id, round]))
  const comparisonTo = new Map(doc.compass.comparisons.map((comparison) => [comparison.toRoundId, comparison]))
  const header = [
    words.round,
    words.roundId,
    words.subject,
    words.state,
    words.revealed,
    words.scored,
    labels.axis,
    labels.count,
    words.notConcerned,
    labels.mean,
    labels.median,
    labels.min,
    labels.max,
    labels.spread,
    labels.toDiscuss,
    labels.evolution,
    words.evolutionFrom,
    words.commentCount,
  ]
  const rows: (string | { raw: string })[][] = []
  for (const round of doc.compass.rounds) {
    const head = [
      round.label,
      round.id,
      subjectText(round, titles, locale),
      round.status === 'open' ? labels.open : labels.closed,
      round.revealed ? labels.yes : words.hidden,
      num(round.scoredCount, locale),
    ]
    const comparison = comparisonTo.get(round.id)
    const from = comparison ? byId.get(comparison.fromRoundId) : undefined
    for (const code of AXIS_CODES) {
      const axis = round.revealed ? round.axes?.[code] : undefined
      if (!axis) {
        rows.push([...head, axisLabel(code, locale), '', '', '', '', '', '', '', '', '', '', ''])
        continue
      }
      const comments = round.comments?.filter((comment) => comment.axis === code).length ?? 0
      rows.push([
        ...head,
        axisLabel(code, locale),
        num(axis.count, locale),
        num(axis.ncCount, locale),
        num(axis.mean, locale),
        num(axis.median, locale),
        num(axis.min, locale),
        num(axis.max, locale),
        num(axis.spread, locale),
        axis.flagged ? labels.yes : '',
        num(comparison && from?.axes ? comparison.deltas[code] : null, locale),
        comparison && from?.axes ? from.label : '',
        num(comments, locale),
      ])
    }
  }
  return csvRows([header, ...rows], locale)
}
