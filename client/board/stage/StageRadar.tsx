import { useEditor, useValue } from 'tldraw'
import { COMPASS_DEFAULT_H, COMPASS_DEFAULT_W } from '../../../shared/compass/compassShape'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useControlPublic } from '../control/useControl'
import { RadarFigure } from '../compass/RadarFigure'
import { buildRadarModel } from '../compass/radarModel'
import { subjectText } from '../compass/subject'

// The board's radar proportions, which RadarFigure's layout is made for (wider crowds the top label).
const WIDTH = COMPASS_DEFAULT_W
const HEIGHT = COMPASS_DEFAULT_H

/**
 * A round's radar on the stage, as everyone sees it (no own scores: the stage is for the
 * room), with `compareRoundId` drawn in its distinct dotted style and named in the legend.
 * One image for screen readers, named by `label`; the table beside it carries the values.
 */
export function StageRadar({
  roundId,
  compareRoundId,
  label,
}: {
  roundId: string
  compareRoundId?: string
  label: string
}) {
  const editor = useEditor()
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const view = useControlPublic('compass')
  const model = useValue(
    'stage radar model',
    () =>
      buildRadarModel({
        view,
        own: null,
        roundId,
        compareRoundId,
        locale,
        t,
        subjectText: (subject) => subjectText(editor, subject, locale, t),
      }),
    [editor, view, roundId, compareRoundId, locale, t],
  )
  return (
    <svg
      className="cb-stage-radar"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-label={label}
      data-testid="stage-radar"
      data-round={roundId}
      data-compare-round={compareRoundId}
    >
      <RadarFigure model={model} width={WIDTH} height={HEIGHT} />
    </svg>
  )
}
