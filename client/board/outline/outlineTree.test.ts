import { describe, expect, it } from 'vitest'
import { defaultCardProps } from '../../../shared/cards'
import { buildOutline } from '../../../shared/outline'
import { defaultExpanded, outlineTree, treeKeyAction, visibleRows, type TreeNode } from './outlineTree'

const labels = { loose: 'Hors cadre', colon: '\u00a0:' }

function shape(id: string, type: string, props: Record<string, unknown>, parentId = 'page:page', x = 0, y = 0) {
  return { id, typeName: 'shape', type, parentId, x, y, props }
}
const binding = (id: string, arrowId: string, toId: string, terminal: 'start' | 'end') => ({
  id,
  typeName: 'binding',
  type: 'arrow',
  fromId: arrowId,
  toId,
  props: { terminal },
})

/** A frame holding an actor linked to a lever outside any frame. */
const RECORDS = [
  shape('shape:frame', 'frame', { name: 'Acteurs', w: 800, h: 600 }),
  shape(
    'shape:region',
    'actor',
    { ...defaultCardProps('actor'), name: 'Région', kind: 'public-body' },
    'shape:frame',
    10,
    10,
  ),
  shape('shape:data', 'lever', { ...defaultCardProps('lever'), title: 'Données ouvertes' }, 'page:page', 1000, 0),
  shape('shape:arrow', 'arrow', {}),
  binding('binding:a', 'shape:arrow', 'shape:region', 'start'),
  binding('binding:b', 'shape:arrow', 'shape:data', 'end'),
]

const labelsOf = (nodes: TreeNode[]) =>
  visibleRows(nodes, defaultExpanded(nodes)).map((row) => `${row.level}:${row.node.label}`)

describe('outlineTree', () => {
  const outline = buildOutline(RECORDS, 'fr')

  it('lists the cards by type, groups open, cards closed', () => {
    expect(labelsOf(outlineTree(outline, 'type', labels))).toEqual([
      '1:Acteurs (1)',
      '2:Acteur\u00a0: Région',
      '1:Leviers (1)',
      '2:Levier\u00a0: Données ouvertes',
    ])
  })

  it('lists them by frame, cards outside frames last', () => {
    expect(labelsOf(outlineTree(outline, 'frame', labels))).toEqual([
      '1:Acteurs',
      '2:Acteurs (1)',
      '3:Acteur\u00a0: Région',
      '1:Hors cadre',
      '2:Leviers (1)',
      '3:Levier\u00a0: Données ouvertes',
    ])
  })

  it('opens a card onto its non-empty fields and its links, each link pointing at the other end', () => {
    const nodes = outlineTree(outline, 'type', labels)
    const expanded = defaultExpanded(nodes).add('shape:region')
    const rows = visibleRows(nodes, expanded)
    const region = rows.findIndex((row) => row.node.id === 'shape:region')
    const children = rows.filter((row) => row.parentId === 'shape:region')
    expect(children.map((row) => row.node.label)).toContain('Type\u00a0: Acteur public')
    const link = children.find((row) => row.node.kind === 'link')!
    expect(link.node.label).toBe('détient\u00a0: Levier Données ouvertes')
    expect(link.node.target).toBe('shape:data')
    expect(rows[region]).toMatchObject({ level: 2, expanded: true, posInSet: 1, setSize: 1 })
  })

  it('moves, opens, closes and activates with the keys of the ARIA tree pattern', () => {
    const nodes = outlineTree(outline, 'type', labels)
    const rows = visibleRows(nodes, defaultExpanded(nodes))
    expect(treeKeyAction(rows, 0, 'ArrowDown')).toEqual({ type: 'focus', index: 1 })
    expect(treeKeyAction(rows, 0, 'ArrowUp')).toEqual({ type: 'none' })
    expect(treeKeyAction(rows, 1, 'End')).toEqual({ type: 'focus', index: 3 })
    expect(treeKeyAction(rows, 1, 'ArrowRight')).toEqual({ type: 'expand', id: 'shape:region' })
    expect(treeKeyAction(rows, 1, 'ArrowLeft')).toEqual({ type: 'focus', index: 0 })
    expect(treeKeyAction(rows, 0, 'ArrowLeft')).toEqual({ type: 'collapse', id: rows[0].node.id })
    expect(treeKeyAction(rows, 3, 'Enter')).toEqual({ type: 'activate', index: 3 })
    expect(treeKeyAction(rows, 0, 'x')).toEqual({ type: 'none' })
  })
})
