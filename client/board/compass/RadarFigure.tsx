import { AXIS_CODES } from '../../../shared/compass/axes'
import {
  fitRadar,
  labelPlacement,
  pointsAttribute,
  RADAR_MAX,
  radarPoint,
  ringPoints,
  seriesMarkers,
  seriesPath,
  type RadarFrame,
  type RadarSeries,
} from '../../../shared/compass/radar'
import type { RadarLegendEntry, RadarModel } from './radarModel'

/**
 * The compass radar as plain SVG elements, without hooks, so the board shape and tldraw's
 * SVG export render the same thing. Made for print: black on white, and each series told
 * apart by its line (solid, dotted, dashed) and markers, not by colour alone.
 */

const INK = '#1f2430'
const MUTED = '#4d5566'
const GRID = '#b9b7b0'
const FLAG = '#a4161a'

/** How each series is drawn; the legend uses the same styles. */
export const SERIES_STYLE = {
  aggregate: { stroke: '#1e56c8', width: 3, dash: undefined, fill: 'rgba(30, 86, 200, 0.14)' },
  compare: { stroke: '#8a4b00', width: 2.5, dash: '2 5', fill: 'none' },
  own: { stroke: INK, width: 2, dash: '9 5', fill: 'none' },
} as const
type SeriesKind = keyof typeof SERIES_STYLE

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
const COUNT = AXIS_CODES.length

function Series({ frame, values, kind }: { frame: RadarFrame; values: RadarSeries; kind: SeriesKind }) {
  const style = SERIES_STYLE[kind]
  const d = seriesPath(frame, values)
  const size = Math.max(3, frame.radius / 40)
  return (
    <g data-series={kind}>
      {d && (
        <path
          d={d}
          fill={style.fill}
          stroke={style.stroke}
          strokeWidth={style.width}
          strokeDasharray={style.dash}
          strokeLinejoin="round"
        />
      )}
      {seriesMarkers(frame, values).map(({ index, point }) =>
        kind === 'compare' ? (
          <rect
            key={index}
            x={point.x - size}
            y={point.y - size}
            width={size * 2}
            height={size * 2}
            fill="#ffffff"
            stroke={style.stroke}
            strokeWidth={1.5}
          />
        ) : kind === 'aggregate' ? (
          <circle key={index} cx={point.x} cy={point.y} r={size} fill={style.stroke} />
        ) : (
          <path
            key={index}
            d={`M${point.x},${point.y - size} L${point.x + size},${point.y} L${point.x},${point.y + size} L${point.x - size},${point.y} Z`}
            fill="#ffffff"
            stroke={style.stroke}
            strokeWidth={1.5}
          />
        ),
      )}
    </g>
  )
}

function LegendLine({ entry, x, y, fontSize }: { entry: RadarLegendEntry; x: number; y: number; fontSize: number }) {
  const swatch = fontSize * 2.2
  return (
    <g>
      {entry.kind !== 'flag' && (
        <line
          x1={x}
          y1={y - fontSize / 3}
          x2={x + swatch}
          y2={y - fontSize / 3}
          stroke={SERIES_STYLE[entry.kind].stroke}
          strokeWidth={SERIES_STYLE[entry.kind].width}
          strokeDasharray={SERIES_STYLE[entry.kind].dash}
        />
      )}
      <text
        x={x + (entry.kind === 'flag' ? 0 : swatch + 6)}
        y={y}
        fontSize={fontSize}
        fill={entry.kind === 'flag' ? FLAG : INK}
      >
        {entry.text}
      </text>
    </g>
  )
}

export interface RadarFigureProps {
  model: RadarModel
  width: number
  height: number
}

/** The whole figure: title, subject and status, rings, spokes, labels, series, legend. */
export function RadarFigure({ model, width, height }: RadarFigureProps) {
  const unit = Math.max(9, Math.min(width, height) / 34)
  const titleSize = unit * 1.35
  const legendLines = model.legend.length
  const frame = fitRadar(
    { x: 0, y: 0, w: width, h: height },
    { x: unit * 7.5, top: unit * 6.2, bottom: unit * (2.2 + 1.5 * legendLines) },
    unit * 2,
  )
  const rings = Array.from({ length: RADAR_MAX }, (_, i) => i + 1)
  return (
    <g fontFamily={FONT} data-testid="compass-radar">
      <rect x={0} y={0} width={width} height={height} rx={12} fill="#ffffff" stroke={GRID} strokeWidth={1.5} />
      <text x={width / 2} y={unit * 2} fontSize={titleSize} fontWeight={700} textAnchor="middle" fill={INK}>
        {model.title}
      </text>
      {model.subject && (
        <text x={width / 2} y={unit * 3.5} fontSize={unit} textAnchor="middle" fill={MUTED}>
          {model.subject}
        </text>
      )}
      {model.status && (
        <text x={width / 2} y={unit * 4.8} fontSize={unit * 0.9} textAnchor="middle" fill={MUTED}>
          {model.status}
        </text>
      )}
      <g data-part="grid">
        {rings.map((level) => (
          <polygon
            key={level}
            points={pointsAttribute(ringPoints(frame, level, COUNT))}
            fill="none"
            stroke={GRID}
            strokeWidth={level === RADAR_MAX ? 1.5 : 1}
          />
        ))}
        {AXIS_CODES.map((code, i) => {
          const end = radarPoint(frame, i, COUNT, RADAR_MAX)
          return <line key={code} x1={frame.cx} y1={frame.cy} x2={end.x} y2={end.y} stroke={GRID} strokeWidth={1} />
        })}
        {rings.map((level) => {
          const p = radarPoint(frame, 0, COUNT, level)
          return (
            // Just inside each ring, beside the top spoke: clear of the top axis label.
            <text key={level} x={p.x + 3} y={p.y + unit * 0.8} fontSize={unit * 0.7} fill={MUTED}>
              {level}
            </text>
          )
        })}
      </g>
      {model.compare && <Series frame={frame} values={model.compare} kind="compare" />}
      {model.aggregate && <Series frame={frame} values={model.aggregate} kind="aggregate" />}
      {model.own && <Series frame={frame} values={model.own} kind="own" />}
      <g data-part="labels">
        {model.axes.map((axis, i) => {
          const place = labelPlacement(frame, i, COUNT, unit * 0.8)
          // Labels above the centre grow upwards, the others downwards, away from the figure.
          const above = place.y < frame.cy - 1
          const lines = axis.value === null ? 1 : 2
          const y = above ? place.y - (lines - 1) * unit * 1.15 : place.y + unit * 0.8
          return (
            <text
              key={axis.code}
              x={place.x}
              y={y}
              textAnchor={place.anchor}
              fontSize={unit}
              fill={INK}
              data-axis={axis.code}
              data-flagged={axis.flagged || undefined}
            >
              <tspan fontWeight={600} fill={axis.flagged ? FLAG : INK}>
                {axis.flagged ? `⚑ ${axis.label}` : axis.label}
              </tspan>
              {axis.value !== null && (
                <tspan x={place.x} dy={unit * 1.15} fill={MUTED} data-value>
                  {axis.value}
                </tspan>
              )}
            </text>
          )
        })}
      </g>
      <g data-part="legend">
        {model.legend.map((entry, i) => (
          <LegendLine
            key={entry.kind}
            entry={entry}
            x={unit * 1.2}
            y={height - unit * (1.2 + 1.5 * (legendLines - 1 - i))}
            fontSize={unit * 0.9}
          />
        ))}
      </g>
    </g>
  )
}
