import type { z } from 'zod'
import { CARD_FIELDS, CARD_TYPES, cardPropsSchemas, isCardType, type CardType } from './cardTypes'

/**
 * The free-text fields of each card type: every field whose input is a line or several
 * lines (name, title, statement, notes, description, unit…). These are the fields people
 * type into together, so each is edited as a shared text (`shared/cardText/`), character
 * by character, instead of being overwritten whole.
 */
export const CARD_TEXT_FIELDS: { readonly [T in CardType]: readonly string[] } = Object.fromEntries(
  CARD_TYPES.map((type) => [
    type,
    Object.entries(CARD_FIELDS[type])
      .filter(([, info]) => info.input === 'line' || info.input === 'multiline')
      .map(([field]) => field),
  ]),
) as unknown as { [T in CardType]: readonly string[] }

export function isCardTextField(type: unknown, field: string): boolean {
  return isCardType(type) && CARD_TEXT_FIELDS[type].includes(field)
}

/** Longest text a field takes, read from the card's schema (`textField(field, max)`). */
export function cardTextMax(type: CardType, field: string): number {
  const schema = cardPropsSchemas[type] as unknown as {
    shape: Record<string, z.ZodType & { maxLength?: number | null }>
  }
  const max = schema.shape[field]?.maxLength
  if (typeof max !== 'number') throw new Error(`${type}.${field} is not a bounded text field`)
  return max
}
