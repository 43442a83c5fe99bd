import { ACTOR_CIRCLE_OPTIONS, type ActorCircle } from '../../shared/cards/actor'
import { AXIS_CODES, axisLabel } from '../../shared/compass/axes'
import {
  circleEvolution,
  compassEvolution,
  type CircleChange,
  type EvolutionWorkshop,
} from '../../shared/spaces/evolution'
import type { WorkshopOutcome } from '../../shared/spaces/outcome'
import type { Locale } from '../../shared/workshop'
import type { MessageKey } from '../i18n/translate'
import { formatDate, formatNumber } from '../i18n/format'
import { useT } from '../i18n/useT'

const CHANGE_KEYS: Record<CircleChange, MessageKey> = {
  closer: 'space.evolution.closer',
  further: 'space.evolution.further',
  same: 'space.evolution.same',
  new: 'space.evolution.new',
}

function circleLabel(circle: ActorCircle | null, locale: Locale): string {
  return circle === null ? '–' : (ACTOR_CIRCLE_OPTIONS.find((o) => o.value === circle)?.label[locale] ?? circle)
}

/** A small line of a series (0–4 scale), gaps left open; decoration beside the numbers. */
function Sparkline({ values }: { values: readonly (number | null)[] }) {
  const w = 64
  const h = 18
  const x = (i: number) => (values.length === 1 ? w / 2 : (i * (w - 4)) / (values.length - 1) + 2)
  const y = (v: number) => h - 2 - (v / 4) * (h - 4)
  const points = values.flatMap((v, i) => (v === null ? [] : [{ x: x(i), y: y(v) }]))
  return (
    <svg width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" focusable="false" className="cb-sparkline">
      <polyline points={points.map((p) => `${p.x},${p.y}`).join(' ')} />
      {points.map((p, i) => (
        <circle key={i} cx={p.x} cy={p.y} r={1.8} />
      ))}
    </svg>
  )
}

function WorkshopHeaders({ workshops, locale }: { workshops: readonly EvolutionWorkshop[]; locale: Locale }) {
  return (
    <>
      {workshops.map((w) => (
        <th key={w.workshopId} scope="col" title={w.title}>
          {formatDate(locale, w.createdAt)}
        </th>
      ))}
    </>
  )
}

/**
 * How one coalition evolves over its workshops: the compass per axis (one table per kind of
 * round, e.g. situation actuelle and visée) and each actor's circle over time.
 */
export function Evolution({
  idPrefix,
  outcomes,
  locale,
}: {
  idPrefix: string
  outcomes: readonly WorkshopOutcome[]
  locale: Locale
}) {
  const t = useT()
  const compass = compassEvolution(outcomes)
  const circles = circleEvolution(outcomes)
  const titleOf = new Map(circles.workshops.map((w) => [w.workshopId, w]))
  return (
    <section className="cb-detail__section" aria-labelledby={`${idPrefix}-title`} data-testid="evolution">
      <h3 id={`${idPrefix}-title`}>{t('space.evolution.title')}</h3>
      <h4>{t('space.evolution.compass')}</h4>
      {compass.workshops.length === 0 ? (
        <p>{t('space.evolution.noCompass')}</p>
      ) : (
        compass.rounds.map((round, r) => (
          <div className="cb-table-wrap" key={round}>
            <table className="cb-table">
              <caption>{round}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('space.evolution.axis')}</th>
                  <WorkshopHeaders workshops={compass.workshops} locale={locale} />
                  <th scope="col">
                    <span className="cb-space-sr">{t('space.evolution.trend')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {AXIS_CODES.map((axis) => {
                  const values = compass.axes[axis][r].values
                  return (
                    <tr key={axis}>
                      <th scope="row">{axisLabel(axis, locale)}</th>
                      {values.map((value, i) => (
                        <td key={i}>{value === null ? '–' : formatNumber(locale, value)}</td>
                      ))}
                      <td>
                        <Sparkline values={values} />
                      </td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        ))
      )}
      <h4>{t('space.evolution.circles')}</h4>
      {circles.actors.length === 0 ? (
        <p>{t('space.evolution.noActors')}</p>
      ) : (
        <>
          <div className="cb-table-wrap">
            <table className="cb-table" data-testid="circle-evolution">
              <thead>
                <tr>
                  <th scope="col">{t('space.evolution.actor')}</th>
                  <WorkshopHeaders workshops={circles.workshops} locale={locale} />
                  <th scope="col">{t('space.evolution.change')}</th>
                </tr>
              </thead>
              <tbody>
                {circles.actors.map((actor) => (
                  <tr key={actor.name}>
                    <th scope="row">{actor.name}</th>
                    {actor.circles.map((circle, i) => (
                      <td key={i}>{circleLabel(circle, locale)}</td>
                    ))}
                    <td className={`cb-change cb-change--${actor.change}`}>{t(CHANGE_KEYS[actor.change])}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {circles.moves.length > 0 && (
            <ul className="cb-moves">
              {circles.moves.map((move, i) => (
                <li key={i}>
                  {t('space.evolution.move', {
                    name: move.name,
                    from: circleLabel(move.from, locale),
                    to: circleLabel(move.to, locale),
                    date: formatDate(locale, titleOf.get(move.workshopId)?.createdAt ?? 0),
                  })}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
