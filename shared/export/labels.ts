import type { Locale } from '../workshop'

/**
 * Words of the Markdown sheet and the CSV header that the domain files do not already
 * have (card, field, option, axis and link labels come from `cards/` and `compass/`).
 */
export interface ExportLabels {
  date: string
  participants: string
  workshop: string
  sheet: string
  problem: string
  needs: string
  coLeads: string
  modalities: string
  presentation: string
  coalition: string
  intention: string
  currentPhase: string
  impacts: string
  horizon: string
  qualities: string
  measuredBy: string
  contributedToBy: string
  noIndicator: string
  unlinkedIndicators: string
  actors: string
  levers: string
  heldBy: string
  contributesTo: string
  compass: string
  subjectCoalition: string
  axis: string
  count: string
  mean: string
  median: string
  min: string
  max: string
  spread: string
  toDiscuss: string
  yes: string
  notConcernedShort: string
  open: string
  closed: string
  comments: string
  hiddenRound: (scored: number) => string
  evolution: string
  change: string
  topVoted: string
  rank: string
  card: string
  cardType: string
  dots: string
  voters: (count: number) => string
  hiddenVote: (voters: number) => string
  noVotes: string
  roadmap: string
  noRoadmap: string
  action: string
  owner: string
  due: string
  status: string
  serves: string
  overdue: string
  roadmapProgress: (done: number, total: number, overdue: number) => string
  others: string
  frame: string
  untitled: string
  none: string
  id: string
  title: string
  links: string
}

export const EXPORT_LABELS: Readonly<Record<Locale, ExportLabels>> = {
  fr: {
    workshop: 'Atelier',
    sheet: 'Fiche coalition',
    problem: 'Problème et contexte',
    needs: 'Besoins',
    coLeads: 'Co-porteurs',
    modalities: 'Modalités',
    date: 'Date',
    participants: 'Participants',
    presentation: 'Présentation',
    coalition: 'Coalition',
    intention: 'Intention',
    currentPhase: 'Phase en cours',
    impacts: 'Horizon et impacts',
    horizon: 'Horizon',
    qualities: 'Qualités',
    measuredBy: 'Mesuré par',
    contributedToBy: 'Leviers qui y contribuent',
    noIndicator: 'aucun indicateur relié',
    unlinkedIndicators: 'Indicateurs non reliés à un impact',
    actors: 'Acteurs',
    levers: 'Leviers',
    heldBy: 'Porté par',
    contributesTo: 'Contribue à',
    compass: 'Boussole',
    subjectCoalition: 'la coalition',
    axis: 'Axe',
    count: 'n',
    mean: 'Moyenne',
    median: 'Médiane',
    min: 'Min',
    max: 'Max',
    spread: 'Écart',
    toDiscuss: 'À discuter',
    yes: 'oui',
    notConcernedShort: 'n. c.',
    open: 'ouvert',
    closed: 'clos',
    comments: 'Commentaires',
    hiddenRound: (n) =>
      `Tour non révélé\u00a0: ${n} ${n > 1 ? 'personnes ont' : 'personne a'} noté. Les notes restent cachées tant que l’animateur·rice ne les a pas révélées\u00a0; cette fiche n’en montre aucune.`,
    evolution: 'Évolution',
    change: 'Évolution',
    topVoted: 'Cartes les plus votées',
    rank: 'Rang',
    card: 'Carte',
    cardType: 'Type',
    dots: 'Points',
    voters: (n) => `${n} ${n > 1 ? 'votants' : 'votant'}`,
    hiddenVote: (n) =>
      `Vote non révélé\u00a0: ${n} ${n > 1 ? 'personnes ont' : 'personne a'} voté. Les résultats restent cachés tant que l’animateur·rice ne les a pas révélés.`,
    noVotes: 'Aucun vote.',
    roadmap: 'Feuille de route / prochaines étapes',
    noRoadmap: 'Aucune étape notée sur le tableau.',
    action: 'Action',
    owner: 'Porteur',
    due: 'Échéance',
    status: 'Statut',
    serves: 'Met en œuvre',
    overdue: 'en retard',
    roadmapProgress: (done, total, overdue) =>
      `${done}\u00a0/\u00a0${total} ${done > 1 ? 'faites' : 'faite'}${overdue > 0 ? `, ${overdue} en retard` : ''}.`,
    others: 'Autres éléments du tableau',
    frame: 'Cadre',
    untitled: '(sans titre)',
    none: 'Aucun élément.',
    id: 'Identifiant',
    title: 'Titre',
    links: 'Liens',
  },
  en: {
    workshop: 'Workshop',
    sheet: 'Coalition sheet',
    problem: 'Problem and context',
    needs: 'Needs',
    coLeads: 'Co-leads',
    modalities: 'How it works',
    date: 'Date',
    participants: 'Participants',
    presentation: 'Overview',
    coalition: 'Coalition',
    intention: 'Intention',
    currentPhase: 'Current phase',
    impacts: 'Horizon and impacts',
    horizon: 'Horizon',
    qualities: 'Qualities',
    measuredBy: 'Measured by',
    contributedToBy: 'Levers contributing',
    noIndicator: 'no linked indicator',
    unlinkedIndicators: 'Indicators not linked to an impact',
    actors: 'Actors',
    levers: 'Levers',
    heldBy: 'Held by',
    contributesTo: 'Contributes to',
    compass: 'Compass',
    subjectCoalition: 'the coalition',
    axis: 'Axis',
    count: 'n',
    mean: 'Mean',
    median: 'Median',
    min: 'Min',
    max: 'Max',
    spread: 'Spread',
    toDiscuss: 'To discuss',
    yes: 'yes',
    notConcernedShort: 'n/c',
    open: 'open',
    closed: 'closed',
    comments: 'Comments',
    hiddenRound: (n) =>
      `Round not revealed: ${n} ${n === 1 ? 'person has' : 'people have'} scored. Scores stay hidden until the facilitator reveals them; this sheet shows none.`,
    evolution: 'Change',
    change: 'Change',
    topVoted: 'Most voted cards',
    rank: 'Rank',
    card: 'Card',
    cardType: 'Type',
    dots: 'Dots',
    voters: (n) => `${n} ${n === 1 ? 'voter' : 'voters'}`,
    hiddenVote: (n) =>
      `Vote not revealed: ${n} ${n === 1 ? 'person has' : 'people have'} voted. Results stay hidden until the facilitator reveals them.`,
    noVotes: 'No vote.',
    roadmap: 'Roadmap / next steps',
    noRoadmap: 'No step written on the board.',
    action: 'Action',
    owner: 'Owner',
    due: 'Due',
    status: 'Status',
    serves: 'Implements',
    overdue: 'overdue',
    roadmapProgress: (done, total, overdue) => `${done} / ${total} done${overdue > 0 ? `, ${overdue} overdue` : ''}.`,
    others: 'Other items on the board',
    frame: 'Frame',
    untitled: '(untitled)',
    none: 'Nothing.',
    id: 'Id',
    title: 'Title',
    links: 'Links',
  },
}
