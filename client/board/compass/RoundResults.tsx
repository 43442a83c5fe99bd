import { flaggedAxes, type RoundAggregate } from '../../../shared/compass/aggregate'
import { AXES, axisLabel } from '../../../shared/compass/axes'
import type { CompassRoundView } from '../../../shared/control/compass'
import type { Locale } from '../../../shared/workshop'
import type { MessageKey } from '../../i18n/translate'
import { useT } from '../../i18n/useT'
import { formatScore } from './format'

/** Column headers: the full name for screen readers, a short one that fits the panel. */
const COLUMNS = [
  ['compass.results.count', 'compass.results.countShort'],
  ['compass.results.mean', 'compass.results.meanShort'],
  ['compass.results.median', 'compass.results.medianShort'],
  ['compass.results.min', 'compass.results.min'],
  ['compass.results.max', 'compass.results.max'],
  ['compass.results.spread', 'compass.results.spread'],
] as const satisfies readonly (readonly [MessageKey, MessageKey])[]

/**
 * A revealed round's aggregate, axis by axis (answers, mean, median, min, max, spread), the
 * axes to discuss, and the comments, which come without author from the server.
 */
export function RoundResults({
  round,
  aggregate,
  locale,
}: {
  round: CompassRoundView
  aggregate: RoundAggregate
  locale: Locale
}) {
  const t = useT()
  const flagged = flaggedAxes(aggregate)
  const comments = round.comments ?? []
  return (
    <section className="cb-compass-results" aria-labelledby={`cb-compass-${round.id}-results`}>
      <h4 id={`cb-compass-${round.id}-results`}>{t('compass.results.title')}</h4>
      <p className={flagged.length > 0 ? 'cb-compass-flagged' : 'cb-compass-note'} data-testid="compass-flagged">
        {flagged.length > 0
          ? t('compass.results.flagged', { axes: flagged.map((a) => axisLabel(a, locale)).join(', ') })
          : t('compass.results.noFlag')}
      </p>
      <div className="cb-compass-table-wrap">
        <table className="cb-compass-table" data-testid="compass-results">
          <caption className="cb-visually-hidden">{t('compass.results.caption', { label: round.label })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('compass.results.axis')}</th>
              {COLUMNS.map(([full, short]) => (
                <th key={full} scope="col">
                  <span aria-hidden="true">{t(short)}</span>
                  <span className="cb-visually-hidden">{t(full)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {AXES.map((axis) => {
              const a = aggregate[axis.code]
              return (
                <tr key={axis.code} data-axis={axis.code} data-flagged={a.flagged || undefined}>
                  <th scope="row">
                    {axis.label[locale]}
                    {a.flagged && <span className="cb-compass-flag"> ⚑ {t('compass.results.flag')}</span>}
                  </th>
                  <td>
                    {a.count}
                    {a.ncCount > 0 && <small> {t('compass.results.nc', { count: a.ncCount })}</small>}
                  </td>
                  <td data-stat="mean">{formatScore(a.mean, locale)}</td>
                  <td>{formatScore(a.median, locale)}</td>
                  <td>{formatScore(a.min, locale)}</td>
                  <td>{formatScore(a.max, locale)}</td>
                  <td>{formatScore(a.spread, locale)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {comments.length > 0 && (
        <details className="cb-compass-comments">
          <summary>{t('compass.results.comments', { count: comments.length })}</summary>
          <ul>
            {comments.map((c, i) => (
              <li key={i}>
                <strong>{axisLabel(c.axis, locale)}</strong> — {c.text}
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}
