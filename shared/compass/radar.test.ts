import { describe, expect, it } from 'vitest'
import { aggregateRound } from './aggregate'
import {
  axisAngle,
  fitRadar,
  labelPlacement,
  meanSeries,
  pointsAttribute,
  radarPoint,
  ringPoints,
  scoreSeries,
  seriesMarkers,
  seriesPath,
  seriesRuns,
} from './radar'

const frame = { cx: 100, cy: 100, radius: 80 }
const close = (a: number, b: number) => Math.abs(a - b) < 1e-9

describe('radar geometry', () => {
  it('starts the first spoke at the top and goes clockwise', () => {
    expect(axisAngle(0, 7)).toBeCloseTo(-Math.PI / 2)
    const top = radarPoint(frame, 0, 7, 4)
    expect(top.x).toBeCloseTo(100)
    expect(top.y).toBeCloseTo(20)
    // Second spoke: to the right of the top (clockwise on screen, y grows downwards).
    const second = radarPoint(frame, 1, 7, 4)
    expect(second.x).toBeGreaterThan(100)
    expect(second.y).toBeLessThan(100)
    // Last spoke mirrors the second around the vertical axis.
    const last = radarPoint(frame, 6, 7, 4)
    expect(last.x).toBeCloseTo(200 - second.x)
    expect(last.y).toBeCloseTo(second.y)
  })

  it('scales values linearly from the centre (0) to the outer ring (4) and clamps outside', () => {
    expect(radarPoint(frame, 3, 7, 0)).toEqual({ x: 100, y: 100 })
    const half = radarPoint(frame, 0, 7, 2)
    expect(half.y).toBeCloseTo(60)
    expect(radarPoint(frame, 0, 7, 9)).toEqual(radarPoint(frame, 0, 7, 4))
    expect(radarPoint(frame, 0, 7, -3)).toEqual(radarPoint(frame, 0, 7, 0))
  })

  it('draws rings as regular polygons at the same distance on every spoke', () => {
    const ring = ringPoints(frame, 3, 7)
    expect(ring).toHaveLength(7)
    for (const p of ring) expect(close(Math.hypot(p.x - 100, p.y - 100), 60)).toBe(true)
    expect(
      pointsAttribute([
        { x: 1.234567, y: 2 },
        { x: 3, y: 4.5 },
      ]),
    ).toBe('1.23,2 3,4.5')
  })

  it('closes the outline when every axis has a value', () => {
    const path = seriesPath(frame, [4, 4, 4, 4, 4, 4, 4])
    expect(path.startsWith('M100,20')).toBe(true)
    expect(path.endsWith('Z')).toBe(true)
    expect(path.match(/[ML]/g)).toHaveLength(7)
  })

  it('breaks the outline at missing values instead of drawing them as 0', () => {
    // Gap on spoke 2 and 5: runs wrap around past the last spoke.
    expect(seriesRuns([1, 2, null, 3, 4, null, 0])).toEqual([
      [3, 4],
      [6, 0, 1],
    ])
    const path = seriesPath(frame, [1, 2, null, 3, 4, null, 0])
    expect(path).not.toContain('Z')
    expect(path.match(/M/g)).toHaveLength(2)
    // The point at 0 (spoke 6) is the centre: a real 0 is drawn, a gap is not.
    expect(path).toContain('M100,100')
  })

  it('leaves lone values to their markers and draws nothing for an empty series', () => {
    expect(seriesPath(frame, [2, null, null, null, null, null, null])).toBe('')
    expect(seriesRuns([null, null, null])).toEqual([])
    expect(seriesMarkers(frame, [2, null, null, null, null, null, 4]).map((m) => m.index)).toEqual([0, 6])
  })

  it('places labels outside the outer ring, anchored away from the centre', () => {
    const top = labelPlacement(frame, 0, 7, 10)
    expect(top).toMatchObject({ anchor: 'middle' })
    expect(top.y).toBeCloseTo(10)
    expect(labelPlacement(frame, 1, 7, 10).anchor).toBe('start')
    expect(labelPlacement(frame, 6, 7, 10).anchor).toBe('end')
    for (let i = 0; i < 7; i++) {
      const p = labelPlacement(frame, i, 7, 10)
      expect(Math.hypot(p.x - 100, p.y - 100)).toBeCloseTo(90)
    }
  })

  it('fits the largest radar in a box after margins, centred horizontally', () => {
    expect(fitRadar({ x: 0, y: 0, w: 400, h: 500 }, { x: 50, top: 60, bottom: 40 })).toEqual({
      cx: 200,
      cy: 260,
      radius: 150,
    })
    expect(fitRadar({ x: 0, y: 0, w: 400, h: 260 }, { x: 50, top: 60, bottom: 40 }).radius).toBe(80)
    expect(fitRadar({ x: 0, y: 0, w: 20, h: 20 }, { x: 50, top: 60, bottom: 40 }, 12).radius).toBe(12)
  })
})

describe('series from scores', () => {
  it('takes the means of an aggregate in axis order, null where nothing numeric', () => {
    const agg = aggregateRound([
      { capacitant: 1, frugal: 'nc', equitable: 4 },
      { capacitant: 2, frugal: 'nc' },
    ])
    expect(meanSeries(agg)).toEqual([1.5, null, null, null, null, null, 4])
  })

  it('turns one person’s scores into a series with « non concerné » as a gap', () => {
    expect(scoreSeries({ inclusif: { value: 0 }, frugal: { value: 'nc' }, protecteur: { value: 3 } })).toEqual([
      null,
      0,
      null,
      null,
      null,
      3,
      null,
    ])
  })
})
