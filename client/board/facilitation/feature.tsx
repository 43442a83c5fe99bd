import type { BoardFeature } from '../boardFeature'
import { FacilitatorPanel } from './FacilitatorPanel'
import { bindFollowAndSummon } from './followSummon'
import { bindLocalLock } from './localLock'
import { lockActionOverrides } from './lockActions'
import { LockBadges } from './LockBadges'
import { bindPhaseLaunch } from './phaseLaunch'
import { PhaseHeader } from './PhaseHeader'
import { bindAnonymity } from './anonymity'
import './facilitation.css'

/**
 * Running the workshop live (issue 5): the phase header with its timer for everyone, the
 * facilitator's panel (with the vote rounds' controls), and what the server's control state does to each
 * screen — a launched phase (its zone, its panel), follow-me and summon, the lock, anonymity.
 */
export const facilitationFeature: BoardFeature = {
  id: 'facilitation',
  Panel: FacilitatorPanel,
  InFrontOfTheCanvas: LockBadges,
  TopPanel: PhaseHeader,
  roleOverrides: ({ role, control }) => lockActionOverrides(role, control),
  onMount(editor, { control, role }) {
    const cleanups = [
      bindAnonymity(editor, control),
      bindFollowAndSummon(editor, control),
      bindLocalLock(editor, control, role),
      bindPhaseLaunch(editor, control, role),
    ]
    return () => {
      for (const cleanup of cleanups) cleanup()
    }
  },
}
