import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { activityOf } from '../../../shared/control/agenda'
import type { VoteRoundView } from '../../../shared/control/votes'
import { useT } from '../../i18n/useT'
import { useControlPublic } from '../control/useControl'
import { useRoundCards } from '../votes/useRoundCards'

/** How many ranked cards the frame shows (the panel lists them all). */
const SHOWN = 10

/** The latest revealed vote: its ranking is what the room discusses. */
function latestRevealed(rounds: readonly VoteRoundView[] | undefined): VoteRoundView | undefined {
  for (let i = (rounds?.length ?? 0) - 1; i >= 0; i--) if (rounds![i].revealed && rounds![i].ranking) return rounds![i]
  return undefined
}

/**
 * « Priorisation » shows the vote's ranking in its own frame, once revealed: drawn on the
 * canvas over the frame (page space: it moves and zooms with the board), from the control
 * state, so every screen shows the same list and nothing is written to the board. The
 * voted cards stay where they are: moving them there would take actors off the power /
 * interest grid and levers out of their sphere's lane, where their place is their meaning.
 * Screen readers read the same ranking in the voting panel.
 */
export function PhaseRanking() {
  const t = useT()
  const editor = useEditor()
  const agenda = useControlPublic('agenda')
  const votes = useControlPublic('votes')
  const round = latestRevealed(votes?.rounds)
  const frameId = agenda?.phases.find((p) => activityOf(p) === 'vote' && p.frameId)?.frameId ?? null
  const bounds = useValue(
    'vote phase frame',
    () => {
      const frame = frameId && round ? editor.getShape(frameId as TLShapeId) : undefined
      const b = frame && editor.getShapePageBounds(frame)
      return b ? { x: b.x, y: b.y, w: b.w, h: b.h } : null
    },
    [editor, frameId, round],
  )
  const cards = useRoundCards(round?.cardIds ?? [])
  if (!round?.ranking || !bounds) return null
  const labels = new Map(cards.map((c, i) => [c.id, c.label || t('facil.votes.untitled', { n: i + 1 })]))
  return (
    <div
      className="cb-phase-ranking"
      aria-hidden="true"
      data-testid="phase-ranking"
      style={{ transform: `translate(${bounds.x + 24}px, ${bounds.y + 90}px)`, width: Math.max(200, bounds.w - 48) }}
    >
      <p className="cb-phase-ranking__title">
        {t('facil.votes.ranking')} — {round.label}
      </p>
      <ol>
        {round.ranking.slice(0, SHOWN).map((entry) => (
          <li key={entry.cardId} data-card-id={entry.cardId} data-dots={entry.dots}>
            <span className="cb-phase-ranking__rank">{entry.rank}.</span>{' '}
            <span className="cb-phase-ranking__label">{labels.get(entry.cardId) || t('facil.votes.deleted')}</span>{' '}
            <span className="cb-phase-ranking__tally">{t('facil.votes.tally', { count: entry.dots })}</span>
          </li>
        ))}
      </ol>
    </div>
  )
}
