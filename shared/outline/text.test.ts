import { describe, expect, it } from 'vitest'
import { defaultCardProps } from '../cards/cardTypes'
import { buildOutline } from './outline'
import { outlineToText } from './text'
import { shapeRecord } from '../testRecords'

function shape(id: string, type: string, parentId: string, props: object) {
  return shapeRecord(`shape:${id}`, type, { parentId }, props)
}

const board = [
  shape('zone', 'frame', 'page:page', { w: 500, h: 500, name: 'Zone', color: 'black' }),
  shape('a', 'actor', 'shape:zone', { ...defaultCardProps('actor'), name: 'Ville', notes: 'ligne 1\nligne 2' }),
  shape('l', 'lever', 'page:page', { ...defaultCardProps('lever'), title: 'Achat' }),
  shape('arrow', 'arrow', 'page:page', {}),
  {
    id: 'binding:s',
    typeName: 'binding',
    type: 'arrow',
    fromId: 'shape:arrow',
    toId: 'shape:a',
    props: { terminal: 'start' },
    meta: {},
  },
  {
    id: 'binding:e',
    typeName: 'binding',
    type: 'arrow',
    fromId: 'shape:arrow',
    toId: 'shape:l',
    props: { terminal: 'end' },
    meta: {},
  },
]

describe('outlineToText', () => {
  it('writes cards by type with their non-empty fields and links', () => {
    expect(outlineToText(buildOutline(board, 'fr'))).toBe(
      [
        'Acteurs (1)',
        '  - Ville',
        '    Pouvoir\u00a0: 3/5',
        '    Intérêt\u00a0: 3/5',
        '    Notes\u00a0: ligne 1 / ligne 2',
        '    → détient\u00a0: Levier Achat',
        'Leviers (1)',
        '  - Achat',
        '    → détenu par\u00a0: Acteur Ville',
      ].join('\n'),
    )
  })

  it('writes cards by frame, with cards outside frames last', () => {
    const lines = outlineToText(buildOutline(board, 'en'), 'frame').split('\n')
    expect(lines.filter((line) => !line.startsWith('      '))).toEqual([
      '# Zone',
      '  Actors (1)',
      '    - Ville',
      '# Outside frames',
      '  Levers (1)',
      '    - Achat',
    ])
  })

  it('says when the board has no cards', () => {
    expect(outlineToText(buildOutline([], 'en'))).toBe('No cards on the board.')
  })
})
