import { z } from 'zod'
import {
  type CardLook,
  type FieldInfo,
  type LabelledOption,
  MAX_MAIN_TEXT,
  MAX_SHORT_TEXT,
  cardObject,
  optionalEnumField,
  sideField,
  textField,
} from './fields'

/**
 * One step of the coalition's roadmap (GLOSSARY: feuille de route): what, who, by when,
 * how far along. What it serves is not a prop: it is an arrow « met en œuvre » to a lever
 * or an impact (`shared/cards/links.ts`), so moving the arrow moves the meaning.
 */
export const ACTION_STATUSES = ['todo', 'doing', 'done', 'dropped'] as const
export type ActionStatus = (typeof ACTION_STATUSES)[number]

export const ACTION_STATUS_OPTIONS: readonly LabelledOption<ActionStatus>[] = [
  { value: 'todo', label: { fr: 'À faire', en: 'To do' } },
  { value: 'doing', label: { fr: 'En cours', en: 'In progress' } },
  { value: 'done', label: { fr: 'Fait', en: 'Done' } },
  { value: 'dropped', label: { fr: 'Abandonnée', en: 'Dropped' } },
]

/** Largest tldraw id we keep as an owner link: far beyond `shape:` plus a nanoid. */
const MAX_ID = 200

/**
 * A calendar day `YYYY-MM-DD` that exists (no 2027-02-30), or '' when no date was set.
 * A day, not an instant: a due date means the same day in every time zone.
 */
export function isIsoDay(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return false
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
  const date = new Date(Date.UTC(year, month - 1, day))
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
}

function dayField(field: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be text`) })
    .refine((value) => value === '' || isIsoDay(value), { error: `${field} must be a date YYYY-MM-DD or empty` })
}

function shapeIdField(field: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? `${field} is required` : `${field} must be text`) })
    .max(MAX_ID, { error: `${field} is longer than ${MAX_ID} characters` })
    .refine((value) => value === '' || value.startsWith('shape:'), {
      error: `${field} must be a card id (shape:…) or empty`,
    })
}

export const actionPropsSchema = cardObject('action', {
  w: sideField('w'),
  h: sideField('h'),
  what: textField('what', MAX_MAIN_TEXT),
  /** A person's name, typed; used when no actor card owns the action. */
  owner: textField('owner', MAX_SHORT_TEXT),
  /** The actor card that owns the action ('' for none): its name wins over `owner`. */
  ownerActorId: shapeIdField('ownerActorId'),
  due: dayField('due'),
  status: optionalEnumField('status', ACTION_STATUSES),
})
export type ActionProps = z.infer<typeof actionPropsSchema>

/** A new action is to do: that is what placing it on a roadmap says. */
export function defaultActionProps(): ActionProps {
  return { w: 240, h: 160, what: '', owner: '', ownerActorId: '', due: '', status: 'todo' }
}

export const ACTION_FIELDS: Readonly<Record<Exclude<keyof ActionProps, 'w' | 'h'>, FieldInfo>> = {
  what: { label: { fr: 'Action', en: 'Action' }, input: 'line' },
  owner: { label: { fr: 'Porteur (nom)', en: 'Owner (name)' }, input: 'line' },
  ownerActorId: { label: { fr: 'Acteur porteur', en: 'Owner actor' }, input: 'actor' },
  // Not « Échéance »: that is the indicator's deadline, and the CSV has one column per name.
  due: { label: { fr: 'Date prévue', en: 'Due date' }, input: 'date' },
  status: { label: { fr: 'Statut', en: 'Status' }, input: 'choice' },
}

/** A check mark in a circle. Violet, thick border. */
export const ACTION_LOOK: CardLook = {
  label: { fr: 'Action', en: 'Action' },
  fill: '#ede9fe',
  text: '#2e1065',
  border: '#6d28d9',
  borderStyle: 'thick',
  icon: 'M12 3A9 9 0 1 0 12 21A9 9 0 1 0 12 3 M8 12L11 15L16 9',
}
