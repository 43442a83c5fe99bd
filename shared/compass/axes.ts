import { z } from 'zod'
import type { Locale } from '../workshop'

/**
 * The seven qualities of the coalition compass (GLOSSARY.md), in the method's order.
 * Codes are stable identifiers stored in boards and exports; labels are for display.
 */
export const AXIS_CODES = [
  'capacitant',
  'inclusif',
  'frugal',
  'innovant',
  'democratique',
  'protecteur',
  'equitable',
] as const
export type AxisCode = (typeof AXIS_CODES)[number]
export const axisCodeSchema = z.enum(AXIS_CODES)

/** A text in both UI languages. */
export type LocalizedText = Record<Locale, string>

export interface Axis {
  code: AxisCode
  label: LocalizedText
  /** One line saying what the quality means. */
  meaning: LocalizedText
  /**
   * Help shown while scoring. Our proposal, not the method's official wording: a
   * facilitator may replace it per workshop, so treat it as a default.
   */
  question: LocalizedText
}

export const AXES: readonly Axis[] = [
  {
    code: 'capacitant',
    label: { fr: 'Capacitant', en: 'Empowering' },
    meaning: {
      fr: 'Renforce le pouvoir de créer et d’agir des personnes',
      en: "Strengthens people's power to create and act",
    },
    question: {
      fr: 'La démarche renforce-t-elle le pouvoir d’agir et les compétences des personnes concernées\u202f?',
      en: 'Does the approach strengthen the agency and skills of the people concerned?',
    },
  },
  {
    code: 'inclusif',
    label: { fr: 'Inclusif', en: 'Inclusive' },
    meaning: {
      fr: 'Chacun peut prendre part\u202f; la diversité plutôt que la reproduction des inégalités',
      en: 'Everyone can take part; diversity rather than reproduced inequality',
    },
    question: {
      fr: 'Qui risque d’être exclu\u202f? Existe-t-il une alternative ou un accompagnement\u202f?',
      en: 'Who risks being left out? Is there an alternative or support?',
    },
  },
  {
    code: 'frugal',
    label: { fr: 'Frugal', en: 'Frugal' },
    meaning: {
      fr: 'Économise l’énergie et les matériaux\u202f; besoins réduits au nécessaire',
      en: 'Saves energy and materials; needs reduced to what is necessary',
    },
    question: {
      fr: 'Les besoins en matériel, énergie et données sont-ils réduits au nécessaire\u202f?',
      en: 'Are the needs for hardware, energy and data reduced to what is necessary?',
    },
  },
  {
    code: 'innovant',
    label: { fr: 'Innovant', en: 'Innovative' },
    meaning: {
      fr: 'Innovation ouverte, sans dépendance aux acteurs dominants',
      en: 'Open innovation, not dependent on dominant players',
    },
    question: {
      fr: 'La démarche ouvre-t-elle l’innovation à d’autres acteurs (standards ouverts, communs)\u202f?',
      en: 'Does the approach open innovation to other players (open standards, commons)?',
    },
  },
  {
    code: 'democratique',
    label: { fr: 'Démocratique', en: 'Democratic' },
    meaning: {
      fr: 'Libertés, maîtrise collective des systèmes et des plateformes',
      en: 'Freedoms, collective control of systems and platforms',
    },
    question: {
      fr: 'Les parties prenantes participent-elles aux décisions\u202f? La gouvernance est-elle transparente\u202f?',
      en: 'Do stakeholders take part in decisions? Is governance transparent?',
    },
  },
  {
    code: 'protecteur',
    label: { fr: 'Protecteur', en: 'Protective' },
    meaning: {
      fr: 'Vie privée, confiance, protection de l’attention',
      en: 'Privacy, trust, protects attention',
    },
    question: {
      fr: 'Les données personnelles, la vie privée et l’attention sont-elles protégées\u202f?',
      en: 'Are personal data, privacy and attention protected?',
    },
  },
  {
    code: 'equitable',
    label: { fr: 'Équitable', en: 'Equitable' },
    meaning: {
      fr: 'Partage la valeur créée\u202f; solidarité',
      en: 'Shares the value created; solidarity',
    },
    question: {
      fr: 'Comment la valeur créée est-elle répartie\u202f? Qui porte les coûts et les risques\u202f?',
      en: 'How is the value created shared? Who bears the costs and the risks?',
    },
  },
]

const AXES_BY_CODE = new Map<AxisCode, Axis>(AXES.map((axis) => [axis.code, axis]))

/** The axis of a code. Codes come from `AXIS_CODES`, so the lookup cannot miss. */
export function getAxis(code: AxisCode): Axis {
  const axis = AXES_BY_CODE.get(code)
  if (!axis) throw new Error(`unknown compass axis ${code}`)
  return axis
}

/** Display label of an axis in a locale. */
export function axisLabel(code: AxisCode, locale: Locale): string {
  return getAxis(code).label[locale]
}

export function isAxisCode(value: unknown): value is AxisCode {
  return typeof value === 'string' && AXES_BY_CODE.has(value as AxisCode)
}
