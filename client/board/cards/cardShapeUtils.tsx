import {
  DefaultFontFaces,
  Rectangle2d,
  resizeBox,
  ShapeUtil,
  type Geometry2d,
  type TLFontFace,
  type TLResizeInfo,
  type TLShapeUtilConstructor,
} from 'tldraw'
import {
  cardShapeProps,
  cardTypeLabel,
  defaultCardProps,
  mainTextField,
  MAX_CARD_SIDE,
  type CardType,
} from '../../../shared/cards'
import type { Locale } from '../../../shared/workshop'
import { cardHeightFor } from './cardLayout'
import type { CardShape } from './cardShape'
import { cardToSvg } from './cardSvg'
import { CardView } from './CardView'

/** Narrower, a card's text would wrap a word per line; wider, it stops being a card. */
const MIN_CARD_WIDTH = 140
const MAX_CARD_WIDTH = 800

const CARD_FONTS: TLFontFace[] = [DefaultFontFaces.tldraw_sans.normal.normal, DefaultFontFaces.tldraw_sans.normal.bold]

function mainText(shape: CardShape): string {
  const value = (shape.props as unknown as Record<string, unknown>)[mainTextField(shape.type as CardType)]
  return typeof value === 'string' ? value : ''
}

/**
 * What the five card shapes share. Props are validated by `cardShapeProps` (the zod
 * schemas of `shared/cards`), so a card with power 7 or an unknown sphere never enters a
 * store: not from the UI, not from a peer (the binding skips and reports it), not from an
 * import. No migrations yet: the schemas are version 1 and exports record them so.
 */
abstract class CardShapeUtil extends ShapeUtil<CardShape> {
  protected abstract readonly cardType: CardType

  override getDefaultProps(): CardShape['props'] {
    return defaultCardProps(this.cardType)
  }

  override getGeometry(shape: CardShape): Geometry2d {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true })
  }

  override component(shape: CardShape) {
    return <CardView shape={shape} />
  }

  override getIndicatorPath(shape: CardShape) {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, 8)
    return path
  }

  override canEdit() {
    return true
  }

  override getFontFaces(): TLFontFace[] {
    return CARD_FONTS
  }

  override getText(shape: CardShape): string {
    return mainText(shape)
  }

  override getAriaDescriptor(shape: CardShape): string {
    return `${cardTypeLabel(this.cardType, this.locale())}: ${mainText(shape)}`
  }

  override onResize(shape: CardShape, info: TLResizeInfo<CardShape>) {
    return resizeBox(shape, info, { minWidth: MIN_CARD_WIDTH, maxWidth: Math.min(MAX_CARD_WIDTH, MAX_CARD_SIDE) })
  }

  // The height follows the main text (see `cardHeightFor`): recomputed when the text or
  // the width changes, and a vertical resize snaps back to it.
  override onBeforeCreate(next: CardShape): CardShape {
    return this.withHeight(next)
  }

  override onBeforeUpdate(prev: CardShape, next: CardShape): CardShape {
    if (prev.props.w === next.props.w && prev.props.h === next.props.h && mainText(prev) === mainText(next)) return next
    return this.withHeight(next)
  }

  override toSvg(shape: CardShape) {
    return cardToSvg(this.editor, shape, this.locale())
  }

  private withHeight(shape: CardShape): CardShape {
    const h = cardHeightFor(this.editor, this.cardType, shape.props as unknown as Record<string, unknown>)
    return h === shape.props.h ? shape : ({ ...shape, props: { ...shape.props, h } } as CardShape)
  }

  private locale(): Locale {
    return this.editor.user.getLocale().startsWith('en') ? 'en' : 'fr'
  }
}

export class ActorShapeUtil extends CardShapeUtil {
  static override type = 'actor' as const
  static override props = cardShapeProps.actor
  protected readonly cardType = 'actor'
}

export class LeverShapeUtil extends CardShapeUtil {
  static override type = 'lever' as const
  static override props = cardShapeProps.lever
  protected readonly cardType = 'lever'
}

export class IndicatorShapeUtil extends CardShapeUtil {
  static override type = 'indicator' as const
  static override props = cardShapeProps.indicator
  protected readonly cardType = 'indicator'
}

export class ImpactShapeUtil extends CardShapeUtil {
  static override type = 'impact' as const
  static override props = cardShapeProps.impact
  protected readonly cardType = 'impact'
}

export class ActionShapeUtil extends CardShapeUtil {
  static override type = 'action' as const
  static override props = cardShapeProps.action
  protected readonly cardType = 'action'
}

/** The five card shape utils, in `CARD_TYPES` order. */
export const CARD_SHAPE_UTILS: TLShapeUtilConstructor<CardShape>[] = [
  ActorShapeUtil,
  LeverShapeUtil,
  IndicatorShapeUtil,
  ImpactShapeUtil,
  ActionShapeUtil,
]
