import { z } from 'zod'
import { AXIS_CODES } from '../compass/axes'
import {
  type CardLook,
  type FieldInfo,
  MAX_MAIN_TEXT,
  MAX_SHORT_TEXT,
  cardObject,
  sideField,
  textField,
} from './fields'

const qualitiesField = z
  .array(z.enum(AXIS_CODES, { error: `qualities must contain only compass axes (${AXIS_CODES.join(', ')})` }), {
    error: (issue) => (issue.input === undefined ? 'qualities is required' : 'qualities must be a list'),
  })
  .refine((codes) => new Set(codes).size === codes.length, { error: 'qualities must not repeat an axis' })

/** A change of situation or behaviour sought at a horizon (GLOSSARY: impact). */
export const impactPropsSchema = cardObject('impact', {
  w: sideField('w'),
  h: sideField('h'),
  statement: textField('statement', MAX_MAIN_TEXT),
  horizon: textField('horizon', MAX_SHORT_TEXT),
  /** The compass qualities this impact serves; a subset, each at most once. */
  qualities: qualitiesField,
})
export type ImpactProps = z.infer<typeof impactPropsSchema>

export function defaultImpactProps(): ImpactProps {
  return { w: 280, h: 160, statement: '', horizon: '', qualities: [] }
}

export const IMPACT_FIELDS: Readonly<Record<Exclude<keyof ImpactProps, 'w' | 'h'>, FieldInfo>> = {
  statement: { label: { fr: 'Énoncé', en: 'Statement' }, input: 'multiline' },
  horizon: { label: { fr: 'Horizon', en: 'Horizon' }, input: 'line' },
  qualities: { label: { fr: 'Qualités', en: 'Qualities' }, input: 'choices' },
}

/** A target. Violet, double border. */
export const IMPACT_LOOK: CardLook = {
  label: { fr: 'Impact', en: 'Impact' },
  fill: '#f3e8ff',
  text: '#2e1065',
  border: '#7e22ce',
  borderStyle: 'double',
  icon: 'M12 21a9 9 0 1 0 0-18a9 9 0 1 0 0 18Z M12 16a4 4 0 1 0 0-8a4 4 0 1 0 0 8Z M12 12h.01',
}
