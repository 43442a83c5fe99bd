import { describe, expect, it } from 'vitest'
import {
  GRID_QUADRANTS,
  GRID_QUADRANT_LABELS,
  centreOf,
  gridCentreFor,
  gridPlacementFor,
  gridQuadrant,
  gridQuadrantAt,
  gridQuadrantRects,
  gridValuesAt,
  type Rect,
} from './grid'

const bounds: Rect = { x: 100, y: 200, w: 1000, h: 500 }

function inside(rect: Rect, point: { x: number; y: number }): boolean {
  return point.x >= rect.x && point.x < rect.x + rect.w && point.y >= rect.y && point.y < rect.y + rect.h
}

describe('power/interest grid', () => {
  it('reads interest along x and power along y with power 5 at the top', () => {
    expect(gridValuesAt(bounds, { x: 101, y: 201 })).toEqual({ interest: 1, power: 5 })
    expect(gridValuesAt(bounds, { x: 1099, y: 699 })).toEqual({ interest: 5, power: 1 })
    expect(gridValuesAt(bounds, { x: 600, y: 450 })).toEqual({ interest: 3, power: 3 })
    // Band edges: x = 300 starts band 2, y = 300 starts power 4.
    expect(gridValuesAt(bounds, { x: 300, y: 300 })).toEqual({ interest: 2, power: 4 })
  })

  it('clamps positions outside the grid to the nearest band', () => {
    expect(gridValuesAt(bounds, { x: -5_000, y: 10_000 })).toEqual({ interest: 1, power: 1 })
    expect(gridValuesAt(bounds, { x: 5_000, y: -10_000 })).toEqual({ interest: 5, power: 5 })
  })

  it('places a card for given values so that reading it back gives the same values', () => {
    for (let power = 1; power <= 5; power++) {
      for (let interest = 1; interest <= 5; interest++) {
        const centre = gridCentreFor(bounds, { power, interest })
        expect(gridValuesAt(bounds, centre)).toEqual({ power, interest })
        const corner = gridPlacementFor(bounds, { power, interest }, { w: 240, h: 160 })
        expect(centreOf({ ...corner, w: 240, h: 160 })).toEqual(centre)
      }
    }
  })

  it('clamps and rounds values before placing', () => {
    expect(gridCentreFor(bounds, { power: 9, interest: -2 })).toEqual(gridCentreFor(bounds, { power: 5, interest: 1 }))
    expect(gridCentreFor(bounds, { power: 2.4, interest: 3.6 })).toEqual(
      gridCentreFor(bounds, { power: 2, interest: 4 }),
    )
  })

  it('survives a degenerate frame without producing NaN', () => {
    expect(gridValuesAt({ x: 0, y: 0, w: 0, h: 0 }, { x: 10, y: 10 })).toEqual({ interest: 3, power: 3 })
    expect(gridValuesAt(bounds, { x: Number.NaN, y: 300 }).interest).toBe(3)
  })
})

describe('grid quadrants', () => {
  it('names the four stakeholder strategies, with 3 counted as high', () => {
    expect(gridQuadrant({ power: 5, interest: 5 })).toBe('manage-closely')
    expect(gridQuadrant({ power: 3, interest: 3 })).toBe('manage-closely')
    expect(gridQuadrant({ power: 4, interest: 2 })).toBe('keep-satisfied')
    expect(gridQuadrant({ power: 2, interest: 3 })).toBe('keep-informed')
    expect(gridQuadrant({ power: 1, interest: 1 })).toBe('monitor')
    expect(GRID_QUADRANT_LABELS['keep-informed']).toEqual({ fr: 'Tenir informé', en: 'Keep informed' })
  })

  it('draws quadrants that tile the grid and agree with the value rule for every cell', () => {
    const rects = gridQuadrantRects(bounds)
    expect(GRID_QUADRANTS.reduce((area, q) => area + rects[q].w * rects[q].h, 0)).toBe(bounds.w * bounds.h)
    for (let power = 1; power <= 5; power++) {
      for (let interest = 1; interest <= 5; interest++) {
        const centre = gridCentreFor(bounds, { power, interest })
        const drawn = GRID_QUADRANTS.filter((q) => inside(rects[q], centre))
        expect(drawn).toEqual([gridQuadrant({ power, interest })])
        expect(gridQuadrantAt(bounds, centre)).toBe(drawn[0])
      }
    }
  })
})
