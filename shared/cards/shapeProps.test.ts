import { createTLSchema, defaultShapeSchemas } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { CARD_TYPES, defaultCardProps } from './cardTypes'
import { cardShapeProps } from './shapeProps'

// The real tldraw schema with our five shapes registered the way the client registers them.
const schema = createTLSchema({
  shapes: {
    ...defaultShapeSchemas,
    actor: { props: cardShapeProps.actor },
    lever: { props: cardShapeProps.lever },
    indicator: { props: cardShapeProps.indicator },
    impact: { props: cardShapeProps.impact },
    action: { props: cardShapeProps.action },
  },
})

function shapeRecord(type: string, props: object) {
  return {
    id: `shape:${type}-1`,
    typeName: 'shape',
    type,
    x: 10,
    y: 20,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    props,
    meta: {},
  }
}

describe('card shape props for tldraw', () => {
  it('cover every prop of every card type', () => {
    for (const type of CARD_TYPES)
      expect(Object.keys(cardShapeProps[type]).sort()).toEqual(Object.keys(defaultCardProps(type)).sort())
  })

  it('let tldraw accept cards with default props', () => {
    for (const type of CARD_TYPES) {
      const record = shapeRecord(type, defaultCardProps(type))
      expect(schema.types.shape.validate(record)).toEqual(record)
    }
  })

  it('make tldraw reject a bad prop with our message', () => {
    expect(() => schema.types.shape.validate(shapeRecord('actor', { ...defaultCardProps('actor'), power: 7 }))).toThrow(
      /power must be between 1 and 5/,
    )
    expect(() =>
      schema.types.shape.validate(shapeRecord('impact', { ...defaultCardProps('impact'), qualities: ['x'] })),
    ).toThrow(/qualities must contain only compass axes/)
  })

  it('make tldraw reject unknown and missing props', () => {
    expect(() =>
      schema.types.shape.validate(shapeRecord('lever', { ...defaultCardProps('lever'), colour: 'red' })),
    ).toThrow()
    const { notes: _notes, ...withoutNotes } = defaultCardProps('actor')
    expect(() => schema.types.shape.validate(shapeRecord('actor', withoutNotes))).toThrow(/notes is required/)
  })
})
