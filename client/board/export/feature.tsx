import type { BoardFeature } from '../boardFeature'
import './export.css'
import { OutcomePanel } from './OutcomePanel'

/**
 * Workshop outcomes on the board (issue 6): the facilitator's panel with the exports
 * (sheet, CSV, JSON backup), PNG/SVG images of the board, a frame or the selection, the
 * printable report, checkpoints, import of a backup and deletion of the workshop.
 */
export const exportFeature: BoardFeature = {
  id: 'export',
  Panel: OutcomePanel,
}
