import { useEditor, useValue, type TLShapeId } from 'tldraw'
import type { VoteRoundView } from '../../../shared/control/votes'
import { canEditBoard } from '../../../shared/protocol'
import { useT } from '../../i18n/useT'
import { useBoardInfo } from '../boardContext'
import { useControlOwn, useControlPublic } from '../control/useControl'
import { useCommand } from '../control/useCommand'
import { focusedRound } from './rounds'
import { cardLabel } from './voteScope'
import './votes.css'

/** Cards drawn with a badge at most: beyond that the panel is the way to vote. */
const MAX_BADGES = 300

interface Badge {
  id: string
  label: string
  /** Top-right corner of the card, in the editor container's coordinates. */
  x: number
  y: number
}

/**
 * The focused round's dots on the cards themselves: while hidden, each person's own dots
 * with − / + to remove or place one; once revealed, every card's tally. Drawn in front of
 * the canvas at each card's top-right corner, following the camera.
 */
export function VoteDots() {
  const votes = useControlPublic('votes')
  const round = focusedRound(votes?.rounds)
  if (!round) return null
  return <RoundDots round={round} />
}

function RoundDots({ round }: { round: VoteRoundView }) {
  const t = useT()
  const editor = useEditor()
  const { role } = useBoardInfo()
  const own = useControlOwn('votes')?.[round.id]
  const run = useCommand()
  const badges = useValue(
    'vote badges',
    () => {
      const viewport = editor.getViewportPageBounds()
      const pageId = editor.getCurrentPageId()
      const out: Badge[] = []
      for (const id of round.cardIds) {
        const shape = editor.getShape(id as TLShapeId)
        if (!shape || editor.getAncestorPageId(shape) !== pageId) continue
        const bounds = editor.getShapePageBounds(shape)
        if (!bounds || !viewport.collides(bounds)) continue
        const corner = editor.pageToViewport({ x: bounds.maxX, y: bounds.minY })
        out.push({ id, label: cardLabel(shape), x: corner.x, y: corner.y })
        if (out.length >= MAX_BADGES) break
      }
      return out
    },
    [editor, round.cardIds],
  )
  const canVote = round.open && canEditBoard(role)
  const remaining = own?.remaining ?? round.budget

  return (
    <div className="cb-vote-dots" data-testid="vote-dots" data-round-id={round.id}>
      {badges.map((badge) => {
        const mine = own?.dots[badge.id] ?? 0
        const tally = round.tallies?.[badge.id]
        const name = badge.label || t('facil.votes.thisCard')
        const canAdd = canVote && remaining > 0 && (round.allowMultiplePerCard || mine === 0)
        return (
          <div
            key={badge.id}
            className="cb-vote-badge"
            style={{ left: badge.x, top: badge.y }}
            data-card-id={badge.id}
            data-testid="vote-badge"
          >
            {tally !== undefined ? (
              <span
                className="cb-vote-badge__tally"
                data-testid="vote-tally"
                aria-label={t('facil.votes.tally', { count: tally })}
              >
                ● {tally}
              </span>
            ) : (
              <span className="cb-vote-badge__mine" aria-label={t('facil.votes.myDots', { count: mine })}>
                {mine > 0 ? '●'.repeat(Math.min(mine, 10)) : '○'}
              </span>
            )}
            {canVote && (
              <>
                <button
                  type="button"
                  className="cb-vote-badge__button"
                  aria-label={t('facil.votes.remove', { name })}
                  disabled={mine === 0}
                  onClick={() => void run({ type: 'votes.remove', roundId: round.id, cardId: badge.id })}
                >
                  −
                </button>
                <button
                  type="button"
                  className="cb-vote-badge__button"
                  aria-label={t('facil.votes.place', { name })}
                  disabled={!canAdd}
                  onClick={() => void run({ type: 'votes.place', roundId: round.id, cardId: badge.id })}
                >
                  +
                </button>
              </>
            )}
          </div>
        )
      })}
    </div>
  )
}
