import { flaggedAxes, type RoundAggregate } from '../../../shared/compass/aggregate'
import { AXES, axisLabel } from '../../../shared/compass/axes'
import type { CompassRoundView } from '../../../shared/control/compass'
import type { Locale } from '../../../shared/workshop'
import type { MessageKey } from '../../i18n/translate'
import { useT } from '../../i18n/useT'
import { formatScore } from './format'

/** Every statistic of an axis, as its column: full names, the stage has the room. */
const COLUMNS = [
  ['count', 'compass.results.count'],
  ['mean', 'compass.results.mean'],
  ['median', 'compass.results.median'],
  ['min', 'compass.results.min'],
  ['max', 'compass.results.max'],
  ['spread', 'compass.results.spread'],
] as const satisfies readonly (readonly [string, MessageKey])[]

/** The axes to discuss first (the room talks about them), then the others in the compass's order. */
export function axesForDiscussion(aggregate: RoundAggregate): typeof AXES {
  return [...AXES.filter((a) => aggregate[a.code].flagged), ...AXES.filter((a) => !aggregate[a.code].flagged)]
}

/**
 * A revealed round's aggregate on the results stage, axis by axis with every column
 * (answers, mean, median, min, max, « Écart »), the axes to discuss first, and the
 * comments, which come without author from the server.
 */
export function RoundResults({
  round,
  aggregate,
  locale,
  headingLevel = 3,
}: {
  round: CompassRoundView
  aggregate: RoundAggregate
  locale: Locale
  headingLevel?: 3 | 4
}) {
  const t = useT()
  const flagged = flaggedAxes(aggregate)
  const comments = round.comments ?? []
  const Heading = headingLevel === 3 ? 'h3' : 'h4'
  return (
    <section className="cb-compass-results" aria-labelledby={`cb-stage-${round.id}-results`}>
      <Heading id={`cb-stage-${round.id}-results`}>{t('compass.results.title')}</Heading>
      <p className={flagged.length > 0 ? 'cb-compass-flagged' : 'cb-compass-note'} data-testid="compass-flagged">
        {flagged.length > 0
          ? t('compass.results.flagged', { axes: flagged.map((a) => axisLabel(a, locale)).join(', ') })
          : t('compass.results.noFlag')}
      </p>
      <table className="cb-compass-table cb-stage-table" data-testid="compass-results">
        <caption>{t('compass.results.caption', { label: round.label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('compass.results.axis')}</th>
            {COLUMNS.map(([stat, key]) => (
              <th key={stat} scope="col">
                {t(key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {axesForDiscussion(aggregate).map((axis) => {
            const a = aggregate[axis.code]
            return (
              <tr key={axis.code} data-axis={axis.code} data-flagged={a.flagged || undefined}>
                <th scope="row">
                  {axis.label[locale]}
                  {a.flagged && <span className="cb-compass-flag"> ⚑ {t('compass.results.flag')}</span>}
                </th>
                <td data-stat="count">
                  {a.count}
                  {a.ncCount > 0 && <small> {t('compass.results.nc', { count: a.ncCount })}</small>}
                </td>
                <td data-stat="mean">{formatScore(a.mean, locale)}</td>
                <td data-stat="median">{formatScore(a.median, locale)}</td>
                <td data-stat="min">{formatScore(a.min, locale)}</td>
                <td data-stat="max">{formatScore(a.max, locale)}</td>
                <td data-stat="spread">{formatScore(a.spread, locale)}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
      {comments.length > 0 && (
        <>
          <Heading className="cb-stage-subtitle">{t('compass.results.comments', { count: comments.length })}</Heading>
          <ul className="cb-stage-comments" data-testid="compass-comments">
            {comments.map((c, i) => (
              <li key={i}>
                <strong>{axisLabel(c.axis, locale)}</strong> — {c.text}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
