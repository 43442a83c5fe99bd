import type { LocalizedText } from '../compass/axes'
import type { TemplateId } from '../workshop'

/**
 * The templates' names and descriptions, apart from the code that lays them out, so the
 * landing page can offer the choice without loading the builders (nor zod with them).
 */
export interface TemplateInfo {
  id: TemplateId
  name: LocalizedText
  /** One sentence for the template picker. */
  description: LocalizedText
}

/** The templates a workshop can start from, in the order the picker shows them. */
export const TEMPLATES: readonly TemplateInfo[] = [
  {
    id: 'full-workshop',
    name: { fr: 'Atelier complet', en: 'Full workshop' },
    description: {
      fr: 'Un cadre par phase de l’atelier, dans l’ordre, avec ses consignes.',
      en: 'One frame per workshop phase, in order, with its instructions.',
    },
  },
  {
    id: 'actors-map',
    name: { fr: 'Carte des acteurs', en: 'Actors map' },
    description: {
      fr: 'La grille pouvoir / intérêt en quatre quadrants, et les trois sphères.',
      en: 'The power / interest grid in four quadrants, and the three spheres.',
    },
  },
  {
    id: 'impacts',
    name: { fr: 'Horizon, impacts et indicateurs', en: 'Horizon, impacts and indicators' },
    description: {
      fr: 'De l’horizon aux impacts, puis aux indicateurs qui les mesurent.',
      en: 'From the horizon to the impacts, then to the indicators that measure them.',
    },
  },
  {
    id: 'levers',
    name: { fr: 'Leviers', en: 'Levers' },
    description: {
      fr: 'Une colonne de leviers par sphère : offre, commande, usages.',
      en: 'One column of levers per sphere: supply, demand, use.',
    },
  },
  {
    id: 'roadmap',
    name: { fr: 'Feuille de route', en: 'Roadmap' },
    description: {
      fr: 'Les actions par statut : à faire, en cours, fait, abandonnée.',
      en: 'Actions by status: to do, in progress, done, dropped.',
    },
  },
  {
    id: 'blank',
    name: { fr: 'Vide', en: 'Blank' },
    description: { fr: 'Une page blanche.', en: 'An empty page.' },
  },
]

export function templateInfo(id: TemplateId): TemplateInfo {
  const info = TEMPLATES.find((template) => template.id === id)
  if (!info) throw new Error(`unknown template ${id}`)
  return info
}
