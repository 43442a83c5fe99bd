import { useEditor } from 'tldraw'
import { activityOf } from '../../../shared/control/agenda'
import type { OwnDots, VoteRoundView } from '../../../shared/control/votes'
import { canEditBoard } from '../../../shared/protocol'
import { useT } from '../../i18n/useT'
import { useBoardInfo } from '../boardContext'
import { SidePanel } from '../SidePanel'
import { useControlOwn, useControlPublic } from '../control/useControl'
import { useCommand } from '../control/useCommand'
import { useStageStore } from '../stage/stageStore'
import { focusShape } from './focusShape'
import { visibleRounds } from './rounds'
import './votes.css'
import { useRoundCards, type RoundCard } from './useRoundCards'

const NO_DOTS: OwnDots = { dots: {}, remaining: 0 }

/**
 * The panel everyone votes from (the keyboard and screen-reader path besides the dots on
 * cards). Shown once a vote exists, and during a vote phase (« Priorisation ») before it,
 * so the panel its launch unfolds says the vote is coming.
 */
export function VotesPanel() {
  const t = useT()
  const votes = useControlPublic('votes')
  const own = useControlOwn('votes')
  const agenda = useControlPublic('agenda')
  const current = agenda?.phases.find((p) => p.id === agenda.currentId)
  const votePhase = current !== undefined && activityOf(current) === 'vote'
  const rounds = visibleRounds(votes?.rounds)
  if (rounds.length === 0 && !votePhase) return null
  const openCount = rounds.filter((r) => r.open).length
  return (
    <SidePanel
      id="votes"
      title={t('facil.votes.title')}
      badge={openCount > 0 ? t('panels.badge.open', { count: openCount }) : undefined}
      testId="votes-panel"
    >
      {rounds.length === 0 && (
        <p className="cb-fp-hint" data-testid="votes-waiting">
          {t('facil.votes.waiting')}
        </p>
      )}
      {rounds.map((round) => (
        <VoteRound key={round.id} round={round} mine={own?.[round.id] ?? { ...NO_DOTS, remaining: round.budget }} />
      ))}
    </SidePanel>
  )
}

function VoteRound({ round, mine }: { round: VoteRoundView; mine: OwnDots }) {
  const t = useT()
  const { role } = useBoardInfo()
  const cards = useRoundCards(round.cardIds)
  const canVote = round.open && canEditBoard(role)
  const headingId = `cb-vote-${round.id}`
  return (
    <section className="cb-fp-round" aria-labelledby={headingId} data-testid="vote-round" data-round-id={round.id}>
      <h3 id={headingId}>{round.label}</h3>
      <p className="cb-fp-muted">
        {round.open ? t('facil.votes.open') : t('facil.votes.closed')} ·{' '}
        {round.revealed ? t('facil.votes.revealed') : t('facil.votes.hidden')} ·{' '}
        {t('facil.votes.voterCount', { count: round.voterCount })}
      </p>
      {canVote && (
        <p className="cb-fp-status" role="status" data-testid="votes-remaining">
          {t('facil.votes.remaining', { count: mine.remaining, budget: round.budget })}
        </p>
      )}
      {round.open && <VoteCardList round={round} cards={cards} mine={mine} canVote={canVote} />}
      {round.revealed && round.ranking && <Ranking round={round} cards={cards} />}
    </section>
  )
}

function VoteCardList({
  round,
  cards,
  mine,
  canVote,
}: {
  round: VoteRoundView
  cards: RoundCard[]
  mine: OwnDots
  canVote: boolean
}) {
  const t = useT()
  const editor = useEditor()
  const run = useCommand()
  return (
    <ul className="cb-fp-votecards">
      {cards.map((card, i) => {
        const count = mine.dots[card.id] ?? 0
        const name = card.label || t('facil.votes.untitled', { n: i + 1 })
        const canAdd = canVote && card.exists && mine.remaining > 0 && (round.allowMultiplePerCard || count === 0)
        return (
          <li key={card.id} className="cb-fp-votecard" data-card-id={card.id}>
            <button
              type="button"
              className="cb-fp-link"
              disabled={!card.exists}
              onClick={() => focusShape(editor, card.id)}
            >
              {card.exists ? name : t('facil.votes.deleted')}
            </button>
            <span
              className="cb-fp-dots"
              role="img"
              aria-label={t('facil.votes.myDots', { count })}
              data-testid="my-dots"
            >
              {'●'.repeat(count)}
            </span>
            {canVote && (
              <>
                <button
                  type="button"
                  className="cb-fp-button cb-fp-button--small"
                  aria-label={t('facil.votes.remove', { name })}
                  disabled={count === 0}
                  onClick={() => void run({ type: 'votes.remove', roundId: round.id, cardId: card.id })}
                >
                  −
                </button>
                <button
                  type="button"
                  className="cb-fp-button cb-fp-button--small"
                  aria-label={t('facil.votes.place', { name })}
                  disabled={!canAdd}
                  onClick={() => void run({ type: 'votes.place', roundId: round.id, cardId: card.id })}
                >
                  +
                </button>
              </>
            )}
          </li>
        )
      })}
    </ul>
  )
}

/** How many ranked cards the column shows; the full ranking is on the results stage. */
const RANKING_SUMMARY = 3

function Ranking({ round, cards }: { round: VoteRoundView; cards: RoundCard[] }) {
  const t = useT()
  const editor = useEditor()
  const byId = new Map(cards.map((c, i) => [c.id, c.label || t('facil.votes.untitled', { n: i + 1 })]))
  return (
    <>
      <h4 className="cb-fp-subtitle">{t('facil.votes.ranking')}</h4>
      <ol className="cb-fp-ranking" data-testid="vote-ranking">
        {round.ranking!.slice(0, RANKING_SUMMARY).map((entry) => (
          <li key={entry.cardId} data-card-id={entry.cardId} data-dots={entry.dots}>
            <span className="cb-fp-rank">{entry.rank}.</span>
            <button type="button" className="cb-fp-link" onClick={() => focusShape(editor, entry.cardId)}>
              {byId.get(entry.cardId) || t('facil.votes.deleted')}
            </button>
            <span className="cb-fp-tally">{t('facil.votes.tally', { count: entry.dots })}</span>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="cb-fp-button cb-fp-button--small"
        aria-haspopup="dialog"
        data-testid="votes-show-results"
        onClick={() => useStageStore.getState().open({ view: 'votes', roundId: round.id })}
      >
        {t('stage.summary.show')}
      </button>
    </>
  )
}
