import { CARD_FIELDS, formatFieldValue, type CardType } from '../../../shared/cards'
import type { Locale } from '../../../shared/workshop'

/**
 * The key fields a card shows under its main text, as two short lines. Always two (empty
 * ones stay blank) so a card's height depends on its main text alone: every peer computes
 * the same height whatever its UI language, and the card never jumps when a field changes.
 */
export const SUMMARY_LINES = 2

type Props = Readonly<Record<string, unknown>>

function field(type: CardType, props: Props, name: string, locale: Locale): string {
  return formatFieldValue(type, name, props[name], locale)
}

/** "Label value", or '' when the value is empty. */
function labelled(type: CardType, props: Props, name: string, locale: Locale): string {
  const text = field(type, props, name, locale)
  return text ? `${CARD_FIELDS[type][name].label[locale]} ${text}` : ''
}

function joined(...parts: string[]): string {
  return parts.filter(Boolean).join(' · ')
}

/**
 * The two summary lines of a card in a locale (see `SUMMARY_LINES`). `cardName` names a card
 * of the board by id (an action's owner actor); without it, the typed owner name shows.
 */
export function cardSummaryLines(
  type: CardType,
  props: Props,
  locale: Locale,
  cardName?: (id: string) => string | undefined,
): [string, string] {
  switch (type) {
    case 'actor':
      return [
        joined(
          field(type, props, 'kind', locale),
          field(type, props, 'sphere', locale),
          field(type, props, 'circle', locale),
        ),
        joined(labelled(type, props, 'power', locale), labelled(type, props, 'interest', locale)),
      ]
    case 'lever':
      return [
        joined(field(type, props, 'kind', locale), field(type, props, 'sphere', locale)),
        labelled(type, props, 'horizon', locale),
      ]
    case 'indicator': {
      const baseline = field(type, props, 'baseline', locale)
      const target = field(type, props, 'target', locale)
      const unit = field(type, props, 'unit', locale)
      const range = baseline || target ? `${baseline || '?'} → ${target || '?'}${unit ? ` ${unit}` : ''}` : unit
      return [range, labelled(type, props, 'deadline', locale)]
    }
    case 'impact':
      return [labelled(type, props, 'horizon', locale), field(type, props, 'qualities', locale)]
    case 'action': {
      const actorId = typeof props.ownerActorId === 'string' ? props.ownerActorId : ''
      const owner = (actorId && cardName?.(actorId)) || field(type, props, 'owner', locale)
      return [joined(field(type, props, 'status', locale), labelled(type, props, 'due', locale)), owner]
    }
  }
}
