import { compareRounds } from '../../../shared/compass/aggregate'
import { AXES, type AxisCode } from '../../../shared/compass/axes'
import { meanSeries, scoreSeries, type RadarSeries } from '../../../shared/compass/radar'
import type {
  CompassMemberView,
  CompassPublicView,
  CompassRoundView,
  CompassSubject,
} from '../../../shared/control/compass'
import type { Locale } from '../../../shared/workshop'
import type { MessageKey, MessageParams } from '../../i18n/translate'
import { formatDelta, formatScore } from './format'

/**
 * What the compass shape draws, as plain data: the texts already translated and the series
 * ready for the geometry of `shared/compass/radar.ts`. Built the same way on the board
 * (live, with the viewer's own scores) and in an SVG export (without them), so both show
 * the same figure.
 */

export type Translate = (key: MessageKey, params?: MessageParams) => string

export interface RadarAxisText {
  code: AxisCode
  label: string
  /** « 2,5 », or « 1,5 → 3 (+1,5) » with a comparison; null while hidden. */
  value: string | null
  flagged: boolean
}

export interface RadarLegendEntry {
  kind: 'aggregate' | 'compare' | 'own' | 'flag'
  text: string
}

export interface RadarModel {
  /** False when the shape's round does not exist (deleted, or not chosen). */
  found: boolean
  title: string
  subject: string
  status: string
  axes: RadarAxisText[]
  aggregate: RadarSeries | null
  compare: RadarSeries | null
  own: RadarSeries | null
  legend: RadarLegendEntry[]
}

export interface RadarModelInput {
  view: CompassPublicView | undefined
  /** The viewer's own scores; null leaves them out (exports). */
  own: CompassMemberView | null | undefined
  roundId: string
  compareRoundId?: string
  locale: Locale
  t: Translate
  subjectText(subject: CompassSubject): string
}

/** « 3 personnes ont noté » with the right plural. */
export function scoredText(count: number, t: Translate): string {
  if (count === 0) return t('compass.round.scoredNone')
  return count === 1 ? t('compass.round.scoredOne') : t('compass.round.scoredMany', { count })
}

function statusText(round: CompassRoundView, t: Translate): string {
  const parts = [round.open ? t('compass.round.open') : t('compass.round.closed'), scoredText(round.scoredCount, t)]
  if (!round.revealed) parts.push(t('compass.round.hidden'))
  return parts.join(' · ')
}

/** The radar of `roundId` (and `compareRoundId`) as the current viewer may see it. */
export function buildRadarModel(input: RadarModelInput): RadarModel {
  const { view, own, locale, t } = input
  const round = view?.rounds.find((r) => r.id === input.roundId)
  const labels = AXES.map((axis) => axis.label[locale])
  if (!round) {
    return {
      found: false,
      title: t('compass.shape.missing'),
      subject: '',
      status: '',
      axes: AXES.map((axis, i) => ({ code: axis.code, label: labels[i], value: null, flagged: false })),
      aggregate: null,
      compare: null,
      own: null,
      legend: [],
    }
  }
  const other = input.compareRoundId
    ? view?.rounds.find((r) => r.id === input.compareRoundId && r.id !== round.id)
    : undefined
  const aggregate = round.aggregate
  const compareAggregate = other?.aggregate ?? null
  const deltas = aggregate && compareAggregate ? compareRounds(compareAggregate, aggregate) : null
  const mine = own?.[round.id]
  const ownSeries = mine && Object.keys(mine).length > 0 ? scoreSeries(mine) : null

  const axes = AXES.map((axis, i): RadarAxisText => {
    let value: string | null = null
    if (aggregate) {
      const now = aggregate[axis.code].mean
      const before = compareAggregate?.[axis.code].mean ?? null
      value = formatScore(now, locale)
      // « avant → maintenant (écart) »; one side missing still shows the other, no change.
      if (compareAggregate && before !== null) {
        value = `${formatScore(before, locale)} → ${value}`
        if (now !== null && deltas) value += ` (${formatDelta(deltas[axis.code], locale)})`
      } else if (compareAggregate && now !== null) value = `— → ${value}`
    }
    return { code: axis.code, label: labels[i], value, flagged: aggregate?.[axis.code].flagged ?? false }
  })

  const legend: RadarLegendEntry[] = []
  if (aggregate) legend.push({ kind: 'aggregate', text: t('compass.legend.aggregate', { label: round.label }) })
  if (other) {
    legend.push({
      kind: 'compare',
      text: compareAggregate
        ? t('compass.legend.compare', { label: other.label })
        : t('compass.legend.compareHidden', { label: other.label }),
    })
  }
  if (ownSeries) legend.push({ kind: 'own', text: t('compass.legend.own') })
  if (axes.some((a) => a.flagged)) legend.push({ kind: 'flag', text: t('compass.legend.flag') })

  return {
    found: true,
    title: round.label,
    subject: input.subjectText(round.subject),
    status: statusText(round, t),
    axes,
    aggregate: aggregate ? meanSeries(aggregate) : null,
    compare: compareAggregate ? meanSeries(compareAggregate) : null,
    own: ownSeries,
    legend,
  }
}
