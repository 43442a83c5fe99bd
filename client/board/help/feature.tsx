import type { BoardFeature } from '../boardFeature'
import { HelpLayer } from './HelpLayer'

/**
 * Help on the board: the « ? » button and `?` key (shortcuts, compass axes and their
 * questions, roles) and the first-time orientation. Adds no shapes, tools or panels.
 */
export const helpFeature: BoardFeature = {
  id: 'help',
  InFrontOfTheCanvas: HelpLayer,
}
