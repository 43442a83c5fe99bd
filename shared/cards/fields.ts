import { z } from 'zod'
import type { LocalizedText } from '../compass/axes'
import type { Locale } from '../workshop'

/**
 * Field builders shared by the four card schemas. Every message names the field and says
 * why, because these messages reach people: a rejected import lists them, and the shape
 * validators throw them into tldraw's console.
 */

/** Bounds on free text. Main text stays short enough to read on a card. */
export const MAX_MAIN_TEXT = 500
export const MAX_SHORT_TEXT = 200
export const MAX_LONG_TEXT = 4_000

/** Largest card side in page units: a sanity bound, far beyond any sensible card. */
export const MAX_CARD_SIDE = 10_000

function missingOr(field: string, why: string) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `${field} is required` : why)
}

/** A free-text field of at most `max` characters. Empty is allowed: a fresh card is empty. */
export function textField(field: string, max: number) {
  return z
    .string({ error: missingOr(field, `${field} must be text`) })
    .max(max, { error: `${field} is longer than ${max} characters` })
}

/** A whole number between 1 and 5 (power, interest). */
export function levelField(field: string) {
  const range = `${field} must be between 1 and 5`
  return z
    .number({ error: missingOr(field, `${field} must be a number`) })
    .int({ error: `${field} must be a whole number` })
    .min(1, { error: range })
    .max(5, { error: range })
}

/** A card side: tldraw geometry, strictly positive and finite. */
export function sideField(field: 'w' | 'h') {
  const why = `${field} must be a positive number`
  return z
    .number({ error: missingOr(field, why) })
    .positive({ error: why })
    .max(MAX_CARD_SIDE, { error: `${field} must be at most ${MAX_CARD_SIDE}` })
}

/** One of a fixed list of codes. */
export function enumField<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.enum(values, { error: missingOr(field, `${field} must be one of ${values.join(', ')}`) })
}

/**
 * A choice nobody made yet: stored as `''`, shown « non renseigné » / "not set". A new card
 * states nothing it was not told (a sphere, a circle, a kind), so exports never claim what
 * nobody entered; boards saved before this keep their codes.
 */
export const NOT_SET = ''
export type NotSet = typeof NOT_SET

export const NOT_SET_LABEL: LocalizedText = { fr: 'non renseigné', en: 'not set' }

/** One of a fixed list of codes, or `NOT_SET`. */
export function optionalEnumField<const T extends readonly [string, ...string[]]>(field: string, values: T) {
  return z.union([z.literal(NOT_SET), z.enum(values)], {
    error: missingOr(field, `${field} must be one of ${values.join(', ')} or empty`),
  })
}

/** Wraps a card's fields into a strict object whose errors name the unknown keys. */
export function cardObject<S extends z.ZodRawShape>(type: string, shape: S) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown ${type} field${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}`
        : `${type} props must be an object`,
  })
}

/** A code with its labels, for enums shown in menus and exports. */
export interface LabelledOption<T extends string> {
  value: T
  label: LocalizedText
}

/** The label of `value` among `options`, or the raw value if it is unknown (old data). */
export function optionLabel<T extends string>(
  options: readonly LabelledOption<T>[],
  value: string,
  locale: Locale,
): string {
  return options.find((option) => option.value === value)?.label[locale] ?? value
}

/** The three spheres, shared by actors and levers. */
export const SPHERES = ['offre', 'commande', 'usages'] as const
export type Sphere = (typeof SPHERES)[number]

export const SPHERE_OPTIONS: readonly LabelledOption<Sphere>[] = [
  { value: 'offre', label: { fr: 'Offre', en: 'Supply' } },
  { value: 'commande', label: { fr: 'Commande', en: 'Demand' } },
  { value: 'usages', label: { fr: 'Usages', en: 'Use' } },
]

/** What each sphere gathers: used as help in templates and forms. */
export const SPHERE_HINTS: Record<Sphere, LocalizedText> = {
  offre: { fr: 'Qui construit', en: 'Who builds' },
  commande: { fr: 'Qui achète ou commande', en: 'Who buys or commissions' },
  usages: { fr: 'Qui utilise', en: 'Who uses' },
}

/** Border styles that survive black-and-white printing, one per card type. */
export const BORDER_STYLES = ['solid', 'dashed', 'double', 'dotted', 'thick'] as const
export type BorderStyle = (typeof BORDER_STYLES)[number]

/**
 * How a card type looks. `fill` and `text` meet WCAG AA (4.5:1); `border` stands out from
 * a white canvas (3:1, WCAG 1.4.11). `icon` is an SVG path `d` for a 24×24 viewBox, drawn
 * with `stroke="currentColor"`, `fill="none"`, `stroke-width="2"`.
 */
export interface CardLook {
  label: LocalizedText
  fill: string
  text: string
  border: string
  borderStyle: BorderStyle
  icon: string
}

/** What the UI and the outline say about one field of a card. */
export interface FieldInfo {
  label: LocalizedText
  /**
   * Which input fits: one line, several lines, a 1–5 level, a choice, several choices, a
   * calendar day (`YYYY-MM-DD`), an actor card of the board (its shape id).
   */
  input: 'line' | 'multiline' | 'level' | 'choice' | 'choices' | 'date' | 'actor'
}
