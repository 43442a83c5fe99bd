import { useCallback } from 'react'
import { useEditor } from 'tldraw'
import { activityOf, type Phase } from '../../../shared/control/agenda'
import { useControlPublic } from '../control/useControl'
import { useCommand, type CommandAnswer } from '../control/useCommand'
import type { ScopeShape } from '../votes/voteScope'
import { phaseVote } from './phaseVote'

/**
 * « Lancer la phase » as one command (`agenda.launch`): the server makes it current, starts
 * its timer and opens its compass round; for a vote phase with no vote open, this screen
 * adds the cards to vote on (`phaseVote`), which only the board here knows.
 */
export function useLaunchPhase(): (phase: Phase) => Promise<CommandAnswer> {
  const editor = useEditor()
  const run = useCommand()
  const votes = useControlPublic('votes')
  const voteOpen = votes?.rounds.some((r) => r.open) ?? false
  return useCallback(
    (phase) => {
      let vote: { cardIds: string[]; budget: number } | null = null
      if (activityOf(phase) === 'vote' && !voteOpen) {
        const shapes: ScopeShape[] = editor.getCurrentPageShapes().map((s) => {
          const b = editor.getShapePageBounds(s)
          return { id: s.id, type: s.type, parentId: s.parentId, x: b?.x ?? 0, y: b?.y ?? 0 }
        })
        vote = phaseVote(shapes, editor.getSelectedShapeIds())
      }
      return run({ type: 'agenda.launch', id: phase.id, ...(vote ? { vote } : {}) })
    },
    [editor, run, voteOpen],
  )
}
