import { Box, createShapeId, type Editor, type TLShapeId } from 'tldraw'
import { COMPASS_SHAPE_TYPE, defaultCompassProps } from '../../../shared/compass/compassShape'

const GAP = 40

/**
 * Puts a compass of `roundId` (compared with `compareRoundId`) in the middle of what this
 * person is looking at — moved right, past any radar already there, so a comparison never
 * lands exactly on top of round 1's — selects it, and returns its id. Only which rounds are
 * stored: the values stay on the server.
 */
export function placeCompass(editor: Editor, roundId: string, compareRoundId?: string): TLShapeId {
  const id = createShapeId()
  const props = { ...defaultCompassProps(roundId), ...(compareRoundId ? { compareRoundId } : {}) }
  const center = editor.getViewportPageBounds().center
  const radars = editor
    .getCurrentPageShapes()
    .filter((s) => s.type === COMPASS_SHAPE_TYPE)
    .map((s) => editor.getShapePageBounds(s))
    .filter((b): b is Box => b !== undefined)
  const spot = new Box(center.x - props.w / 2, center.y - props.h / 2, props.w, props.h)
  // Each step clears at least one radar, so this ends within radars.length steps.
  for (let i = 0; i <= radars.length; i++) {
    const under = radars.filter((b) => b.collides(spot))
    if (under.length === 0) break
    spot.x = Math.max(...under.map((b) => b.maxX)) + GAP
  }
  editor.markHistoryStoppingPoint('place compass')
  editor.createShape({ id, type: COMPASS_SHAPE_TYPE, x: spot.x, y: spot.y, props })
  editor.select(id)
  return id
}
