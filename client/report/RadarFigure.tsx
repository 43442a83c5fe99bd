import { AXIS_CODES, axisLabel } from '../../shared/compass/axes'
import {
  fitRadar,
  labelPlacement,
  pointsAttribute,
  RADAR_MAX,
  radarPoint,
  ringPoints,
  seriesMarkers,
  seriesPath,
} from '../../shared/compass/radar'
import type { Locale } from '../../shared/workshop'
import type { ReportRadar } from './reportRadars'

/**
 * One compass figure of the report: the seven axes, rings 0–4, each round a series told
 * apart by its line and markers (it prints in black and white), labels in the workshop's
 * language.
 */

const WIDTH = 560
const HEIGHT = 400
const COUNT = AXIS_CODES.length
/** Oldest round dashed and light, latest solid and dark. */
const STYLES = [
  { stroke: '#8a4b00', dash: '6 5', fill: 'none', marker: 'square' },
  { stroke: '#1e56c8', dash: undefined, fill: 'rgba(30, 86, 200, 0.12)', marker: 'circle' },
  { stroke: '#1f2430', dash: '2 4', fill: 'none', marker: 'diamond' },
] as const

function styleOf(index: number, count: number) {
  // The latest round always gets the solid line.
  return count === 1 ? STYLES[1] : index === count - 1 ? STYLES[1] : index === 0 ? STYLES[0] : STYLES[2]
}

export function RadarFigure({ radar, locale, title }: { radar: ReportRadar; locale: Locale; title: string }) {
  const frame = fitRadar({ x: 0, y: 0, w: WIDTH, h: HEIGHT }, { x: 110, top: 24, bottom: 24 })
  const count = radar.series.length
  return (
    <figure className="cb-report-radar">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={title} width="100%">
        {Array.from({ length: RADAR_MAX }, (_, i) => (
          <polygon
            key={i}
            points={pointsAttribute(ringPoints(frame, i + 1, COUNT))}
            fill="none"
            stroke="#b9b7b0"
            strokeWidth={i + 1 === RADAR_MAX ? 1.5 : 1}
          />
        ))}
        {AXIS_CODES.map((code, i) => {
          const end = radarPoint(frame, i, COUNT, RADAR_MAX)
          const label = labelPlacement(frame, i, COUNT, 12)
          return (
            <g key={code}>
              <line x1={frame.cx} y1={frame.cy} x2={end.x} y2={end.y} stroke="#b9b7b0" />
              <text
                x={label.x}
                y={label.y}
                textAnchor={label.anchor}
                dominantBaseline="middle"
                fontSize={15}
                fill="#1f2430"
              >
                {axisLabel(code, locale)}
              </text>
            </g>
          )
        })}
        {radar.series.map((series, index) => {
          const style = styleOf(index, count)
          const d = seriesPath(frame, series.values)
          return (
            <g key={series.label + index} data-series={series.label}>
              {d && (
                <path
                  d={d}
                  fill={style.fill}
                  stroke={style.stroke}
                  strokeWidth={index === count - 1 ? 3 : 2}
                  strokeDasharray={style.dash}
                  strokeLinejoin="round"
                />
              )}
              {seriesMarkers(frame, series.values).map(({ index: axis, point }) =>
                style.marker === 'circle' ? (
                  <circle key={axis} cx={point.x} cy={point.y} r={4.5} fill={style.stroke} />
                ) : style.marker === 'square' ? (
                  <rect
                    key={axis}
                    x={point.x - 4}
                    y={point.y - 4}
                    width={8}
                    height={8}
                    fill="#ffffff"
                    stroke={style.stroke}
                    strokeWidth={1.5}
                  />
                ) : (
                  <path
                    key={axis}
                    d={`M${point.x} ${point.y - 5}L${point.x + 5} ${point.y}L${point.x} ${point.y + 5}L${point.x - 5} ${point.y}Z`}
                    fill={style.stroke}
                  />
                ),
              )}
            </g>
          )
        })}
      </svg>
      <figcaption>
        <strong>{title}</strong>
        <ul className="cb-report-legend">
          {radar.series.map((series, index) => {
            const style = styleOf(index, count)
            return (
              <li key={series.label + index}>
                <svg width="36" height="12" aria-hidden="true">
                  <line
                    x1="2"
                    y1="6"
                    x2="34"
                    y2="6"
                    stroke={style.stroke}
                    strokeWidth={3}
                    strokeDasharray={style.dash}
                  />
                </svg>
                {series.label}
              </li>
            )
          })}
        </ul>
      </figcaption>
    </figure>
  )
}
