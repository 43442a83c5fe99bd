import { useState } from 'react'
import { useEditor } from 'tldraw'
import { compareRounds, type RoundAggregate } from '../../../shared/compass/aggregate'
import { AXES } from '../../../shared/compass/axes'
import type { CompassRoundView } from '../../../shared/control/compass'
import type { Locale } from '../../../shared/workshop'
import { useT } from '../../i18n/useT'
import { formatDelta, formatScore } from '../compass/format'
import { placeCompass } from '../compass/placeCompass'
import { RoundSelect } from './RoundSelect'
import { StageRadar } from './StageRadar'

type RevealedRound = CompassRoundView & { aggregate: RoundAggregate }

/**
 * Two revealed rounds on the results stage (usually *situation actuelle* → *visée*): the
 * choice of both, one radar with both (the earlier dotted, named in the legend), each axis's mean in both and the
 * change, which points at the levers to pull. Whoever can edit the board may place the
 * comparison on it.
 */
export function StageComparison({
  rounds,
  locale,
  canPlace,
  onPlaced,
}: {
  rounds: readonly CompassRoundView[]
  locale: Locale
  canPlace: boolean
  onPlaced?(): void
}) {
  const t = useT()
  const editor = useEditor()
  const revealed = rounds.filter((r): r is RevealedRound => r.aggregate !== null)
  const [fromId, setFromId] = useState<string | null>(null)
  const [toId, setToId] = useState<string | null>(null)
  if (revealed.length < 2) return <p className="cb-compass-note">{t('stage.compare.needTwo')}</p>
  // Defaults: the two latest revealed rounds, older first; a choice that vanished falls back.
  const to = revealed.find((r) => r.id === toId) ?? revealed[revealed.length - 1]
  const from = revealed.find((r) => r.id === fromId && r.id !== to.id) ?? revealed.filter((r) => r.id !== to.id).at(-1)!
  const deltas = compareRounds(from.aggregate, to.aggregate)

  return (
    <section className="cb-compass-compare" aria-labelledby="cb-stage-compare-title">
      <h3 id="cb-stage-compare-title">{t('compass.compare.title')}</h3>
      <div className="cb-stage-pick">
        <RoundSelect label={t('compass.compare.from')} rounds={revealed} value={from.id} onChange={setFromId} />
        <RoundSelect label={t('compass.compare.to')} rounds={revealed} value={to.id} onChange={setToId} />
      </div>
      <div className="cb-stage-split">
        <StageRadar
          roundId={to.id}
          compareRoundId={from.id}
          label={t('stage.compare.radarLabel', { from: from.label, to: to.label })}
        />
        <div>
          <table className="cb-compass-table cb-stage-table" data-testid="compass-comparison">
            <caption>{t('compass.compare.caption', { from: from.label, to: to.label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('compass.results.axis')}</th>
                <th scope="col">{from.label}</th>
                <th scope="col">{to.label}</th>
                <th scope="col">{t('compass.compare.delta')}</th>
              </tr>
            </thead>
            <tbody>
              {AXES.map((axis) => (
                <tr key={axis.code} data-axis={axis.code}>
                  <th scope="row">{axis.label[locale]}</th>
                  <td data-stat="from">{formatScore(from.aggregate[axis.code].mean, locale)}</td>
                  <td data-stat="to">{formatScore(to.aggregate[axis.code].mean, locale)}</td>
                  <td data-stat="delta">{formatDelta(deltas[axis.code], locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {canPlace && (
            <button
              type="button"
              className="cb-button"
              onClick={() => {
                placeCompass(editor, to.id, from.id)
                onPlaced?.()
              }}
            >
              {t('compass.place.comparison')}
            </button>
          )}
        </div>
      </div>
    </section>
  )
}
