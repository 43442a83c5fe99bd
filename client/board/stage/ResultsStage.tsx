import { canEditBoard } from '../../../shared/protocol'
import { useT } from '../../i18n/useT'
import { ModalDialog } from '../../onboarding/ModalDialog'
import { useUiStore } from '../../state/uiStore'
import { useBoardInfo } from '../boardContext'
import { useControlPublic } from '../control/useControl'
import { StageComparison } from './StageComparison'
import { StageCompass } from './StageCompass'
import { StageVotes } from './StageVotes'
import { useStageStore, type StageTarget, type StageView } from './stageStore'
import './stage.css'

const VIEWS: readonly StageView[] = ['compass', 'compare', 'votes']

/**
 * The results stage: a full-screen dialog to project or to read at one's own screen — the
 * compass round (radar and full table, the axes to discuss first), the comparison of two
 * rounds, the vote ranking. A modal `<dialog>` (`ModalDialog`): focus kept inside, Escape
 * closes, focus back to where it was. Only public views are read: what is not revealed is
 * not there.
 */
export function ResultsStage({ target }: { target: StageTarget }) {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const { role, readOnly } = useBoardInfo()
  const rounds = useControlPublic('compass')?.rounds ?? []
  const { open, close } = useStageStore.getState()
  const show = (view: StageView, roundId?: string) => open({ view, roundId })

  return (
    <ModalDialog labelledBy="cb-stage-title" onClose={close} className="cb-stage" testId="results-stage">
      <header className="cb-stage__head">
        <h2 id="cb-stage-title">{t('stage.title')}</h2>
        <nav aria-label={t('stage.views')} className="cb-stage__views">
          {VIEWS.map((view) => (
            <button
              key={view}
              type="button"
              className={target.view === view ? 'cb-button' : 'cb-button cb-button--quiet'}
              aria-pressed={target.view === view}
              data-autofocus={target.view === view ? '' : undefined}
              onClick={() => show(view)}
            >
              {t(`stage.view.${view}`)}
            </button>
          ))}
        </nav>
        <button type="button" className="cb-button cb-button--quiet" onClick={close} data-testid="stage-close">
          {t('stage.close')}
        </button>
      </header>
      <div className="cb-stage__body">
        {target.view === 'compass' && <StageCompass roundId={target.roundId} onPick={(id) => show('compass', id)} />}
        {target.view === 'compare' && (
          <StageComparison
            rounds={rounds}
            locale={locale}
            canPlace={canEditBoard(role) && !readOnly}
            onPlaced={close}
          />
        )}
        {target.view === 'votes' && <StageVotes roundId={target.roundId} onPick={(id) => show('votes', id)} />}
      </div>
    </ModalDialog>
  )
}
