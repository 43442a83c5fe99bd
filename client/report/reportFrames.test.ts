import { describe, expect, it } from 'vitest'
import { FRAME, geo, workshopRecords } from '../../shared/export/testWorkshop'
import { reportFrames } from './reportFrames'

const frame = (id: string, x: number, y: number, name: string, parentId = 'page:page') => ({
  typeName: 'shape',
  id,
  type: 'frame',
  x,
  y,
  parentId,
  props: { w: 400, h: 300, name },
  meta: {},
})

describe('reportFrames', () => {
  it('gives the top-level frames in reading order with their page bounds and names', () => {
    const records = [
      frame('shape:b', 900, 0, 'Acteurs'),
      frame('shape:a', 0, 0, 'Cadrage'),
      frame('shape:c', 0, 500, ''),
      frame('shape:inner', 10, 10, 'Dedans', 'shape:a'),
      geo('shape:g'),
      { typeName: 'page', id: 'page:page' },
    ]
    expect(reportFrames(records, 'fr')).toEqual([
      { id: 'shape:a', name: 'Cadrage', bounds: { x: 0, y: 0, w: 400, h: 300 } },
      { id: 'shape:b', name: 'Acteurs', bounds: { x: 900, y: 0, w: 400, h: 300 } },
      { id: 'shape:c', name: 'Cadre sans nom', bounds: { x: 0, y: 500, w: 400, h: 300 } },
    ])
  })

  it('skips frames with no size and odd records', () => {
    const flat = { ...frame('shape:flat', 0, 0, 'Plat'), props: { w: 0, h: 300, name: 'Plat' } }
    expect(reportFrames([flat, null, 'x', { typeName: 'shape' }], 'en')).toEqual([])
  })

  it('finds the frames of the realistic test workshop', () => {
    const names = reportFrames(workshopRecords(), 'fr').map((f) => f.id)
    expect(names).toContain(FRAME.cadrage)
  })
})
