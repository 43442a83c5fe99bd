import { createShapeId, type Editor, type TLShapeId } from 'tldraw'
import { COMPASS_SHAPE_TYPE, defaultCompassProps } from '../../../shared/compass/compassShape'

/**
 * Puts a compass of `roundId` (compared with `compareRoundId`) in the middle of what this
 * person is looking at, selects it, and returns its id. Only which rounds are stored: the
 * values stay on the server.
 */
export function placeCompass(editor: Editor, roundId: string, compareRoundId?: string): TLShapeId {
  const id = createShapeId()
  const props = { ...defaultCompassProps(roundId), ...(compareRoundId ? { compareRoundId } : {}) }
  const center = editor.getViewportPageBounds().center
  editor.markHistoryStoppingPoint('place compass')
  editor.createShape({ id, type: COMPASS_SHAPE_TYPE, x: center.x - props.w / 2, y: center.y - props.h / 2, props })
  editor.select(id)
  return id
}
