import { AXIS_CODES, axisLabel } from '../../shared/compass/axes'
import {
  labelPlacement,
  pointsAttribute,
  RADAR_MAX,
  ringPoints,
  seriesMarkers,
  seriesPath,
  type RadarFrame,
} from '../../shared/compass/radar'
import type { AxisMeans } from '../../shared/spaces/outcome'
import type { Locale } from '../../shared/workshop'
import { formatNumber } from '../i18n/format'

/**
 * A coalition's latest compass on its card: the board's radar geometry
 * (`shared/compass/radar.ts`) drawn small. The figure is decorative for screen readers; its
 * values are given as text (`label`) so nothing depends on seeing the shape.
 */
export function MiniRadar({
  means,
  locale,
  label,
  size = 132,
}: {
  means: AxisMeans
  locale: Locale
  label: string
  size?: number
}) {
  const frame: RadarFrame = { cx: size / 2, cy: size / 2, radius: size / 2 - 22 }
  const values = AXIS_CODES.map((axis) => means[axis])
  const count = AXIS_CODES.length
  const summary = AXIS_CODES.map(
    (axis) => `${axisLabel(axis, locale)} ${means[axis] === null ? '–' : formatNumber(locale, means[axis]!)}`,
  ).join(', ')
  return (
    <figure className="cb-radar" aria-label={`${label}. ${summary}`} role="img">
      <svg viewBox={`0 0 ${size} ${size}`} width={size} height={size} aria-hidden="true" focusable="false">
        {Array.from({ length: RADAR_MAX }, (_, i) => (
          <polygon key={i} points={pointsAttribute(ringPoints(frame, i + 1, count))} className="cb-radar__ring" />
        ))}
        {AXIS_CODES.map((axis, i) => {
          const place = labelPlacement(frame, i, count, 4)
          return (
            <text
              key={axis}
              x={place.x}
              y={place.y}
              textAnchor={place.anchor}
              dominantBaseline="middle"
              className="cb-radar__label"
            >
              {axisLabel(axis, locale).slice(0, 3)}
            </text>
          )
        })}
        <path d={seriesPath(frame, values)} className="cb-radar__series" />
        {seriesMarkers(frame, values).map(({ index, point }) => (
          <circle key={index} cx={point.x} cy={point.y} r={2} className="cb-radar__marker" />
        ))}
      </svg>
    </figure>
  )
}
