import { defaultCardProps, type CardPropsByType, type CardType } from '../cards/cardTypes'
import { agendaSection } from '../control/agenda'
import { compassSection } from '../control/compass'
import { facilitationSection } from '../control/facilitation'
import type { ControlState } from '../control/index'
import { lockSection } from '../control/lock'
import { ctxFor, runOk } from '../control/testkit'
import { sheetSection } from '../control/sheet'
import { timerSection } from '../control/timer'
import { votesSection } from '../control/votes'
import { buildTemplateRecords, defaultPageRecord, phaseFrameId, plainRichText } from '../templates'
import type { WorkshopMeta } from '../workshop'
import { boardSchema } from '../tldrawSchema'
import type { ExportInput } from './model'
import { arrowBinding, shapeRecord, type ShapeAt } from '../testRecords'

/**
 * A realistic workshop for the export tests (used only by `*.test.ts`): a `full-workshop`
 * board in French with every card type, links, sticky notes and texts in the phase
 * frames, and a control state driven through the sections' own reducers like the server
 * does: two compass rounds (the first revealed), a revealed dot vote, agenda, timer, lock.
 */

export const T0 = 1_773_300_000_000 // 12 March 2026, 07:20 UTC
export const FRAME = {
  cadrage: phaseFrameId('cadrage'),
  diagnostic: phaseFrameId('diagnostic'),
  impacts: 'shape:full-workshop-lane-impacts',
  indicators: 'shape:full-workshop-lane-indicators',
  grid: 'shape:full-workshop-grid',
  leversCommande: 'shape:full-workshop-lane-levers-commande',
  roadmap: phaseFrameId('feuille-de-route'),
} as const

/** Where a shape of the workshop stands (every one at index `a5`). */
function at(parentId: string, x: number, y: number): ShapeAt {
  return { parentId, x, y, index: 'a5' }
}

export function card<T extends CardType>(
  id: string,
  type: T,
  parentId: string,
  x: number,
  y: number,
  props: Partial<CardPropsByType[T]>,
) {
  return shapeRecord(id, type, at(parentId, x, y), { ...defaultCardProps(type), ...props })
}

/** A rectangle as tldraw's geo tool makes it (valid for tldraw's validators and the server's guards). */
export function geo(id: string, options: { x?: number; y?: number; w?: number; h?: number; parentId?: string } = {}) {
  return {
    id,
    typeName: 'shape',
    type: 'geo',
    parentId: options.parentId ?? 'page:page',
    index: 'a1',
    x: options.x ?? 0,
    y: options.y ?? 0,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props: {
      w: options.w ?? 100,
      h: options.h ?? 100,
      geo: 'rectangle',
      dash: 'draw',
      growY: 0,
      url: '',
      scale: 1,
      flipX: false,
      flipY: false,
      color: 'black',
      labelColor: 'black',
      fill: 'none',
      size: 'm',
      font: 'draw',
      align: 'middle',
      verticalAlign: 'middle',
      richText: plainRichText(''),
    },
  } as const
}

export function note(id: string, parentId: string, x: number, y: number, text: string) {
  return shapeRecord(id, 'note', at(parentId, x, y), {
    color: 'yellow',
    labelColor: 'black',
    size: 'm',
    font: 'draw',
    fontSizeAdjustment: 1,
    align: 'middle',
    verticalAlign: 'middle',
    growY: 0,
    url: '',
    richText: plainRichText(text),
    scale: 1,
    textLastEditedBy: null,
  })
}

export function text(id: string, parentId: string, x: number, y: number, value: string) {
  return shapeRecord(id, 'text', at(parentId, x, y), {
    color: 'black',
    size: 'm',
    font: 'sans',
    textAlign: 'start',
    w: 600,
    richText: plainRichText(value),
    scale: 1,
    autoSize: false,
  })
}

/** tldraw's props of a plain unlabelled arrow, as the board writes one. */
export function arrowProps() {
  return {
    kind: 'arc',
    labelColor: 'black',
    color: 'black',
    fill: 'none',
    dash: 'draw',
    size: 'm',
    arrowheadStart: 'none',
    arrowheadEnd: 'arrow',
    font: 'draw',
    start: { x: 0, y: 0 },
    end: { x: 100, y: 0 },
    bend: 0,
    richText: plainRichText(''),
    labelPosition: 0.5,
    scale: 1,
    elbowMidPoint: 0.5,
  }
}

/** An arrow bound from one shape to another, with its two binding records. */
export function arrow(id: string, from: string, to: string) {
  return [
    shapeRecord(`shape:${id}`, 'arrow', at('page:page', 0, 0), arrowProps()),
    arrowBinding(id, 'start', from),
    arrowBinding(id, 'end', to),
  ]
}

export const META: WorkshopMeta = {
  id: 'AAAAAAAAAAAAAAAAAAAAAA',
  title: 'Mobilités partagées',
  coalition: 'Pour une mobilité partagée | inclusive',
  template: 'full-workshop',
  locale: 'fr',
  createdAt: T0 - 86_400_000,
}

export function workshopRecords(): object[] {
  return [
    { id: 'document:document', typeName: 'document', gridSize: 10, name: '', meta: {} },
    defaultPageRecord(),
    ...buildTemplateRecords('full-workshop', 'fr'),
    text(
      'shape:intention',
      FRAME.cadrage,
      40,
      300,
      'Pour une métropole où chacun se déplace sans voiture | horizon 2030',
    ),
    note('shape:diag-1', FRAME.diagnostic, 100, 300, 'Trop de voitures *en* centre-ville'),
    note('shape:loose', 'page:page', -500, -500, 'Idée : covoiturage\nentre communes'),
    card('shape:impact-air', 'impact', FRAME.impacts, 50, 50, {
      statement: 'Un air plus sain',
      horizon: '2030',
      qualities: ['protecteur', 'equitable'],
    }),
    card('shape:impact-access', 'impact', FRAME.impacts, 50, 300, {
      statement: 'Chacun accède à un mode partagé',
      horizon: '2028',
      qualities: ['inclusif'],
    }),
    card('shape:ind-no2', 'indicator', FRAME.indicators, 50, 50, {
      name: 'Concentration de NO₂',
      unit: 'µg/m³',
      baseline: '32',
      target: '20',
      deadline: '2030',
      source: 'Atmo, "station Part-Dieu"',
    }),
    card('shape:actor-lyon', 'actor', FRAME.grid, 1200, 100, {
      name: 'Collectivité de Lyon',
      kind: 'public-body',
      sphere: 'commande',
      circle: 'noyau',
      power: 5,
      interest: 5,
      notes: 'Porte la démarche,\npilote',
    }),
    card('shape:actor-velo', 'actor', FRAME.grid, 900, 600, {
      name: 'Association Vélo pour tous',
      kind: 'association',
      sphere: 'usages',
      circle: 'premier-cercle',
      power: 2,
      interest: 5,
    }),
    card('shape:actor-mobi', 'actor', FRAME.grid, 100, 100, {
      name: 'Mobi|Tech',
      kind: 'company',
      sphere: 'offre',
      circle: 'a-associer',
      power: 4,
      interest: 2,
    }),
    card('shape:lever-data', 'lever', FRAME.leversCommande, 50, 50, {
      title: 'Ouvrir les données de trafic',
      sphere: 'commande',
      kind: 'data',
      description: 'Open data, licence ouverte',
      horizon: '2027',
    }),
    card('shape:lever-buy', 'lever', FRAME.roadmap, 100, 300, {
      title: 'Achat groupé de vélos cargo',
      sphere: 'commande',
      kind: 'procurement',
      horizon: 'fin 2026',
    }),
    note('shape:next-1', FRAME.roadmap, 800, 300, 'Atelier de suivi en juin — porteur : Métropole'),
    ...arrow('a-holds', 'shape:actor-lyon', 'shape:lever-data'),
    ...arrow('a-contrib', 'shape:lever-data', 'shape:impact-air'),
    ...arrow('a-measures', 'shape:ind-no2', 'shape:impact-air'),
    ...arrow('a-buy', 'shape:lever-buy', 'shape:impact-access'),
    ...arrow('a-velo', 'shape:actor-velo', 'shape:lever-buy'),
  ]
}

const fac = ctxFor('facilitator', 'fac', T0)
const people = ['alice', 'bob', 'carol'].map((name) => ctxFor('participant', name, T0))

/** Scores of the first round: `equitable` split (flagged), `frugal` with one "not concerned". */
const ROUND_1 = [
  { capacitant: 2, inclusif: 1, frugal: 3, innovant: 2, democratique: 2, protecteur: 3, equitable: 0 },
  { capacitant: 2, inclusif: 2, frugal: 'nc', innovant: 3, democratique: 1, protecteur: 3, equitable: 3 },
  { capacitant: 3, inclusif: 1, frugal: 3, innovant: 2, democratique: 2, protecteur: 2, equitable: 1 },
] as const
const ROUND_2 = [
  { capacitant: 3, inclusif: 3, frugal: 4, innovant: 3, democratique: 3, protecteur: 4, equitable: 3 },
  { capacitant: 4, inclusif: 3, frugal: 3, innovant: 3, democratique: 3, protecteur: 4, equitable: 3 },
] as const

export function workshopControl(): ControlState {
  let compass = compassSection.initial()
  const scoreRound = (roundId: string, sheets: readonly Record<string, number | 'nc'>[]) => {
    sheets.forEach((sheet, i) => {
      for (const [axis, value] of Object.entries(sheet)) {
        const comment =
          roundId === 'compass-1' && axis === 'equitable' && i === 0
            ? 'Les coûts | pèsent sur les *plus* fragiles'
            : undefined
        compass = runOk(compassSection, compass, { type: 'compass.score', roundId, axis, value, comment }, people[i])
      }
    })
  }
  const facilitate = (command: { type: string; [field: string]: unknown }) => {
    compass = runOk(compassSection, compass, command, fac)
  }
  facilitate({ type: 'compass.openRound', label: 'Situation actuelle', subject: { kind: 'coalition' } })
  scoreRound('compass-1', ROUND_1)
  facilitate({ type: 'compass.close', roundId: 'compass-1' })
  facilitate({ type: 'compass.reveal', roundId: 'compass-1' })
  facilitate({ type: 'compass.openRound', label: 'Visée 2030', subject: { kind: 'coalition' } })
  scoreRound('compass-2', ROUND_2)

  let votes = votesSection.initial()
  votes = runOk(
    votesSection,
    votes,
    {
      type: 'votes.start',
      label: 'Priorités',
      cardIds: ['shape:lever-data', 'shape:lever-buy', 'shape:impact-air'],
      budget: 3,
    },
    fac,
  )
  const dots = [['shape:lever-data', 'shape:impact-air'], ['shape:lever-data', 'shape:lever-buy'], ['shape:lever-data']]
  dots.forEach((cards, i) => {
    for (const cardId of cards)
      votes = runOk(votesSection, votes, { type: 'votes.place', roundId: 'votes-1', cardId }, people[i])
  })
  votes = runOk(votesSection, votes, { type: 'votes.close', roundId: 'votes-1' }, fac)
  votes = runOk(votesSection, votes, { type: 'votes.reveal', roundId: 'votes-1' }, fac)

  const agenda = runOk(
    agendaSection,
    agendaSection.initial({ locale: 'fr', template: 'full-workshop' }),
    { type: 'agenda.setCurrent', id: 'feuille-de-route' },
    fac,
  )
  return {
    meta: { title: META.title, coalition: META.coalition },
    agenda,
    timer: runOk(timerSection, timerSection.initial(), { type: 'timer.start', durationMs: 600_000 }, fac),
    lock: runOk(lockSection, lockSection.initial(), { type: 'lock.lockRecords', ids: [FRAME.cadrage] }, fac),
    facilitation: runOk(
      facilitationSection,
      facilitationSection.initial(),
      { type: 'facilitation.setAnonymous', anonymous: true },
      fac,
    ),
    compass,
    votes,
    sheet: sheetSection.initial(),
  }
}

/** Reveals the second compass round, so the two rounds on the coalition compare. */
export function withBothRoundsRevealed(control: ControlState): ControlState {
  return {
    ...control,
    compass: runOk(compassSection, control.compass, { type: 'compass.reveal', roundId: 'compass-2' }, fac),
  }
}

export function workshopInput(overrides: Partial<ExportInput> = {}): ExportInput {
  return {
    meta: META,
    records: workshopRecords(),
    schema: boardSchema().serialize(),
    control: workshopControl(),
    participantCount: 4,
    exportedAt: T0,
    ...overrides,
  }
}
