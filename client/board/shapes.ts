import { defaultBindingUtils, defaultShapeUtils, type TLAnyBindingUtilConstructor, type TLAnyShapeUtilConstructor } from 'tldraw'

/**
 * Our custom shapes and bindings (coalition cards come here). One list used both to build
 * the store's schema and to render, so the two can never disagree.
 */
export const customShapeUtils: TLAnyShapeUtilConstructor[] = []
export const customBindingUtils: TLAnyBindingUtilConstructor[] = []

export const allShapeUtils = [...defaultShapeUtils, ...customShapeUtils]
export const allBindingUtils = [...defaultBindingUtils, ...customBindingUtils]
