import type { BoardFeature } from '../boardFeature'
import { CompassPanel } from './CompassPanel'
import { CompassShapeUtil } from './CompassShapeUtil'
import { registerCompassSource } from './compassSources'

/**
 * The seven-axis compass: the « Boussole » panel (rounds, private scoring, reveal, results,
 * comparison, guiding questions) and the `compass` radar shape. Scores and rounds live in the
 * server's `compass` control section; the board only holds where a radar is drawn.
 */
export const compassFeature: BoardFeature = {
  id: 'compass',
  shapeUtils: [CompassShapeUtil],
  Panel: CompassPanel,
  onMount(editor, { control }) {
    return registerCompassSource(editor, control)
  },
}
