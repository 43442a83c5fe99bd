import { createTLStore } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { serializedBoardSchema } from '../../shared/tldrawSchema'
import { allBindingUtils, allShapeUtils } from './shapes'

describe('the board schema shared with the server', () => {
  it('is the schema the client’s store is built with (so the server validates what the client writes)', () => {
    const store = createTLStore({ shapeUtils: allShapeUtils, bindingUtils: allBindingUtils })
    expect(serializedBoardSchema()).toEqual(store.schema.serialize())
    store.dispose()
  })
})
