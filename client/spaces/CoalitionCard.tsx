import { useEffect, useRef, useState } from 'react'
import { COHORT_LABELS, DECISION_LABELS, STATUS_LABELS } from '../../shared/spaces/labels'
import type { PanoramaGrouping } from '../../shared/spaces/panorama'
import { summarizeCoalition } from '../../shared/spaces/panorama'
import { COHORTS, currentDecision, type Cohort, type Theme } from '../../shared/spaces/space'
import { outcomesOf, type CoalitionView } from '../../shared/spaces/view'
import type { Locale } from '../../shared/workshop'
import { useT } from '../i18n/useT'
import { CoalitionRoadmap } from './CoalitionRoadmap'
import { MiniRadar } from './MiniRadar'

/** Next steps shown on a card; the coalition's page has them all. */
const STEPS_ON_CARD = 3

interface CoalitionCardProps {
  coalition: CoalitionView
  locale: Locale
  themes: readonly Theme[]
  by: PanoramaGrouping
  admin: boolean
  /** Take the focus when mounted: it was just moved here from the keyboard. */
  focusMove: boolean
  onOpen(): void
  onMove(cohort: Cohort): void
  onDragStart(): void
  onDragEnd(): void
}

/**
 * One coalition in the panorama: title, status, the other grouping's label, decision in
 * force, latest compass, actors engaged, next steps. An admin drags it to another group or,
 * without a mouse, picks its cohort in the « move to » list.
 */
export function CoalitionCard({
  coalition,
  locale,
  themes,
  by,
  admin,
  focusMove,
  onOpen,
  onMove,
  onDragStart,
  onDragEnd,
}: CoalitionCardProps) {
  const t = useT()
  // A select that moved on every change would move the card at each arrow key: pick, then confirm.
  const [target, setTarget] = useState<Cohort>(coalition.cohort)
  const moveSelect = useRef<HTMLSelectElement>(null)
  // Moving re-creates the card in its new group; keep the keyboard where it was.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => (focusMove ? moveSelect.current?.focus() : undefined), [])
  const summary = summarizeCoalition(outcomesOf(coalition))
  const decision = currentDecision(coalition.decisions)
  const theme = themes.find((candidate) => candidate.id === coalition.themeId)?.label ?? t('space.noTheme')
  const moveId = `cb-move-${coalition.id}`
  const workshops = coalition.workshops.filter((entry) => entry.found).length
  return (
    <article
      className="cb-coalition"
      data-testid="coalition-card"
      data-coalition-id={coalition.id}
      data-status={coalition.status}
      draggable={admin}
      onDragStart={(event) => {
        event.dataTransfer.setData('text/plain', coalition.id)
        event.dataTransfer.effectAllowed = 'move'
        onDragStart()
      }}
      onDragEnd={onDragEnd}
      aria-labelledby={`cb-coalition-${coalition.id}`}
    >
      <h3 className="cb-coalition__title" id={`cb-coalition-${coalition.id}`}>
        <button type="button" className="cb-coalition__open" onClick={onOpen}>
          {coalition.title}
        </button>
      </h3>
      <p className="cb-coalition__tags">
        <span className={`cb-tag cb-tag--${coalition.status}`}>{STATUS_LABELS[coalition.status][locale]}</span>
        <span className="cb-tag">{by === 'cohort' ? theme : COHORT_LABELS[coalition.cohort][locale]}</span>
        {decision && (
          <span className={`cb-tag cb-tag--decision-${decision.decision}`}>
            {DECISION_LABELS[decision.decision][locale]}
          </span>
        )}
      </p>
      {summary.compass ? (
        <MiniRadar
          means={summary.compass.means}
          locale={locale}
          label={t('space.card.compass', { round: summary.compass.label })}
        />
      ) : (
        <p className="cb-coalition__empty">{t('space.card.noCompass')}</p>
      )}
      <p className="cb-coalition__actors">
        {!summary.latest
          ? t('space.card.noWorkshop')
          : summary.actorsTotal > 0
            ? t('space.card.actors', { engaged: summary.actorsEngaged, total: summary.actorsTotal })
            : t('space.card.noActors')}
        {workshops > 0 && <> · {t('space.card.workshops', { count: workshops })}</>}
      </p>
      <CoalitionRoadmap roadmap={summary.roadmap} locale={locale} />
      {summary.nextSteps.length > 0 && (
        <div className="cb-coalition__steps">
          <p className="cb-coalition__steps-title">{t('space.card.nextSteps')}</p>
          <ul>
            {summary.nextSteps.slice(0, STEPS_ON_CARD).map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ul>
        </div>
      )}
      {admin && (
        <div className="cb-coalition__move">
          <label htmlFor={moveId}>{t('space.card.moveTo')}</label>
          <select ref={moveSelect} id={moveId} value={target} onChange={(e) => setTarget(e.target.value as Cohort)}>
            {COHORTS.map((cohort) => (
              <option key={cohort} value={cohort}>
                {COHORT_LABELS[cohort][locale]}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="cb-button cb-button--quiet cb-button--small"
            disabled={target === coalition.cohort}
            onClick={() => onMove(target)}
          >
            {t('space.card.move')}
          </button>
        </div>
      )}
    </article>
  )
}
