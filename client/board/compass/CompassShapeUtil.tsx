import {
  HTMLContainer,
  Rectangle2d,
  resizeBox,
  ShapeUtil,
  useEditor,
  useValue,
  type TLResizeInfo,
  type TLShape,
} from 'tldraw'
import {
  COMPASS_MIN_H,
  COMPASS_MIN_W,
  COMPASS_SHAPE_TYPE,
  compassShapeProps,
  defaultCompassProps,
  type CompassShapeProps,
} from '../../../shared/compass/compassShape'
import type { CompassMemberView, CompassPublicView } from '../../../shared/control/compass'
import type { Locale } from '../../../shared/workshop'
import { translate, type MessageKey, type MessageParams } from '../../i18n/translate'
import { useT } from '../../i18n/useT'
import { useUiStore } from '../../state/uiStore'
import { useControlOwn, useControlPublic } from '../control/useControl'
import { compassSourceOf } from './compassSources'
import { RadarFigure } from './RadarFigure'
import { buildRadarModel, type RadarModel } from './radarModel'
import { subjectText } from './subject'

declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    [COMPASS_SHAPE_TYPE]: CompassShapeProps
  }
}

export type CompassShape = TLShape<typeof COMPASS_SHAPE_TYPE>

/** The live radar on the board: the round as this person may see it, own scores included. */
function CompassShapeView({ shape }: { shape: CompassShape }) {
  const editor = useEditor()
  const t = useT()
  const locale = useUiStore((s) => s.locale)
  const view = useControlPublic('compass')
  const own = useControlOwn('compass')
  // The subject card's title is board data: read it reactively so renaming it shows here.
  const model = useValue(
    'compass radar model',
    () =>
      buildRadarModel({
        view,
        own,
        roundId: shape.props.roundId,
        compareRoundId: shape.props.compareRoundId,
        locale,
        t,
        subjectText: (subject) => subjectText(editor, subject, locale, t),
      }),
    [editor, view, own, shape.props.roundId, shape.props.compareRoundId, locale, t],
  )
  return (
    <HTMLContainer
      className="cb-compass-shape"
      data-testid="compass-shape"
      data-round={shape.props.roundId}
      role="img"
      aria-label={t('compass.shape.label', { title: model.title })}
    >
      <svg
        width={shape.props.w}
        height={shape.props.h}
        viewBox={`0 0 ${shape.props.w} ${shape.props.h}`}
        aria-hidden="true"
      >
        <RadarFigure model={model} width={shape.props.w} height={shape.props.h} />
      </svg>
    </HTMLContainer>
  )
}

/** The model for an export: the group's result only, never the exporter's own scores. */
function exportModel(util: CompassShapeUtil, shape: CompassShape): RadarModel {
  const locale: Locale = useUiStore.getState().locale
  const t = (key: MessageKey, params?: MessageParams) => translate(locale, key, params)
  const client = compassSourceOf(util.editor)
  const view: CompassPublicView | undefined = client?.getPublic('compass')
  // An exported image leaves the room (slides, reports): keep one person's scores out of it.
  const own: CompassMemberView | null = null
  return buildRadarModel({
    view,
    own,
    roundId: shape.props.roundId,
    compareRoundId: shape.props.compareRoundId,
    locale,
    t,
    subjectText: (subject) => subjectText(util.editor, subject, locale, t),
  })
}

/**
 * The `compass` shape: a radar of one round (and optionally a second one to compare with).
 * Its props only say which rounds; the values come from the server's control state, so a
 * hidden round shows nothing but the viewer's own outline, and nothing secret is in the doc.
 */
export class CompassShapeUtil extends ShapeUtil<CompassShape> {
  static override type = COMPASS_SHAPE_TYPE
  static override props = compassShapeProps

  getDefaultProps(): CompassShapeProps {
    return defaultCompassProps()
  }

  getGeometry(shape: CompassShape) {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true })
  }

  override canEdit() {
    return false
  }

  override onResize(shape: CompassShape, info: TLResizeInfo<CompassShape>) {
    return resizeBox(shape, info, { minWidth: COMPASS_MIN_W, minHeight: COMPASS_MIN_H })
  }

  component(shape: CompassShape) {
    return <CompassShapeView shape={shape} />
  }

  getIndicatorPath(shape: CompassShape) {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, 12)
    return path
  }

  override toSvg(shape: CompassShape) {
    return <RadarFigure model={exportModel(this, shape)} width={shape.props.w} height={shape.props.h} />
  }
}
