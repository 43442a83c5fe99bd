import type { VoteRoundView } from '../../../shared/control/votes'
import { useT } from '../../i18n/useT'
import { useControlPublic } from '../control/useControl'
import { useRoundCards } from '../votes/useRoundCards'
import { RoundSelect } from './RoundSelect'

/** The vote shown first: the one asked for, else the latest revealed, else the latest. */
export function defaultVoteRound(rounds: readonly VoteRoundView[], asked?: string): VoteRoundView | undefined {
  return rounds.find((r) => r.id === asked) ?? rounds.findLast((r) => r.ranking !== null) ?? rounds.at(-1)
}

/**
 * A dot vote's ranking on the stage: rank, card, dots, with a bar the room reads from
 * afar. From the public view, which has no tally before the reveal.
 */
export function StageVotes({ roundId, onPick }: { roundId?: string; onPick(id: string): void }) {
  const t = useT()
  const rounds = useControlPublic('votes')?.rounds ?? []
  const round = defaultVoteRound(rounds, roundId)
  if (!round) return <p className="cb-stage-note">{t('stage.votes.none')}</p>
  return (
    <section
      className="cb-stage-view"
      aria-labelledby="cb-stage-vote-title"
      data-testid="stage-votes"
      data-round={round.id}
    >
      <div className="cb-stage-pick">
        <RoundSelect label={t('stage.votes.round')} rounds={rounds} value={round.id} onChange={onPick} />
      </div>
      <h3 id="cb-stage-vote-title">{round.label}</h3>
      <p className="cb-stage-note">{t('facil.votes.voterCount', { count: round.voterCount })}</p>
      {round.ranking ? (
        <Ranking round={round} />
      ) : (
        <p className="cb-stage-hidden" data-testid="stage-hidden">
          {t('stage.votes.hidden')}
        </p>
      )}
    </section>
  )
}

function Ranking({ round }: { round: VoteRoundView }) {
  const t = useT()
  const cards = useRoundCards(round.cardIds)
  const names = new Map(
    cards.map((c, i) => [
      c.id,
      c.exists ? c.label || t('facil.votes.untitled', { n: i + 1 }) : t('facil.votes.deleted'),
    ]),
  )
  const most = Math.max(1, ...round.ranking!.map((e) => e.dots))
  return (
    <table className="cb-stage-table cb-stage-ranking" data-testid="stage-ranking">
      <caption>{t('stage.votes.caption', { label: round.label })}</caption>
      <thead>
        <tr>
          <th scope="col">{t('stage.votes.rank')}</th>
          <th scope="col">{t('stage.votes.card')}</th>
          <th scope="col">{t('stage.votes.dots')}</th>
        </tr>
      </thead>
      <tbody>
        {round.ranking!.map((entry) => (
          <tr key={entry.cardId} data-card-id={entry.cardId} data-dots={entry.dots}>
            <td>{entry.rank}</td>
            <th scope="row">{names.get(entry.cardId) ?? t('facil.votes.deleted')}</th>
            <td>
              <span className="cb-stage-bar" style={{ width: `${(entry.dots / most) * 8}rem` }} aria-hidden="true" />
              {t('facil.votes.tally', { count: entry.dots })}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
