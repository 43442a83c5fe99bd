import type { Phase } from '../../../shared/control/agenda'

export interface Rect {
  x: number
  y: number
  w: number
  h: number
}

/**
 * The agenda phase whose frame holds `point` (the smallest frame if they nest), so the
 * presence list can say which phase each person is looking at. Pure: `frameBounds` gives
 * a frame's page bounds, or undefined when it is not on the board (or another page).
 */
export function phaseAtPoint(
  phases: readonly Phase[],
  point: { x: number; y: number },
  frameBounds: (frameId: string) => Rect | undefined,
): Phase | undefined {
  let best: { phase: Phase; area: number } | undefined
  for (const phase of phases) {
    if (!phase.frameId) continue
    const b = frameBounds(phase.frameId)
    if (!b) continue
    if (point.x < b.x || point.y < b.y || point.x > b.x + b.w || point.y > b.y + b.h) continue
    const area = b.w * b.h
    if (!best || area < best.area) best = { phase, area }
  }
  return best?.phase
}

/** The centre of a rectangle. */
export function centerOf(r: Rect): { x: number; y: number } {
  return { x: r.x + r.w / 2, y: r.y + r.h / 2 }
}
