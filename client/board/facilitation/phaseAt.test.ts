import { describe, expect, it } from 'vitest'
import type { Phase } from '../../../shared/control/agenda'
import { centerOf, phaseAtPoint, type Rect } from './phaseAt'

const phase = (id: string, frameId: string | null): Phase => ({
  id,
  name: id,
  durationMin: 10,
  instructions: '',
  frameId,
})
const FRAMES: Record<string, Rect> = {
  'shape:big': { x: 0, y: 0, w: 1000, h: 1000 },
  'shape:inner': { x: 100, y: 100, w: 200, h: 200 },
  'shape:far': { x: 5000, y: 0, w: 500, h: 500 },
}
const PHASES = [
  phase('big', 'shape:big'),
  phase('inner', 'shape:inner'),
  phase('far', 'shape:far'),
  phase('none', null),
  phase('gone', 'shape:gone'),
]

describe('phaseAtPoint', () => {
  it('finds the phase whose frame holds the point, the innermost one when frames nest', () => {
    const at = (x: number, y: number) => phaseAtPoint(PHASES, { x, y }, (id) => FRAMES[id])?.id
    expect(at(150, 150)).toBe('inner')
    expect(at(900, 900)).toBe('big')
    expect(at(5100, 10)).toBe('far')
    expect(at(3000, 3000)).toBeUndefined()
  })

  it('takes the centre of a view', () => {
    expect(centerOf({ x: 100, y: 50, w: 400, h: 300 })).toEqual({ x: 300, y: 200 })
  })
})
