import type { z } from 'zod'
import {
  type CardLook,
  type FieldInfo,
  MAX_MAIN_TEXT,
  MAX_SHORT_TEXT,
  cardObject,
  sideField,
  textField,
} from './fields'

/**
 * How an impact is measured (GLOSSARY: indicateur). Baseline and target are text, not
 * numbers: workshops write "≈ 30 %", "12 communes" or "à définir", and a number field
 * would lose that nuance at the moment it matters most.
 */
export const indicatorPropsSchema = cardObject('indicator', {
  w: sideField('w'),
  h: sideField('h'),
  name: textField('name', MAX_MAIN_TEXT),
  unit: textField('unit', MAX_SHORT_TEXT),
  baseline: textField('baseline', MAX_SHORT_TEXT),
  target: textField('target', MAX_SHORT_TEXT),
  deadline: textField('deadline', MAX_SHORT_TEXT),
  source: textField('source', MAX_MAIN_TEXT),
})
export type IndicatorProps = z.infer<typeof indicatorPropsSchema>

export function defaultIndicatorProps(): IndicatorProps {
  return { w: 240, h: 160, name: '', unit: '', baseline: '', target: '', deadline: '', source: '' }
}

export const INDICATOR_FIELDS: Readonly<Record<Exclude<keyof IndicatorProps, 'w' | 'h'>, FieldInfo>> = {
  name: { label: { fr: 'Nom', en: 'Name' }, input: 'line' },
  unit: { label: { fr: 'Unité', en: 'Unit' }, input: 'line' },
  baseline: { label: { fr: 'Référence', en: 'Baseline' }, input: 'line' },
  target: { label: { fr: 'Cible', en: 'Target' }, input: 'line' },
  deadline: { label: { fr: 'Échéance', en: 'Deadline' }, input: 'line' },
  source: { label: { fr: 'Source', en: 'Source' }, input: 'line' },
}

/** A bar chart on a baseline. Green, dotted border. */
export const INDICATOR_LOOK: CardLook = {
  label: { fr: 'Indicateur', en: 'Indicator' },
  fill: '#dcfce7',
  text: '#052e16',
  border: '#15803d',
  borderStyle: 'dotted',
  icon: 'M4 20H20 M7 20V14 M12 20V8 M17 20V11',
}
