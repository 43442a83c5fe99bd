import type { LocalizedText } from '../compass/axes'

/**
 * The nine phases of a typical coalition workshop (GLOSSARY.md), in both languages: the
 * agenda of a new workshop, in its language.
 */
export interface PhaseTemplate {
  id: string
  name: LocalizedText
  durationMin: number
  instructions: LocalizedText
}

export const DEFAULT_AGENDA_PHASES: readonly PhaseTemplate[] = [
  {
    id: 'tour-de-table',
    name: { fr: 'Tour de table', en: 'Round of introductions' },
    durationMin: 15,
    instructions: {
      fr: 'Chacun dépose une carte : nom, organisation, attente.',
      en: 'Each person drops a card: name, organisation, expectation.',
    },
  },
  {
    id: 'cadrage',
    name: { fr: 'Cadrage', en: 'Framing' },
    durationMin: 20,
    instructions: {
      fr: 'Intention, problème, périmètre, horizon.',
      en: 'Intention, problem, scope, horizon.',
    },
  },
  {
    id: 'diagnostic',
    name: { fr: 'Diagnostic', en: 'Diagnosis' },
    durationMin: 30,
    instructions: {
      fr: 'Écriture silencieuse de « ce qui devrait changer », puis regroupement.',
      en: 'Silent writing of "what should change", then clustering.',
    },
  },
  {
    id: 'boussole',
    name: { fr: 'Boussole', en: 'Compass' },
    durationMin: 30,
    instructions: {
      fr: 'Notation individuelle cachée, révélation simultanée, discussion des axes signalés.',
      en: 'Hidden individual scoring, simultaneous reveal, discussion of the flagged axes.',
    },
  },
  {
    id: 'horizon-impacts',
    name: { fr: 'Horizon et impacts', en: 'Horizon and impacts' },
    durationMin: 30,
    instructions: {
      fr: 'Énoncés d’impact, chacun avec ses indicateurs.',
      en: 'Impact statements, each with its indicators.',
    },
  },
  {
    id: 'acteurs-leviers',
    name: { fr: 'Acteurs et leviers', en: 'Actors and levers' },
    durationMin: 40,
    instructions: {
      fr: 'Grille pouvoir / intérêt, liens acteur → levier → impact.',
      en: 'Power/interest grid, links actor → lever → impact.',
    },
  },
  {
    id: 'priorisation',
    name: { fr: 'Priorisation', en: 'Prioritisation' },
    durationMin: 20,
    instructions: {
      fr: 'Vote par gommettes (3 à 5 chacun), caché jusqu’à la révélation.',
      en: 'Dot voting (3–5 dots each), hidden until revealed.',
    },
  },
  {
    id: 'feuille-de-route',
    name: { fr: 'Feuille de route et engagement', en: 'Roadmap and commitment' },
    durationMin: 30,
    instructions: {
      fr: 'Actions avec porteurs et échéances ; le cercle de chaque acteur.',
      en: "Actions with owners and dates; each actor's circle.",
    },
  },
  {
    id: 'cloture',
    name: { fr: 'Clôture', en: 'Closing' },
    durationMin: 15,
    instructions: {
      fr: 'Valider la synthèse ; exporter.',
      en: 'Validate the synthesis; export.',
    },
  },
]
