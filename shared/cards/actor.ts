import type { z } from 'zod'
import {
  type CardLook,
  type FieldInfo,
  type LabelledOption,
  MAX_LONG_TEXT,
  MAX_MAIN_TEXT,
  NOT_SET,
  SPHERES,
  cardObject,
  optionalEnumField,
  levelField,
  sideField,
  textField,
} from './fields'

/** An organisation or group that can act (GLOSSARY: acteur). */
export const ACTOR_KINDS = ['public-body', 'company', 'association', 'research', 'citizens', 'other'] as const
export type ActorKind = (typeof ACTOR_KINDS)[number]

export const ACTOR_KIND_OPTIONS: readonly LabelledOption<ActorKind>[] = [
  { value: 'public-body', label: { fr: 'Acteur public', en: 'Public body' } },
  { value: 'company', label: { fr: 'Entreprise', en: 'Company' } },
  { value: 'association', label: { fr: 'Association', en: 'Association' } },
  { value: 'research', label: { fr: 'Recherche', en: 'Research' } },
  { value: 'citizens', label: { fr: 'Citoyens', en: 'Citizens' } },
  { value: 'other', label: { fr: 'Autre', en: 'Other' } },
]

/** How engaged an actor is in the coalition, from the core outwards. */
export const ACTOR_CIRCLES = ['noyau', 'premier-cercle', 'informe', 'a-associer'] as const
export type ActorCircle = (typeof ACTOR_CIRCLES)[number]

export const ACTOR_CIRCLE_OPTIONS: readonly LabelledOption<ActorCircle>[] = [
  { value: 'noyau', label: { fr: 'Noyau', en: 'Core' } },
  { value: 'premier-cercle', label: { fr: 'Premier cercle', en: 'First circle' } },
  { value: 'informe', label: { fr: 'Informé', en: 'Informed' } },
  { value: 'a-associer', label: { fr: 'À associer', en: 'To involve' } },
]

export const actorPropsSchema = cardObject('actor', {
  w: sideField('w'),
  h: sideField('h'),
  name: textField('name', MAX_MAIN_TEXT),
  kind: optionalEnumField('kind', ACTOR_KINDS),
  sphere: optionalEnumField('sphere', SPHERES),
  circle: optionalEnumField('circle', ACTOR_CIRCLES),
  power: levelField('power'),
  interest: levelField('interest'),
  notes: textField('notes', MAX_LONG_TEXT),
})
export type ActorProps = z.infer<typeof actorPropsSchema>

/**
 * A new actor sits in the middle of the grid (power and interest place it there, and the
 * middle is the least wrong guess); its kind, sphere and circle stay unset until someone
 * says them (a frame of a sphere may: see `client/board/cards/placementDefaults.ts`).
 */
export function defaultActorProps(): ActorProps {
  return {
    w: 240,
    h: 160,
    name: '',
    kind: NOT_SET,
    sphere: NOT_SET,
    circle: NOT_SET,
    power: 3,
    interest: 3,
    notes: '',
  }
}

/** Display order and labels of the fields people edit (geometry excluded). */
export const ACTOR_FIELDS: Readonly<Record<Exclude<keyof ActorProps, 'w' | 'h'>, FieldInfo>> = {
  name: { label: { fr: 'Nom', en: 'Name' }, input: 'line' },
  kind: { label: { fr: 'Type', en: 'Kind' }, input: 'choice' },
  sphere: { label: { fr: 'Sphère', en: 'Sphere' }, input: 'choice' },
  circle: { label: { fr: 'Cercle', en: 'Circle' }, input: 'choice' },
  power: { label: { fr: 'Pouvoir', en: 'Power' }, input: 'level' },
  interest: { label: { fr: 'Intérêt', en: 'Interest' }, input: 'level' },
  notes: { label: { fr: 'Notes', en: 'Notes' }, input: 'multiline' },
}

/** A person: head and shoulders. Blue, solid border. */
export const ACTOR_LOOK: CardLook = {
  label: { fr: 'Acteur', en: 'Actor' },
  fill: '#dbeafe',
  text: '#0f172a',
  border: '#1d4ed8',
  borderStyle: 'solid',
  icon: 'M12 12a4 4 0 1 0 0-8a4 4 0 1 0 0 8Z M4 21a8 8 0 0 1 16 0',
}
