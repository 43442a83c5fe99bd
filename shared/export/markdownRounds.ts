import { cardTypeLabel } from '../cards/cardTypes'
import { AXIS_CODES, axisLabel } from '../compass/axes'
import type { Locale } from '../workshop'
import type { ExportLabels } from './labels'
import { colon, formatNumber, mdTable, mdText } from './markdownText'
import type { ExportCompassRound, ExportDocument } from './schema'

/**
 * The compass and vote sections of the coalition sheet. Hidden rounds give their count
 * and say that values are hidden: the export document already carries no value for them
 * (see `exportCompass`), and this file never reaches into the raw control state.
 */

/** Title of a card by id, for subjects and tallies. */
export type CardTitles = ReadonlyMap<string, string>

function subjectText(round: ExportCompassRound, titles: CardTitles, labels: ExportLabels): string {
  if (round.subject.kind === 'coalition') return labels.subjectCoalition
  return `« ${mdText(titles.get(round.subject.cardId) || labels.untitled)} »`
}

function compassRoundLines(
  round: ExportCompassRound,
  titles: CardTitles,
  labels: ExportLabels,
  locale: Locale,
): string[] {
  const status = round.status === 'open' ? labels.open : labels.closed
  const lines = [`### ${mdText(round.label)} — ${subjectText(round, titles, labels)} (${status})`, '']
  if (!round.revealed || !round.axes) return [...lines, `> ${labels.hiddenRound(round.scoredCount)}`, '']
  const axes = round.axes
  const rows = AXIS_CODES.map((code) => {
    const a = axes[code]
    const n = a.ncCount > 0 ? `${a.count} (${a.ncCount} ${labels.notConcernedShort})` : String(a.count)
    const stats = [a.mean, a.median, a.min, a.max, a.spread].map((v) => formatNumber(v, locale))
    return [axisLabel(code, locale), n, ...stats, a.flagged ? `⚠ ${labels.yes}` : '']
  })
  lines.push(
    ...mdTable(
      [labels.axis, labels.count, labels.mean, labels.median, labels.min, labels.max, labels.spread, labels.toDiscuss],
      rows,
      ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
    ),
    '',
  )
  if (round.comments && round.comments.length > 0) {
    lines.push(`${labels.comments}${colon(locale)}`, '')
    for (const comment of round.comments) lines.push(`- *${axisLabel(comment.axis, locale)}* — ${mdText(comment.text)}`)
    lines.push('')
  }
  return lines
}

/** « Boussole »: a table per round, then the change between consecutive rounds on one subject. */
export function compassSection(doc: ExportDocument, titles: CardTitles, labels: ExportLabels): string[] {
  const locale = doc.workshop.locale
  if (doc.compass.rounds.length === 0) return []
  const lines = [`## ${labels.compass}`, '']
  for (const round of doc.compass.rounds) lines.push(...compassRoundLines(round, titles, labels, locale))
  const byId = new Map(doc.compass.rounds.map((round) => [round.id, round]))
  for (const comparison of doc.compass.comparisons) {
    const from = byId.get(comparison.fromRoundId)
    const to = byId.get(comparison.toRoundId)
    if (!from?.axes || !to?.axes) continue
    const fromAxes = from.axes
    const toAxes = to.axes
    lines.push(`### ${labels.evolution} — ${mdText(from.label)} → ${mdText(to.label)}`, '')
    const rows = AXIS_CODES.map((code) => [
      axisLabel(code, locale),
      formatNumber(fromAxes[code].mean, locale),
      formatNumber(toAxes[code].mean, locale),
      formatNumber(comparison.deltas[code], locale, true),
    ])
    lines.push(
      ...mdTable([labels.axis, mdText(from.label), mdText(to.label), labels.change], rows, [
        'left',
        'right',
        'right',
        'right',
      ]),
      '',
    )
  }
  return lines
}

/** Cards shown per vote: the ranking is for deciding, a long tail of zeros does not help. */
export const TOP_VOTED = 10

/** « Cartes les plus votées »: the ranking of each revealed vote, the count of hidden ones. */
export function votesSection(doc: ExportDocument, labels: ExportLabels): string[] {
  const locale = doc.workshop.locale
  if (doc.votes.rounds.length === 0) return []
  const lines = [`## ${labels.topVoted}`, '']
  for (const round of doc.votes.rounds) {
    lines.push(`### ${mdText(round.label)} (${labels.voters(round.voterCount)})`, '')
    if (!round.revealed || !round.tallies) {
      lines.push(`> ${labels.hiddenVote(round.voterCount)}`, '')
      continue
    }
    const voted = round.tallies.filter((tally) => tally.dots > 0).slice(0, TOP_VOTED)
    if (voted.length === 0) {
      lines.push(labels.noVotes, '')
      continue
    }
    const rows = voted.map((tally) => [
      String(tally.rank),
      mdText(tally.title || labels.untitled),
      tally.cardType ? cardTypeLabel(tally.cardType, locale) : '',
      String(tally.dots),
    ])
    lines.push(
      ...mdTable([labels.rank, labels.card, labels.cardType, labels.dots], rows, ['right', 'left', 'left', 'right']),
      '',
    )
  }
  return lines
}
