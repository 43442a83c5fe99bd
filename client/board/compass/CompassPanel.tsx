import { useEditor, useValue } from 'tldraw'
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
import { RoundComparison } from './RoundComparison'
import { RoundControls } from './RoundControls'
import { RoundResults } from './RoundResults'
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
          <RoundResults round={round} aggregate={round.aggregate} locale={locale} />
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
 * The « Boussole » side panel: rounds (open ones to score), results once revealed, the
 * comparison of two rounds, and for the facilitator opening rounds and editing the guiding
 * questions. Everything comes from the server's control state; nothing here writes the doc
 * except placing a compass shape. Folded unless a round is open (the column unfolds it
 * when one opens: the moment to score).
 */
export function CompassPanel() {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const { role, readOnly } = useBoardInfo()
  const view = useControlPublic('compass')
  const own = useControlOwn('compass')
  const rounds = view?.rounds ?? []
  const openCount = rounds.filter((r) => r.open).length

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
          <ol className="cb-compass-rounds">
            {rounds.map((round) => (
              <RoundItem key={round.id} round={round} questions={view.questions} own={own} locale={locale} />
            ))}
          </ol>
          <RoundComparison rounds={rounds} locale={locale} canPlace={canEditBoard(role) && !readOnly} />
          {role === 'facilitator' && <OpenRoundForm />}
          {role === 'facilitator' && <QuestionsEditor questions={view.questions} />}
        </>
      )}
    </SidePanel>
  )
}
