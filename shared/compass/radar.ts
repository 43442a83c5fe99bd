import type { RoundAggregate, ScoreValue } from './aggregate'
import { AXIS_CODES, type AxisCode } from './axes'

/**
 * Geometry of the compass radar: seven spokes clockwise from the top, rings 0–4, and the
 * outline of a series of values (a round's means, one person's scores). Pure numbers, so the
 * board shape, its SVG export and any print view draw exactly the same figure.
 *
 * A missing value (nobody scored the axis, or only « non concerné ») is not drawn as 0:
 * that would read as « goes against it ». The outline is broken there instead.
 */

/** Top of the scale: 4, exemplary. */
export const RADAR_MAX = 4

export interface Point {
  x: number
  y: number
}

/** Where the radar sits: its centre and the radius of the outer ring (value RADAR_MAX). */
export interface RadarFrame {
  cx: number
  cy: number
  radius: number
}

/** One value per axis, in AXIS_CODES order; null where there is nothing to draw. */
export type RadarSeries = readonly (number | null)[]

/** Angle of spoke `index` of `count`, in radians: the first points up, then clockwise. */
export function axisAngle(index: number, count: number): number {
  return -Math.PI / 2 + (2 * Math.PI * index) / count
}

/** The point of `value` (clamped to 0…max) on spoke `index`. */
export function radarPoint(frame: RadarFrame, index: number, count: number, value: number, max = RADAR_MAX): Point {
  const ratio = Math.min(Math.max(value, 0), max) / max
  const angle = axisAngle(index, count)
  return { x: frame.cx + Math.cos(angle) * frame.radius * ratio, y: frame.cy + Math.sin(angle) * frame.radius * ratio }
}

/** The polygon of ring `level` (1 … max): the same value on every spoke. */
export function ringPoints(frame: RadarFrame, level: number, count: number, max = RADAR_MAX): Point[] {
  return Array.from({ length: count }, (_, i) => radarPoint(frame, i, count, level, max))
}

/** Points as an SVG `points` attribute. */
export function pointsAttribute(points: readonly Point[]): string {
  return points.map((p) => `${round(p.x)},${round(p.y)}`).join(' ')
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}

/**
 * Runs of consecutive present values, going round the radar: each run is a list of spoke
 * indexes. With every value present, one run of all spokes (drawn closed).
 */
export function seriesRuns(values: RadarSeries): number[][] {
  const count = values.length
  const present = values.map((v) => v !== null)
  if (present.every(Boolean)) return [values.map((_, i) => i)]
  const firstGap = present.indexOf(false)
  const runs: number[][] = []
  let run: number[] = []
  // Start just after a gap so a run that wraps past the last spoke stays in one piece.
  for (let step = 1; step <= count; step++) {
    const i = (firstGap + step) % count
    if (present[i]) run.push(i)
    else if (run.length > 0) {
      runs.push(run)
      run = []
    }
  }
  if (run.length > 0) runs.push(run)
  return runs
}

/**
 * SVG path data of a series: a closed polygon when every axis has a value, otherwise one
 * open line per run of neighbouring values (a lone value is left to its marker).
 */
export function seriesPath(frame: RadarFrame, values: RadarSeries, max = RADAR_MAX): string {
  const count = values.length
  const runs = seriesRuns(values)
  const closed = runs.length === 1 && runs[0].length === count
  return runs
    .filter((run) => run.length > 1)
    .map((run) => {
      const points = run.map((i) => radarPoint(frame, i, count, values[i]!, max))
      const path = points.map((p, k) => `${k === 0 ? 'M' : 'L'}${round(p.x)},${round(p.y)}`).join(' ')
      return closed ? `${path} Z` : path
    })
    .join(' ')
}

/** The points of the present values, for markers: `{ index, point }`. */
export function seriesMarkers(
  frame: RadarFrame,
  values: RadarSeries,
  max = RADAR_MAX,
): { index: number; point: Point }[] {
  const count = values.length
  return values.flatMap((value, index) =>
    value === null ? [] : [{ index, point: radarPoint(frame, index, count, value, max) }],
  )
}

export type TextAnchor = 'start' | 'middle' | 'end'

/**
 * Where an axis label goes: a little beyond the outer ring, anchored away from the centre
 * so it never overlaps the figure (left-hand labels end at the point, right-hand ones start).
 */
export function labelPlacement(
  frame: RadarFrame,
  index: number,
  count: number,
  gap: number,
): Point & { anchor: TextAnchor } {
  const angle = axisAngle(index, count)
  const x = frame.cx + Math.cos(angle) * (frame.radius + gap)
  const y = frame.cy + Math.sin(angle) * (frame.radius + gap)
  const dx = Math.cos(angle)
  const anchor: TextAnchor = Math.abs(dx) < 0.2 ? 'middle' : dx > 0 ? 'start' : 'end'
  return { x, y, anchor }
}

/**
 * The largest radar that fits in `box` once `margin.x` is left on each side for labels and
 * `margin.top` / `margin.bottom` for the title and legend. Never below `minRadius`.
 */
export function fitRadar(
  box: { x: number; y: number; w: number; h: number },
  margin: { x: number; top: number; bottom: number },
  minRadius = 10,
): RadarFrame {
  const width = box.w - 2 * margin.x
  const height = box.h - margin.top - margin.bottom
  const radius = Math.max(minRadius, Math.min(width, height) / 2)
  return { cx: box.x + box.w / 2, cy: box.y + margin.top + height / 2, radius }
}

/** A round's mean per axis (null where no numeric score), in AXIS_CODES order. */
export function meanSeries(aggregate: RoundAggregate): (number | null)[] {
  return AXIS_CODES.map((axis) => aggregate[axis].mean)
}

/** One person's scores as a series: « non concerné » and unscored axes are gaps. */
export function scoreSeries(scores: Partial<Record<AxisCode, { value: ScoreValue }>>): (number | null)[] {
  return AXIS_CODES.map((axis) => {
    const value = scores[axis]?.value
    return typeof value === 'number' ? value : null
  })
}
