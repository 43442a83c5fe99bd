import { SPHERES, SPHERE_HINTS, SPHERE_OPTIONS } from '../cards/fields'
import {
  GRID_QUADRANTS,
  GRID_QUADRANT_LABELS,
  gridQuadrantRects,
  type GridQuadrant,
  type Point,
  type Rect,
} from '../cards/grid'
import type { Locale } from '../workshop'
import { TEMPLATE_ROLE_KEY, defaultTemplateIdPrefix, type Placement, type TemplateWriter } from './records'

/** Meta role of the power/interest grid frame (`meta.cbRole`). */
export const POWER_INTEREST_GRID_ROLE = 'power-interest-grid'
/** Meta role of a sphere's holding area: `sphere:offre`… */
export function sphereRole(sphere: string): string {
  return `sphere:${sphere}`
}

/** Local name of the grid frame; its id is `shape:<idPrefix>grid`. */
export const GRID_FRAME_NAME = 'grid'
/** Size of the grid frame: five bands of 300×200, room for a 240×160 card per cell. */
export const GRID_SIZE = { w: 1500, h: 1000 } as const

const AXIS_W = 260
const SPHERE_GAP = 100
const SPHERE_SIZE = { w: 600, h: 300 }
const SPHERE_STEP = 350
const INTEREST_LABEL_GAP = 20

/** Offset of the grid frame inside the section `writeActorsSection` lays out. */
export const GRID_OFFSET: Point = { x: AXIS_W, y: 0 }

/** Whether a record is a power/interest grid frame (in any template, wherever it was moved). */
export function isPowerInterestGridFrame(record: unknown): boolean {
  if (!record || typeof record !== 'object') return false
  const { typeName, type, meta } = record as { typeName?: unknown; type?: unknown; meta?: Record<string, unknown> }
  return typeName === 'shape' && type === 'frame' && meta?.[TEMPLATE_ROLE_KEY] === POWER_INTEREST_GRID_ROLE
}

/** Id of the grid frame in a board built with `idPrefix` (default: the `actors-map` one). */
export function actorsGridFrameId(idPrefix: string = defaultTemplateIdPrefix('actors-map')): string {
  return `shape:${idPrefix}${GRID_FRAME_NAME}`
}

const TEXT = {
  power: { fr: '↑ Pouvoir\n5 : fort\n1 : faible', en: '↑ Power\n5: high\n1: low' },
  interest: { fr: 'Intérêt →   (1 : faible, 5 : fort)', en: 'Interest →   (1: low, 5: high)' },
  grid: { fr: 'Grille pouvoir / intérêt', en: 'Power / interest grid' },
  quadrantHint: {
    'manage-closely': { fr: 'Pouvoir fort, intérêt fort', en: 'High power, high interest' },
    'keep-satisfied': { fr: 'Pouvoir fort, intérêt faible', en: 'High power, low interest' },
    'keep-informed': { fr: 'Pouvoir faible, intérêt fort', en: 'Low power, high interest' },
    monitor: { fr: 'Pouvoir faible, intérêt faible', en: 'Low power, low interest' },
  } satisfies Record<GridQuadrant, Record<Locale, string>>,
  sphereArea: { fr: 'à placer', en: 'to place' },
} as const

/**
 * The power/interest grid in four labelled quadrants, its axis labels, and one holding
 * frame per sphere beside it where actors wait before being placed. Returns the size it
 * takes from `at`.
 */
export function writeActorsSection(writer: TemplateWriter, locale: Locale, at: Placement): { w: number; h: number } {
  const { parentId } = at
  writer.text('power-axis', { parentId, x: at.x, y: at.y }, AXIS_W - 40, TEXT.power[locale], { size: 'm' })
  const gridId = writer.frame(
    GRID_FRAME_NAME,
    { parentId, x: at.x + GRID_OFFSET.x, y: at.y + GRID_OFFSET.y },
    GRID_SIZE,
    TEXT.grid[locale],
    {
      role: POWER_INTEREST_GRID_ROLE,
    },
  )
  const quadrants = gridQuadrantRects({ x: 0, y: 0, ...GRID_SIZE })
  for (const quadrant of GRID_QUADRANTS) {
    const rect: Rect = quadrants[quadrant]
    const label = `${GRID_QUADRANT_LABELS[quadrant][locale]}\n${TEXT.quadrantHint[quadrant][locale]}`
    // Locked so that dragging cards across the grid never grabs the background instead.
    writer.area(`quadrant-${quadrant}`, { parentId: gridId, x: rect.x, y: rect.y }, rect, label, {
      isLocked: true,
      role: `quadrant:${quadrant}`,
    })
  }
  const interestY = at.y + GRID_SIZE.h + INTEREST_LABEL_GAP
  writer.text('interest-axis', { parentId, x: at.x + AXIS_W, y: interestY }, GRID_SIZE.w, TEXT.interest[locale])

  const sphereX = at.x + AXIS_W + GRID_SIZE.w + SPHERE_GAP
  SPHERES.forEach((sphere, i) => {
    const label = SPHERE_OPTIONS.find((option) => option.value === sphere)?.label[locale] ?? sphere
    const title = `${label} — ${SPHERE_HINTS[sphere][locale].toLowerCase()} (${TEXT.sphereArea[locale]})`
    writer.frame(`sphere-${sphere}`, { parentId, x: sphereX, y: at.y + i * SPHERE_STEP }, SPHERE_SIZE, title, {
      role: sphereRole(sphere),
    })
  })
  return { w: sphereX + SPHERE_SIZE.w - at.x, h: interestY + 60 - at.y }
}
