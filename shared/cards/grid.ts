import type { LocalizedText } from '../compass/axes'

/**
 * The power/interest grid (stakeholder grid): interest grows left to right, power bottom
 * to top, both 1–5 in five equal bands. A card's place on the grid and its `power` /
 * `interest` props are two views of one fact; these functions convert between them.
 *
 * All coordinates are page coordinates. A card inside the grid frame has x/y relative to
 * the frame: add the frame's page position first (tldraw: `editor.getShapePageBounds`).
 */
export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

export interface Point {
  x: number
  y: number
}

export interface GridValues {
  power: number
  interest: number
}

const BANDS = 5

function clampLevel(level: number): number {
  return Math.min(BANDS, Math.max(1, level))
}

/** Band 1–5 of a position along a side, clamped: outside the grid counts as the edge band. */
function bandAt(offset: number, length: number): number {
  if (!(length > 0) || !Number.isFinite(offset)) return 3
  return clampLevel(Math.floor((offset / length) * BANDS) + 1)
}

/** The power and interest a card centred at `centre` shows on the grid `bounds`. */
export function gridValuesAt(bounds: Rect, centre: Point): GridValues {
  return {
    interest: bandAt(centre.x - bounds.x, bounds.w),
    // y grows downwards on the page, power grows upwards on the grid.
    power: BANDS + 1 - bandAt(centre.y - bounds.y, bounds.h),
  }
}

/** Where to centre a card with these values: the middle of their cell. Values are clamped. */
export function gridCentreFor(bounds: Rect, values: GridValues): Point {
  const interest = clampLevel(Math.round(values.interest))
  const power = clampLevel(Math.round(values.power))
  return {
    x: bounds.x + ((interest - 0.5) / BANDS) * bounds.w,
    y: bounds.y + ((BANDS - power + 0.5) / BANDS) * bounds.h,
  }
}

/** Top-left corner for a card of size `w`×`h` whose centre goes at `gridCentreFor`. */
export function gridPlacementFor(bounds: Rect, values: GridValues, size: { w: number; h: number }): Point {
  const centre = gridCentreFor(bounds, values)
  return { x: centre.x - size.w / 2, y: centre.y - size.h / 2 }
}

/** Centre of a box (a card's x, y, w, h). */
export function centreOf(rect: Rect): Point {
  return { x: rect.x + rect.w / 2, y: rect.y + rect.h / 2 }
}

export const GRID_QUADRANTS = ['manage-closely', 'keep-satisfied', 'keep-informed', 'monitor'] as const
export type GridQuadrant = (typeof GRID_QUADRANTS)[number]

export const GRID_QUADRANT_LABELS: Readonly<Record<GridQuadrant, LocalizedText>> = {
  'manage-closely': { fr: 'Associer étroitement', en: 'Manage closely' },
  'keep-satisfied': { fr: 'Maintenir satisfait', en: 'Keep satisfied' },
  'keep-informed': { fr: 'Tenir informé', en: 'Keep informed' },
  monitor: { fr: 'Surveiller', en: 'Monitor' },
}

/**
 * The quadrant of a pair of values. The middle level 3 counts as high: in doubt, an actor
 * gets more attention, not less.
 */
export function gridQuadrant(values: GridValues): GridQuadrant {
  const highPower = values.power >= 3
  const highInterest = values.interest >= 3
  if (highPower) return highInterest ? 'manage-closely' : 'keep-satisfied'
  return highInterest ? 'keep-informed' : 'monitor'
}

/**
 * The rectangle each quadrant covers on the grid, for drawing it. The split falls between
 * bands 2 and 3 (not at the half) so that what is drawn agrees with `gridQuadrant`: a card
 * placed for power 3 lands inside the "high power" area, not on a line.
 */
export function gridQuadrantRects(bounds: Rect): Record<GridQuadrant, Rect> {
  const lowW = (bounds.w * 2) / BANDS
  const highH = (bounds.h * 3) / BANDS
  const left = { x: bounds.x, w: lowW }
  const right = { x: bounds.x + lowW, w: bounds.w - lowW }
  const top = { y: bounds.y, h: highH }
  const bottom = { y: bounds.y + highH, h: bounds.h - highH }
  return {
    'manage-closely': { ...right, ...top },
    'keep-satisfied': { ...left, ...top },
    'keep-informed': { ...right, ...bottom },
    monitor: { ...left, ...bottom },
  }
}

/** The quadrant a card centred at `centre` sits in. */
export function gridQuadrantAt(bounds: Rect, centre: Point): GridQuadrant {
  return gridQuadrant(gridValuesAt(bounds, centre))
}
