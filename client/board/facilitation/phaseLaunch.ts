import { react, type Editor } from 'tldraw'
import { movesEveryone } from '../../../shared/control/agenda'
import type { Role } from '../../../shared/protocol'
import type { ControlClient } from '../control/controlClient'
import { NARROW_QUERY } from '../panelLayout'
import { useSidePanelStore } from '../sidePanelStore'
import { controlSignal } from './controlSignal'
import { panelForLaunch } from './phaseSteps'
import { goToFrame } from './zone'

/**
 * « Lancer la phase » on every screen: each new launch (`agenda.launch.seq`) brings this
 * person's view to the phase's frame (unless the phase says not to) and unfolds the panel
 * its activity needs — the scoring sheet, the voting panel, the outline — bringing the
 * column (or the phone's sheet) back if it was hidden. The launch seen on connecting is
 * history: someone arriving mid-phase keeps their own view. The timer and the compass
 * round come from the server (the launch's follow-ups), not from here.
 */
export function bindPhaseLaunch(editor: Editor, control: ControlClient, role: Role): () => void {
  const { signal: agenda, dispose } = controlSignal(control, 'agenda')
  let seenSeq: number | null = null
  const stop = react('phase launch', () => {
    const view = agenda.get()
    if (!view) return
    const seq = view.launch?.seq ?? 0
    if (seenSeq === null || seq <= seenSeq || !view.launch) {
      seenSeq = Math.max(seenSeq ?? 0, seq)
      return
    }
    seenSeq = seq
    const phase = view.phases.find((p) => p.id === view.launch!.phaseId)
    if (!phase) return
    // Outside the reaction: moving the camera writes to the store this effect reads.
    queueMicrotask(() => {
      if (movesEveryone(phase)) goToFrame(editor, phase.frameId)
      const panel = panelForLaunch(phase, role)
      if (!panel) return
      const panels = useSidePanelStore.getState()
      panels.setPanelOpen(panel, true)
      // The projection screen (viewer) keeps the whole screen for the board.
      if (role !== 'viewer') panels.setColumnShown(true, matchMedia(NARROW_QUERY).matches)
    })
  })
  return () => {
    stop()
    dispose()
  }
}
