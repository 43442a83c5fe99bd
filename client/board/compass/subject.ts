import type { Editor, TLShapeId } from 'tldraw'
import { cardTitle, cardTypeLabel, isCardType, type CardPropsByType } from '../../../shared/cards/cardTypes'
import type { CompassSubject } from '../../../shared/control/compass'
import type { Locale } from '../../../shared/workshop'
import type { Translate } from './radarModel'

/** The card a compass round is about, as people name it: « Levier « Achat public » ». */
export function cardSubjectText(editor: Editor, cardId: string, locale: Locale, t: Translate): string {
  const shape = editor.getShape(cardId as TLShapeId)
  if (!shape || !isCardType(shape.type)) return t('compass.subject.cardGone')
  const type = cardTypeLabel(shape.type, locale)
  const title = cardTitle(shape.type, shape.props as unknown as CardPropsByType[typeof shape.type])
  return title
    ? t('compass.subject.card', { type, title })
    : t('compass.subject.cardUntitled', { type: type.toLowerCase() })
}

/** What a round is about: the whole coalition, or one card of the board. */
export function subjectText(editor: Editor, subject: CompassSubject, locale: Locale, t: Translate): string {
  return subject.kind === 'coalition'
    ? t('compass.subject.coalition')
    : cardSubjectText(editor, subject.cardId, locale, t)
}
