import type { BoardFeature } from '../boardFeature'
import { ShareLayer } from './ShareLayer'

/** « Partager »: the facilitator shows the links again, with a QR code and an invitation. Adds no shapes or tools. */
export const shareFeature: BoardFeature = {
  id: 'share',
  InFrontOfTheCanvas: ShareLayer,
}
