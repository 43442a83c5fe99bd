import type { Locale } from '../workshop'
import type { CoalitionStatus, Cohort, DecisionKind } from './space'

/**
 * Words of the programme space in both languages, for the page and for the booklet the
 * server writes (which has no UI catalogue). Codes stay stable; only these change.
 */

type Labels<K extends string> = Readonly<Record<K, Readonly<Record<Locale, string>>>>

export const COHORT_LABELS: Labels<Cohort> = {
  pilote: { fr: 'Pilote', en: 'Pilot' },
  'promo-1': { fr: 'Promo 1', en: 'Cohort 1' },
  'promo-2': { fr: 'Promo 2', en: 'Cohort 2' },
  stock: { fr: 'Stock à activer', en: 'Still to activate' },
}

export const STATUS_LABELS: Labels<CoalitionStatus> = {
  idee: { fr: 'Idée', en: 'Idea' },
  'en-projet': { fr: 'En projet', en: 'Planned' },
  amorcee: { fr: 'Amorcée', en: 'Started' },
  active: { fr: 'Active', en: 'Active' },
  'en-pause': { fr: 'En pause', en: 'Paused' },
  essaimee: { fr: 'Essaimée', en: 'Spread' },
}

export const DECISION_LABELS: Labels<DecisionKind> = {
  activer: { fr: 'Activer', en: 'Activate' },
  'ne-pas-activer': { fr: 'Ne pas activer', en: 'Do not activate' },
  reporter: { fr: 'Reporter', en: 'Postpone' },
}

/** Needs people often write; the field stays free text. */
export const NEED_SUGGESTIONS: Readonly<Record<Locale, readonly string[]>> = {
  fr: [
    'Co-porteurs recherchés',
    'Adaptation territoriale',
    'Financement',
    'Terrains d’expérimentation',
    'Expertise juridique',
    'Données',
  ],
  en: ['Co-leads wanted', 'Territorial adaptation', 'Funding', 'Test sites', 'Legal expertise', 'Data'],
}

/** Words of the booklet (*livret des coalitions*). */
export interface LivretLabels {
  booklet: string
  date: string
  coalitions: string
  cohortTable: string
  coalition: string
  theme: string
  cohort: string
  status: string
  decision: string
  needs: string
  coLeads: string
  workshops: string
  phase: string
  noTheme: string
  noDecision: string
  noWorkshop: string
  actorsEngaged: string
  nextSteps: string
  history: string
  roadmap: string
  workshop: string
  sheetFrom: string
  none: string
}

export const LIVRET_LABELS: Readonly<Record<Locale, LivretLabels>> = {
  fr: {
    booklet: 'Livret des coalitions',
    date: 'Date',
    coalitions: 'Coalitions',
    cohortTable: 'Tableau des promotions',
    coalition: 'Coalition',
    theme: 'Thème',
    cohort: 'Promotion',
    status: 'Statut',
    decision: 'Décision',
    needs: 'Besoins',
    coLeads: 'Co-porteurs',
    workshops: 'Ateliers',
    phase: 'étape atteinte',
    noTheme: 'Sans thème',
    noDecision: 'Pas encore de décision',
    noWorkshop: 'Aucun atelier pour l’instant.',
    actorsEngaged: 'Acteurs engagés (noyau et premier cercle)',
    nextSteps: 'Prochaines étapes',
    history: 'Historique des décisions',
    roadmap: 'Feuille de route de la coalition',
    workshop: 'Atelier',
    sheetFrom: 'Fiche issue de l’atelier',
    none: '–',
  },
  en: {
    booklet: 'Coalitions booklet',
    date: 'Date',
    coalitions: 'Coalitions',
    cohortTable: 'Cohorts',
    coalition: 'Coalition',
    theme: 'Theme',
    cohort: 'Cohort',
    status: 'Status',
    decision: 'Decision',
    needs: 'Needs',
    coLeads: 'Co-leads',
    workshops: 'Workshops',
    phase: 'phase reached',
    noTheme: 'No theme',
    noDecision: 'No decision yet',
    noWorkshop: 'No workshop yet.',
    actorsEngaged: 'Actors engaged (core and first circle)',
    nextSteps: 'Next steps',
    history: 'Decision history',
    roadmap: 'Coalition roadmap',
    workshop: 'Workshop',
    sheetFrom: 'Sheet from the workshop',
    none: '–',
  },
}
