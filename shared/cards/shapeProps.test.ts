import { describe, expect, it } from 'vitest'
import { CARD_TYPES, defaultCardProps } from './cardTypes'
import { cardShapeProps } from './shapeProps'
import { shapeRecord } from '../testRecords'
import { boardSchema } from '../tldrawSchema'

// The board's tldraw schema: our five shapes registered with `cardShapeProps`, the way the client registers them.
const schema = boardSchema()

function cardRecord(type: string, props: object) {
  return shapeRecord(`shape:${type}-1`, type, { x: 10, y: 20 }, props)
}

describe('card shape props for tldraw', () => {
  it('cover every prop of every card type', () => {
    for (const type of CARD_TYPES)
      expect(Object.keys(cardShapeProps[type]).sort()).toEqual(Object.keys(defaultCardProps(type)).sort())
  })

  it('let tldraw accept cards with default props', () => {
    for (const type of CARD_TYPES) {
      const record = cardRecord(type, defaultCardProps(type))
      expect(schema.types.shape.validate(record)).toEqual(record)
    }
  })

  it('make tldraw reject a bad prop with our message', () => {
    expect(() => schema.types.shape.validate(cardRecord('actor', { ...defaultCardProps('actor'), power: 7 }))).toThrow(
      /power must be between 1 and 5/,
    )
    expect(() =>
      schema.types.shape.validate(cardRecord('impact', { ...defaultCardProps('impact'), qualities: ['x'] })),
    ).toThrow(/qualities must contain only compass axes/)
  })

  it('make tldraw reject unknown and missing props', () => {
    expect(() =>
      schema.types.shape.validate(cardRecord('lever', { ...defaultCardProps('lever'), colour: 'red' })),
    ).toThrow()
    const { notes: _notes, ...withoutNotes } = defaultCardProps('actor')
    expect(() => schema.types.shape.validate(cardRecord('actor', withoutNotes))).toThrow(/notes is required/)
  })
})
