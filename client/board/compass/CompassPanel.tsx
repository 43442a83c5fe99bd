import { useEditor, useValue } from 'tldraw'
import { flaggedAxes, type RoundAggregate } from '../../../shared/compass/aggregate'
import { axisLabel } from '../../../shared/compass/axes'
import type { CompassMemberView, CompassPublicView, CompassRoundView } from '../../../shared/control/compass'
import { canEditBoard } from '../../../shared/protocol'
import type { Locale } from '../../../shared/workshop'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useBoardInfo } from '../boardContext'
import { SidePanel } from '../SidePanel'
import { useControlOwn, useControlPublic } from '../control/useControl'
import { OpenRoundForm } from './OpenRoundForm'
import { placeCompass } from './placeCompass'
import { QuestionsEditor } from './QuestionsEditor'
import { scoredText } from './radarModel'
import { RoundControls } from './RoundControls'
import { useStageStore } from '../stage/stageStore'
import { ScoringSheet } from './ScoringSheet'
import { subjectText } from './subject'
import './compass.css'

interface RoundItemProps {
  round: CompassRoundView
  questions: CompassPublicView['questions']
  own: CompassMemberView | undefined
  locale: Locale
}

/** One round: what it is about, its state, the facilitator's controls, my sheet, the results. */
function RoundItem({ round, questions, own, locale }: RoundItemProps) {
  const t = useT()
  const editor = useEditor()
  const { role, readOnly } = useBoardInfo()
  const subject = useValue('compass round subject', () => subjectText(editor, round.subject, locale, t), [
    editor,
    round.subject,
    locale,
    t,
  ])
  const mine = own?.[round.id]
  const canScore = role !== 'viewer'
  const titleId = `cb-compass-${round.id}-title`
  const state = [
    round.open ? t('compass.round.open') : t('compass.round.closed'),
    round.revealed ? t('compass.round.revealed') : t('compass.round.hidden'),
    scoredText(round.scoredCount, t),
  ].join(' · ')

  return (
    <li
      className="cb-compass-round"
      data-testid="compass-round"
      data-round={round.id}
      data-open={round.open}
      data-revealed={round.revealed}
    >
      <article aria-labelledby={titleId}>
        <h3 id={titleId}>{round.label}</h3>
        <p className="cb-compass-note">{subject}</p>
        <p className="cb-compass-state" data-testid="compass-round-state">
          {state}
        </p>
        {role === 'facilitator' && <RoundControls round={round} />}
        {canScore && (round.open || mine) && (
          <details className="cb-compass-scoring" open={round.open && !round.revealed}>
            <summary>{t('compass.score.show')}</summary>
            <ScoringSheet round={round} questions={questions} mine={mine} locale={locale} />
          </details>
        )}
        {round.aggregate ? (
          <RoundSummary round={round} aggregate={round.aggregate} locale={locale} />
        ) : (
          <p className="cb-compass-note">{t('compass.results.hidden')}</p>
        )}
        {canEditBoard(role) && !readOnly && (
          <button
            type="button"
            className="cb-button cb-button--quiet cb-button--small"
            onClick={() => placeCompass(editor, round.id)}
          >
            {t('compass.place')}
          </button>
        )}
      </article>
    </li>
  )
}

/**
 * A revealed round in the column: the axes to discuss in one line and the way to the full
 * results on the stage (the table and radar need more room than the column has).
 */
function RoundSummary({
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
  return (
    <div className="cb-compass-summary">
      <p className={flagged.length > 0 ? 'cb-compass-flagged' : 'cb-compass-note'} data-testid="compass-flagged">
        {flagged.length > 0
          ? t('compass.results.flagged', { axes: flagged.map((a) => axisLabel(a, locale)).join(', ') })
          : t('compass.results.noFlag')}
      </p>
      <button
        type="button"
        className="cb-button cb-button--small"
        aria-haspopup="dialog"
        data-testid="compass-show-results"
        onClick={() => useStageStore.getState().open({ view: 'compass', roundId: round.id })}
      >
        {t('stage.summary.show')}
      </button>
    </div>
  )
}

/**
 * The « Boussole » side panel: rounds (open ones to score, closed ones folded below), a
 * summary once revealed with the way to the results stage (table, radar, comparison), and for the facilitator opening rounds and editing the guiding
 * questions. Everything comes from the server's control state; nothing here writes the doc
 * except placing a compass shape. Folded unless a round is open (the column unfolds it
 * when one opens: the moment to score).
 */
export function CompassPanel() {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const { role } = useBoardInfo()
  const view = useControlPublic('compass')
  const own = useControlOwn('compass')
  const rounds = view?.rounds ?? []
  const openCount = rounds.filter((r) => r.open).length
  // The rounds to score now come first; closed ones (and their sheets) fold away below, so
  // round 1's sheet never sits above round 2's.
  const current = rounds.filter((r) => r.open).reverse()
  const closed = rounds.filter((r) => !r.open).reverse()
  const revealedCount = rounds.filter((r) => r.aggregate !== null).length

  return (
    <SidePanel
      id="compass"
      title={t('compass.panel.title')}
      badge={openCount > 0 ? t('compass.panel.openCount', { count: openCount }) : undefined}
      className="cb-compass"
      testId="compass-panel"
    >
      {view && (
        <>
          {role === 'viewer' && <p className="cb-compass-note">{t('compass.panel.viewer')}</p>}
          {rounds.length === 0 && (
            <p className="cb-compass-note">
              {role === 'facilitator' ? t('compass.panel.emptyFacilitator') : t('compass.panel.empty')}
            </p>
          )}
          {current.length > 0 && (
            <ol className="cb-compass-rounds">
              {current.map((round) => (
                <RoundItem key={round.id} round={round} questions={view.questions} own={own} locale={locale} />
              ))}
            </ol>
          )}
          {closed.length > 0 && (
            <details className="cb-compass-closed" open={current.length === 0} data-testid="compass-closed-rounds">
              <summary>{t('compass.panel.closedRounds', { count: closed.length })}</summary>
              <ol className="cb-compass-rounds">
                {closed.map((round) => (
                  <RoundItem key={round.id} round={round} questions={view.questions} own={own} locale={locale} />
                ))}
              </ol>
            </details>
          )}
          {revealedCount >= 2 && (
            <button
              type="button"
              className="cb-button cb-button--small"
              aria-haspopup="dialog"
              data-testid="compass-show-comparison"
              onClick={() => useStageStore.getState().open({ view: 'compare' })}
            >
              {t('stage.summary.compare')}
            </button>
          )}
          {role === 'facilitator' && <OpenRoundForm />}
          {role === 'facilitator' && <QuestionsEditor questions={view.questions} />}
        </>
      )}
    </SidePanel>
  )
}
