import { describe, expect, it } from 'vitest'
import { plainRichText } from '../../../shared/templates/records'
import { cardLabel, cardsInScope, type ScopeShape } from './voteScope'

const s = (id: string, type: string, parentId: string, x: number, y: number, props?: unknown): ScopeShape => ({
  id,
  type,
  parentId,
  x,
  y,
  props,
})

const PAGE = [
  s('shape:frame', 'frame', 'page:page', 0, 0),
  s('shape:lever2', 'lever', 'shape:frame', 300, 10),
  s('shape:lever1', 'lever', 'shape:frame', 10, 20),
  s('shape:group', 'group', 'shape:frame', 0, 400),
  s('shape:note', 'note', 'shape:group', 0, 400),
  s('shape:text', 'text', 'shape:frame', 50, 500),
  s('shape:actor', 'actor', 'page:page', 2000, 0),
  s('shape:lever3', 'lever', 'page:page', 2000, 900),
]

describe('vote scope', () => {
  it('takes the cards inside a selected frame, nested ones included, in reading order', () => {
    expect(cardsInScope(PAGE, { kind: 'selection', selectedIds: ['shape:frame'] })).toEqual([
      'shape:lever1',
      'shape:lever2',
      'shape:note',
    ])
  })

  it('takes selected cards themselves and ignores what cannot be voted on, once each', () => {
    expect(
      cardsInScope(PAGE, {
        kind: 'selection',
        selectedIds: ['shape:actor', 'shape:text', 'shape:actor', 'shape:missing'],
      }),
    ).toEqual(['shape:actor'])
    expect(cardsInScope(PAGE, { kind: 'selection', selectedIds: ['shape:frame', 'shape:lever1'] })).toHaveLength(3)
  })

  it('takes every card of a type on the page', () => {
    expect(cardsInScope(PAGE, { kind: 'type', type: 'lever' })).toEqual([
      'shape:lever1',
      'shape:lever2',
      'shape:lever3',
    ])
    expect(cardsInScope(PAGE, { kind: 'type', type: 'impact' })).toEqual([])
    expect(cardsInScope(PAGE, { kind: 'type', type: 'lever' }, 2)).toHaveLength(2)
  })

  it('labels cards by their main text and notes by their text', () => {
    expect(cardLabel({ type: 'lever', props: { title: '  Achat public responsable ' } })).toBe(
      'Achat public responsable',
    )
    expect(cardLabel({ type: 'note', props: { richText: plainRichText('Ligne 1\nLigne 2') } })).toBe('Ligne 1 Ligne 2')
    expect(cardLabel({ type: 'actor', props: { name: 'x'.repeat(100) } })).toHaveLength(80)
    expect(cardLabel(undefined)).toBe('')
  })
})
