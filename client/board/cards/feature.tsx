import type { BoardFeature } from '../boardFeature'
import { OutlinePanel } from '../outline/OutlinePanel'
import { CardPanel } from './CardPanel'
import { CARD_SHAPE_UTILS } from './cardShapeUtils'
import { CardToolbar, cardUiOverrides } from './CardToolbar'
import { CARD_TOOLS } from './cardTools'
import { syncGridValues } from './gridPlacement'
import { FarFrameNames } from './FarFrameNames'
import { FarLinkLabels } from './FarLinkLabels'
import { LinkKindMenu } from './LinkKindMenu'
import { syncLinkLabels } from './linkLabels'
import { applyPlacementDefaults } from './placementDefaults'
import { applyActionLaneStatus } from '../roadmap/actionPlacement'
import { TemplatePanel } from './TemplatePanel'
import './cards.css'

/** What reads from far over the canvas: link meanings, then frame names above them. */
function FarLabels() {
  return (
    <>
      <FarLinkLabels />
      <FarFrameNames />
    </>
  )
}

function CardsPanels() {
  return (
    <>
      <CardPanel />
      <OutlinePanel />
      <TemplatePanel />
    </>
  )
}

/**
 * Coalition cards: the actor, lever, indicator and impact shapes, their tools and
 * toolbar, the selected card's panel (fields and links), the board outline, template
 * insertion, the power/interest grid keeping actors' values in step with their place, and the sphere a
 * card takes from the frame it is placed in.
 */
export const cardsFeature: BoardFeature = {
  id: 'cards',
  shapeUtils: CARD_SHAPE_UTILS,
  tools: CARD_TOOLS,
  overrides: cardUiOverrides,
  Panel: CardsPanels,
  InFrontOfTheCanvas: CardToolbar,
  ContextMenuItems: LinkKindMenu,
  OnTheCanvas: FarLabels,
  onMount: (editor, { locale }) => {
    const offs = [
      syncGridValues(editor),
      applyPlacementDefaults(editor),
      applyActionLaneStatus(editor),
      syncLinkLabels(editor, locale),
    ]
    return () => {
      for (const off of offs) off()
    }
  },
}
