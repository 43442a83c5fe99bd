import type { z } from 'zod'
import { axisLabel, isAxisCode } from '../compass/axes'
import type { Locale } from '../workshop'
import { ACTION_FIELDS, ACTION_LOOK, ACTION_STATUS_OPTIONS, actionPropsSchema, defaultActionProps } from './action'
import type { ActionProps } from './action'
import {
  ACTOR_CIRCLE_OPTIONS,
  ACTOR_FIELDS,
  ACTOR_KIND_OPTIONS,
  ACTOR_LOOK,
  actorPropsSchema,
  defaultActorProps,
} from './actor'
import type { ActorProps } from './actor'
import {
  type CardLook,
  type FieldInfo,
  type LabelledOption,
  NOT_SET_LABEL,
  SPHERE_OPTIONS,
  optionLabel,
} from './fields'
import { IMPACT_FIELDS, IMPACT_LOOK, defaultImpactProps, impactPropsSchema } from './impact'
import type { ImpactProps } from './impact'
import { INDICATOR_FIELDS, INDICATOR_LOOK, defaultIndicatorProps, indicatorPropsSchema } from './indicator'
import type { IndicatorProps } from './indicator'
import { LEVER_FIELDS, LEVER_KIND_OPTIONS, LEVER_LOOK, defaultLeverProps, leverPropsSchema } from './lever'
import type { LeverProps } from './lever'

/**
 * The card types. Each string is also the tldraw shape type of its custom shape, so it is
 * stored in every board: never rename one.
 */
export const CARD_TYPES = ['actor', 'lever', 'indicator', 'impact', 'action'] as const
export type CardType = (typeof CARD_TYPES)[number]

export interface CardPropsByType {
  actor: ActorProps
  lever: LeverProps
  indicator: IndicatorProps
  impact: ImpactProps
  action: ActionProps
}
export type CardProps = CardPropsByType[CardType]

export function isCardType(value: unknown): value is CardType {
  return typeof value === 'string' && (CARD_TYPES as readonly string[]).includes(value)
}

/** Zod schema of each card type's props (geometry `w`, `h` included). */
export const cardPropsSchemas: { [T in CardType]: z.ZodType<CardPropsByType[T]> } = {
  actor: actorPropsSchema,
  lever: leverPropsSchema,
  indicator: indicatorPropsSchema,
  impact: impactPropsSchema,
  action: actionPropsSchema,
}

export type CardValidation<P> = { ok: true; props: P } | { ok: false; issues: string[] }

/**
 * Checks a card's props. Issues are sentences naming the field and the reason
 * ("power must be between 1 and 5"), each once, in field order.
 */
export function validateCardProps<T extends CardType>(type: T, props: unknown): CardValidation<CardPropsByType[T]> {
  if (!isCardType(type)) return { ok: false, issues: [`unknown card type ${String(type)}`] }
  const result = cardPropsSchemas[type].safeParse(props)
  if (result.success) return { ok: true, props: result.data }
  return { ok: false, issues: [...new Set(result.error.issues.map((issue) => issue.message))] }
}

const DEFAULTS: { [T in CardType]: () => CardPropsByType[T] } = {
  actor: defaultActorProps,
  lever: defaultLeverProps,
  indicator: defaultIndicatorProps,
  impact: defaultImpactProps,
  action: defaultActionProps,
}

/** Props of a new, empty card (a fresh object each call). */
export function defaultCardProps<T extends CardType>(type: T): CardPropsByType[T] {
  return DEFAULTS[type]()
}

const MAIN_TEXT = { actor: 'name', lever: 'title', indicator: 'name', impact: 'statement', action: 'what' } as const
export type MainTextField<T extends CardType> = (typeof MAIN_TEXT)[T]

/** The field that names a card: shown big on it, used in outlines, exports and links. */
export function mainTextField<T extends CardType>(type: T): MainTextField<T> {
  return MAIN_TEXT[type]
}

/** A card's main text, trimmed ('' if empty). */
export function cardTitle<T extends CardType>(type: T, props: CardPropsByType[T]): string {
  const value = (props as unknown as Record<string, unknown>)[mainTextField(type)]
  return typeof value === 'string' ? value.trim() : ''
}

/** Colour, border and icon of each card type (see `CardLook`). */
export const CARD_LOOKS: Readonly<Record<CardType, CardLook>> = {
  actor: ACTOR_LOOK,
  lever: LEVER_LOOK,
  indicator: INDICATOR_LOOK,
  impact: IMPACT_LOOK,
  action: ACTION_LOOK,
}

/** « Acteur », "Actor"… */
export function cardTypeLabel(type: CardType, locale: Locale): string {
  return CARD_LOOKS[type].label[locale]
}

/** Editable fields of each type, in display order, with their labels. */
export const CARD_FIELDS: { readonly [T in CardType]: Readonly<Record<string, FieldInfo>> } = {
  actor: ACTOR_FIELDS,
  lever: LEVER_FIELDS,
  indicator: INDICATOR_FIELDS,
  impact: IMPACT_FIELDS,
  action: ACTION_FIELDS,
}

/** Options of each choice field, keyed `type.field`, so one table serves menus and exports. */
export const CARD_FIELD_OPTIONS: Readonly<Record<string, readonly LabelledOption<string>[]>> = {
  'actor.kind': ACTOR_KIND_OPTIONS,
  'actor.sphere': SPHERE_OPTIONS,
  'actor.circle': ACTOR_CIRCLE_OPTIONS,
  'lever.kind': LEVER_KIND_OPTIONS,
  'lever.sphere': SPHERE_OPTIONS,
  'action.status': ACTION_STATUS_OPTIONS,
}

/** One field of a card as text, ready to show or export. */
export interface CardFieldEntry {
  field: string
  label: string
  /** The raw value (codes, numbers, arrays), for exports that keep data typed. */
  value: unknown
  /** The value as text in the locale; '' when empty. */
  text: string
}

/**
 * Whether a choice field holds no choice: `''` (a new card), or nothing at all (old or
 * foreign data). Text fields are never "unset": an empty note is just empty.
 */
export function isChoiceUnset(type: CardType, field: string, value: unknown): boolean {
  return CARD_FIELDS[type][field]?.input === 'choice' && (value === undefined || value === null || value === '')
}

/** « non renseigné » / "not set": what readers see instead of a choice nobody made. */
export function notSetLabel(locale: Locale): string {
  return NOT_SET_LABEL[locale]
}

/** A field's value as display text in a locale: option labels, axis labels, "3/5". */
export function formatFieldValue(type: CardType, field: string, value: unknown, locale: Locale): string {
  const info = CARD_FIELDS[type][field]
  if (value === undefined || value === null) return ''
  switch (info?.input) {
    case 'choice':
      return optionLabel(CARD_FIELD_OPTIONS[`${type}.${field}`] ?? [], String(value), locale)
    case 'choices':
      return Array.isArray(value)
        ? value.map((code) => (isAxisCode(code) ? axisLabel(code, locale) : String(code))).join(', ')
        : ''
    case 'level':
      return typeof value === 'number' ? `${value}/5` : String(value)
    case 'actor':
      // An id means nothing to a reader: exports name the actor (`actionOwner`).
      return ''
    default:
      return typeof value === 'string' ? value.trim() : String(value)
  }
}

/**
 * The editable fields of a card in display order, labelled in the locale. Reads props
 * leniently (a field missing from old data comes out empty) because it serves outlines
 * and exports, which must not fail on one odd card.
 */
export function cardFieldEntries(
  type: CardType,
  props: Readonly<Record<string, unknown>>,
  locale: Locale,
): CardFieldEntry[] {
  return Object.entries(CARD_FIELDS[type]).map(([field, info]) => ({
    field,
    label: info.label[locale],
    value: props[field],
    text: formatFieldValue(type, field, props[field], locale),
  }))
}
