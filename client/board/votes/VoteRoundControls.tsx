import { useState } from 'react'
import { useEditor, useValue } from 'tldraw'
import { cardTypeLabel, isCardType } from '../../../shared/cards/cardTypes'
import type { VoteRoundView } from '../../../shared/control/votes'
import { MAX_BUDGET } from '../../../shared/control/votes'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useControlPublic } from '../control/useControl'
import { useCommand } from '../control/useCommand'
import { useMemberNames } from '../presence/useMemberNames'
import { cardsInScope, VOTABLE_TYPES, type ScopeShape, type VotableType, type VoteScope } from './voteScope'

type ScopeChoice = 'selection' | VotableType

/** The cards a new round would cover, live as the selection and the board change. */
function useScopeCards(choice: ScopeChoice): string[] {
  const editor = useEditor()
  return useValue(
    'vote scope',
    () => {
      const shapes: ScopeShape[] = editor.getCurrentPageShapes().map((s) => {
        const b = editor.getShapePageBounds(s)
        return { id: s.id, type: s.type, parentId: s.parentId, x: b?.x ?? 0, y: b?.y ?? 0 }
      })
      const scope: VoteScope =
        choice === 'selection'
          ? { kind: 'selection', selectedIds: editor.getSelectedShapeIds() }
          : { kind: 'type', type: choice }
      return cardsInScope(shapes, scope)
    },
    [editor, choice],
  )
}

function StartRound() {
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const run = useCommand()
  const [label, setLabel] = useState(() => t('facil.votes.defaultLabel'))
  const [choice, setChoice] = useState<ScopeChoice>('selection')
  const [budget, setBudget] = useState(3)
  const [multiple, setMultiple] = useState(false)
  const cardIds = useScopeCards(choice)
  const typeLabel = (type: VotableType) => (isCardType(type) ? cardTypeLabel(type, locale) : t('facil.votes.notes'))

  return (
    <form
      className="cb-fp-form"
      data-testid="vote-start"
      onSubmit={(event) => {
        event.preventDefault()
        void run({ type: 'votes.start', label, cardIds, budget, allowMultiplePerCard: multiple })
      }}
    >
      <label htmlFor="cb-vote-label">{t('facil.votes.label')}</label>
      <input id="cb-vote-label" value={label} maxLength={200} required onChange={(e) => setLabel(e.target.value)} />
      <label htmlFor="cb-vote-scope">{t('facil.votes.scope')}</label>
      <select id="cb-vote-scope" value={choice} onChange={(e) => setChoice(e.target.value as ScopeChoice)}>
        <option value="selection">{t('facil.votes.scopeSelection')}</option>
        {VOTABLE_TYPES.map((type) => (
          <option key={type} value={type}>
            {t('facil.votes.scopeType', { type: typeLabel(type) })}
          </option>
        ))}
      </select>
      <p className="cb-fp-hint" role="status" data-testid="vote-scope-count">
        {t('facil.votes.scopeCount', { count: cardIds.length })}
      </p>
      <label htmlFor="cb-vote-budget">{t('facil.votes.budget')}</label>
      <input
        id="cb-vote-budget"
        type="number"
        min={1}
        max={MAX_BUDGET}
        value={budget}
        onChange={(e) => setBudget(Math.max(1, Math.min(MAX_BUDGET, Math.round(Number(e.target.value) || 1))))}
      />
      <label className="cb-fp-check">
        <input type="checkbox" checked={multiple} onChange={(e) => setMultiple(e.target.checked)} />
        {t('facil.votes.multiple')}
      </label>
      <button
        type="submit"
        className="cb-fp-button cb-fp-button--primary cb-fp-button--small"
        disabled={cardIds.length === 0}
      >
        {t('facil.votes.start')}
      </button>
    </form>
  )
}

function RoundAdmin({ round }: { round: VoteRoundView }) {
  const t = useT()
  const run = useCommand()
  const names = useMemberNames()
  const voters = (round.voters ?? []).map((id) => names.get(id) ?? t('facil.presence.absent'))
  const roundId = round.id
  return (
    <li className="cb-fp-round" data-testid="vote-admin" data-round-id={roundId}>
      <h4>{round.label}</h4>
      <p className="cb-fp-muted">
        {t('facil.votes.summary', { cards: round.cardIds.length, budget: round.budget })} ·{' '}
        {round.open ? t('facil.votes.open') : t('facil.votes.closed')} ·{' '}
        {round.revealed ? t('facil.votes.revealed') : t('facil.votes.hidden')}
      </p>
      <p className="cb-fp-muted">
        {t('facil.votes.voterCount', { count: round.voterCount })}
        {voters.length > 0 && ` : ${voters.join(', ')}`}
      </p>
      <div className="cb-fp-actions">
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          onClick={() => void run({ type: round.revealed ? 'votes.hide' : 'votes.reveal', roundId })}
        >
          {round.revealed ? t('facil.votes.hide') : t('facil.votes.reveal')}
        </button>
        <button
          type="button"
          className="cb-fp-button cb-fp-button--small"
          onClick={() => void run({ type: round.open ? 'votes.close' : 'votes.reopen', roundId })}
        >
          {round.open ? t('facil.votes.close') : t('facil.votes.reopen')}
        </button>
        <button
          type="button"
          className="cb-fp-button cb-fp-button--quiet cb-fp-button--small"
          disabled={round.voterCount === 0}
          onClick={() => {
            if (window.confirm(t('facil.votes.confirmClear', { label: round.label })))
              void run({ type: 'votes.clear', roundId })
          }}
        >
          {t('facil.votes.clear')}
        </button>
        <button
          type="button"
          className="cb-fp-button cb-fp-button--quiet cb-fp-button--small"
          onClick={() => {
            if (window.confirm(t('facil.votes.confirmDelete', { label: round.label })))
              void run({ type: 'votes.deleteRound', roundId })
          }}
        >
          {t('facil.votes.delete')}
        </button>
      </div>
    </li>
  )
}

/** Dot-voting rounds for the facilitator: start one on a set of cards, then run it. */
export function VoteRoundControls() {
  const t = useT()
  const votes = useControlPublic('votes')
  const rounds = [...(votes?.rounds ?? [])].reverse()
  return (
    <div className="cb-fp-votes">
      <StartRound />
      {rounds.length > 0 && (
        <>
          <h4 className="cb-fp-subtitle">{t('facil.votes.rounds')}</h4>
          <ul className="cb-fp-rounds">
            {rounds.map((round) => (
              <RoundAdmin key={round.id} round={round} />
            ))}
          </ul>
        </>
      )}
    </div>
  )
}
