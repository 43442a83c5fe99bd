import { describe, expect, it } from 'vitest'
import { defaultCardProps, type CardType } from './cardTypes'
import { arrowProps } from '../export/testWorkshop'
import { arrowBinding, shapeRecord } from '../testRecords'
import { boardSchema } from '../tldrawSchema'
import {
  LINK_KIND_META_KEY,
  LINK_KINDS,
  chosenLinkKind,
  isLinkKindLabel,
  linkKindBetween,
  linkKindLabel,
  linksFromRecords,
} from './links'

const schema = boardSchema()

function base(id: string, type: string, props: object) {
  return shapeRecord(`shape:${id}`, type, {}, props)
}

function card(id: string, type: CardType) {
  return base(id, type, defaultCardProps(type))
}

function arrow(id: string) {
  return base(id, 'arrow', arrowProps())
}

function binding(arrowId: string, terminal: 'start' | 'end', shapeId: string) {
  return arrowBinding(arrowId, terminal, `shape:${shapeId}`)
}

/** An arrow from `from` to `to` with both its bindings. */
function link(id: string, from: string, to: string) {
  return [arrow(id), binding(id, 'start', from), binding(id, 'end', to)]
}

describe('link kinds', () => {
  it('follow the method for the four meaningful directions and relate anything else', () => {
    expect(linkKindBetween('action', 'lever')).toBe('implements')
    expect(linkKindBetween('action', 'impact')).toBe('implements')
    expect(linkKindBetween('action', 'actor')).toBe('relates-to')
    expect(linkKindBetween('lever', 'action')).toBe('relates-to')
    expect(linkKindBetween('actor', 'lever')).toBe('holds')
    expect(linkKindBetween('lever', 'impact')).toBe('contributes-to')
    expect(linkKindBetween('indicator', 'impact')).toBe('measures')
    expect(linkKindBetween('lever', 'actor')).toBe('relates-to')
    expect(linkKindBetween('impact', 'indicator')).toBe('relates-to')
    expect(linkKindBetween('note', 'impact')).toBe('relates-to')
  })

  it('read both ways in both languages', () => {
    expect(LINK_KINDS.map((kind) => linkKindLabel(kind, 'fr'))).toEqual([
      'détient',
      'contribue à',
      'mesure',
      'met en œuvre',
      'est lié à',
    ])
    expect(LINK_KINDS.map((kind) => linkKindLabel(kind, 'en'))).toEqual([
      'holds',
      'contributes to',
      'measures',
      'implements',
      'relates to',
    ])
    expect(linkKindLabel('holds', 'en', 'backward')).toBe('held by')
    expect(linkKindLabel('measures', 'fr', 'backward')).toBe('mesuré par')
  })
})

describe('linksFromRecords', () => {
  const board = [
    card('a', 'actor'),
    card('l', 'lever'),
    card('i', 'impact'),
    card('m', 'indicator'),
    ...link('1', 'a', 'l'),
    ...link('2', 'l', 'i'),
    ...link('3', 'm', 'i'),
    ...link('4', 'i', 'a'),
  ]

  it('uses records tldraw itself accepts', () => {
    for (const record of board)
      expect(() => schema.types[record.typeName as 'shape' | 'binding'].validate(record)).not.toThrow()
  })

  it('returns each arrow bound at both ends with its meaning', () => {
    expect(linksFromRecords(board)).toEqual([
      { arrowId: 'shape:1', fromId: 'shape:a', toId: 'shape:l', kind: 'holds' },
      { arrowId: 'shape:2', fromId: 'shape:l', toId: 'shape:i', kind: 'contributes-to' },
      { arrowId: 'shape:3', fromId: 'shape:m', toId: 'shape:i', kind: 'measures' },
      { arrowId: 'shape:4', fromId: 'shape:i', toId: 'shape:a', kind: 'relates-to' },
    ])
  })

  it('does not depend on record order', () => {
    expect(linksFromRecords([...board].reverse())).toEqual(linksFromRecords(board))
  })

  it('leaves out loose ends, missing shapes, self-loops and stray records', () => {
    const records = [
      card('a', 'actor'),
      card('l', 'lever'),
      arrow('loose'),
      binding('loose', 'start', 'a'),
      ...link('ghost', 'a', 'deleted'),
      ...link('self', 'a', 'a'),
      binding('not-an-arrow', 'start', 'a'),
      binding('not-an-arrow', 'end', 'l'),
      { id: 'binding:odd', typeName: 'binding', type: 'arrow', fromId: 'shape:loose', toId: 'shape:l', props: {} },
      null,
      'text',
      { typeName: 'shape' },
    ]
    expect(linksFromRecords(records)).toEqual([])
  })

  it('reads the meaning someone chose, stored on the arrow, over the one its ends give', () => {
    const [arrow1, ...bindings] = link('1', 'i', 'a')
    const chosen = { ...arrow1, meta: { [LINK_KIND_META_KEY]: 'measures' } }
    expect(() => schema.types.shape.validate(chosen)).not.toThrow()
    const records = [card('a', 'actor'), card('i', 'impact'), chosen, ...bindings]
    expect(linksFromRecords(records)).toEqual([
      { arrowId: 'shape:1', fromId: 'shape:i', toId: 'shape:a', kind: 'measures' },
    ])
    // A stored value that is not a kind counts as no choice.
    const odd = { ...arrow1, meta: { [LINK_KIND_META_KEY]: 'owns' } }
    expect(linksFromRecords([card('a', 'actor'), card('i', 'impact'), odd, ...bindings])[0].kind).toBe('relates-to')
  })
})

describe('chosen kinds and their labels', () => {
  it('reads a chosen kind from meta, and nothing else', () => {
    expect(chosenLinkKind({ [LINK_KIND_META_KEY]: 'holds' })).toBe('holds')
    for (const meta of [{}, null, 'holds', { [LINK_KIND_META_KEY]: 3 }, { [LINK_KIND_META_KEY]: 'owns' }])
      expect(chosenLinkKind(meta)).toBeNull()
  })

  it('knows the labels the board writes, in both languages, from typed text', () => {
    expect(isLinkKindLabel('détient')).toBe(true)
    expect(isLinkKindLabel(' contributes to ')).toBe(true)
    expect(isLinkKindLabel('finance')).toBe(false)
    expect(isLinkKindLabel('')).toBe(false)
  })
})
