import type { RoundAggregate } from '../../shared/compass/aggregate'
import { meanSeries, type RadarSeries } from '../../shared/compass/radar'
import type { ExportDocument } from '../../shared/export'

/**
 * The report's compass figures, as plain data: one radar per subject (the coalition, or a
 * card), each revealed round on it a series, oldest first — *situation actuelle* next to
 * *visée*. Hidden rounds have no values in an export, so they are left out.
 */

export interface ReportRadar {
  key: string
  /** The card's title, or null for the coalition as a whole. */
  cardTitle: string | null
  series: { label: string; values: RadarSeries; scoredCount: number }[]
}

/** At most this many rounds on one figure; more would not read. The latest are kept. */
export const MAX_SERIES = 3

export function reportRadars(doc: Pick<ExportDocument, 'compass' | 'cards'>): ReportRadar[] {
  const titles = new Map<string, string>()
  for (const list of Object.values(doc.cards)) for (const card of list) titles.set(card.id, card.title)
  const radars = new Map<string, ReportRadar>()
  for (const round of doc.compass.rounds) {
    if (!round.revealed || !round.axes) continue
    const key = round.subject.kind === 'card' ? `card:${round.subject.cardId}` : 'coalition'
    let radar = radars.get(key)
    if (!radar) {
      radar = {
        key,
        cardTitle: round.subject.kind === 'card' ? (titles.get(round.subject.cardId) ?? '') : null,
        series: [],
      }
      radars.set(key, radar)
    }
    radar.series.push({
      label: round.label,
      values: meanSeries(round.axes as RoundAggregate),
      scoredCount: round.scoredCount,
    })
  }
  return [...radars.values()].map((radar) => ({ ...radar, series: radar.series.slice(-MAX_SERIES) }))
}
