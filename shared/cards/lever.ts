import type { z } from 'zod'
import {
  type CardLook,
  type FieldInfo,
  type LabelledOption,
  MAX_LONG_TEXT,
  MAX_MAIN_TEXT,
  MAX_SHORT_TEXT,
  NOT_SET,
  SPHERES,
  cardObject,
  optionalEnumField,
  sideField,
  textField,
} from './fields'

/** A means of action (GLOSSARY: levier). */
export const LEVER_KINDS = [
  'legal',
  'procurement',
  'data',
  'funding',
  'training',
  'standard',
  'experiment',
  'other',
] as const
export type LeverKind = (typeof LEVER_KINDS)[number]

export const LEVER_KIND_OPTIONS: readonly LabelledOption<LeverKind>[] = [
  { value: 'legal', label: { fr: 'Juridique', en: 'Legal' } },
  { value: 'procurement', label: { fr: 'Achat public', en: 'Public procurement' } },
  { value: 'data', label: { fr: 'Données', en: 'Data' } },
  { value: 'funding', label: { fr: 'Financement', en: 'Funding' } },
  { value: 'training', label: { fr: 'Formation', en: 'Training' } },
  { value: 'standard', label: { fr: 'Standard', en: 'Standard' } },
  { value: 'experiment', label: { fr: 'Expérimentation', en: 'Experiment' } },
  { value: 'other', label: { fr: 'Autre', en: 'Other' } },
]

export const leverPropsSchema = cardObject('lever', {
  w: sideField('w'),
  h: sideField('h'),
  title: textField('title', MAX_MAIN_TEXT),
  sphere: optionalEnumField('sphere', SPHERES),
  kind: optionalEnumField('kind', LEVER_KINDS),
  description: textField('description', MAX_LONG_TEXT),
  /** Free text on purpose: workshops write "2030", "fin 2027" or "d'ici 3 ans". */
  horizon: textField('horizon', MAX_SHORT_TEXT),
})
export type LeverProps = z.infer<typeof leverPropsSchema>

export function defaultLeverProps(): LeverProps {
  return { w: 240, h: 160, title: '', sphere: NOT_SET, kind: NOT_SET, description: '', horizon: '' }
}

export const LEVER_FIELDS: Readonly<Record<Exclude<keyof LeverProps, 'w' | 'h'>, FieldInfo>> = {
  title: { label: { fr: 'Titre', en: 'Title' }, input: 'line' },
  sphere: { label: { fr: 'Sphère', en: 'Sphere' }, input: 'choice' },
  kind: { label: { fr: 'Type', en: 'Kind' }, input: 'choice' },
  description: { label: { fr: 'Description', en: 'Description' }, input: 'multiline' },
  horizon: { label: { fr: 'Horizon', en: 'Horizon' }, input: 'line' },
}

/** A bar on a fulcrum. Amber, dashed border. */
export const LEVER_LOOK: CardLook = {
  label: { fr: 'Levier', en: 'Lever' },
  fill: '#fef3c7',
  text: '#1c1917',
  border: '#b45309',
  borderStyle: 'dashed',
  icon: 'M2 16L22 8 M12 12.5L8 20H16Z',
}
