import { activityOf, type AgendaPublicView, type Phase, type PhaseActivity } from '../../../shared/control/agenda'
import type { Role } from '../../../shared/protocol'
import { isPanelForRole, type PanelId } from '../panelLayout'

/**
 * The agenda as the facilitator steps through it, as plain data (no React, no editor):
 * which phase the « Suivant » button launches, and which panel a launched phase opens.
 */

export interface PhaseSteps {
  current: Phase | undefined
  /** 0-based index of the current phase; -1 before the workshop starts. */
  index: number
  previous: Phase | undefined
  /** The phase « Suivant » launches: the first one before the start, none after the last. */
  next: Phase | undefined
}

export function phaseSteps(agenda: Pick<AgendaPublicView, 'phases' | 'currentId'> | undefined): PhaseSteps {
  const phases = agenda?.phases ?? []
  const index = agenda ? phases.findIndex((p) => p.id === agenda.currentId) : -1
  return {
    current: index >= 0 ? phases[index] : undefined,
    index,
    previous: index > 0 ? phases[index - 1] : undefined,
    next: phases[index + 1],
  }
}

const PANEL_OF_ACTIVITY: Record<PhaseActivity, PanelId | null> = {
  free: null,
  compass: 'compass',
  vote: 'votes',
  outline: 'outline',
  roadmap: null,
}

/**
 * The side panel a launched phase unfolds on this person's screen: the scoring sheet for a
 * compass phase, the voting panel for a vote, the outline to review; none for the board
 * alone, nor for a panel this role does not get.
 */
export function panelForLaunch(phase: Pick<Phase, 'activity'>, role: Role): PanelId | null {
  const panel = PANEL_OF_ACTIVITY[activityOf(phase)]
  return panel && isPanelForRole(panel, role) ? panel : null
}
