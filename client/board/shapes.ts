import {
  defaultBindingUtils,
  defaultShapeUtils,
  type TLAnyBindingUtilConstructor,
  type TLAnyShapeUtilConstructor,
} from 'tldraw'
import { BOARD_FEATURES } from './features'

/**
 * Our custom shapes and bindings, gathered from the board features. One list used both to
 * build the store's schema and to render, so the two can never disagree.
 */
export const customShapeUtils: TLAnyShapeUtilConstructor[] = BOARD_FEATURES.flatMap((f) => f.shapeUtils ?? [])
export const customBindingUtils: TLAnyBindingUtilConstructor[] = BOARD_FEATURES.flatMap((f) => f.bindingUtils ?? [])

export const allShapeUtils = [...defaultShapeUtils, ...customShapeUtils]
export const allBindingUtils = [...defaultBindingUtils, ...customBindingUtils]
