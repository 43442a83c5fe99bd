import { describe, expect, it } from 'vitest'
import { defaultCardProps, type CardPropsByType, type CardType } from '../cards/cardTypes'
import { actorsGridFrameId } from '../templates/actorsMap'
import { phaseFrameId } from '../templates/phases'
import { plainRichText } from '../templates/records'
import { buildTemplateRecords } from '../templates/templates'
import { buildOutline } from './outline'
import { arrowBinding, shapeRecord } from '../testRecords'

function shape(id: string, type: string, parentId: string, x: number, y: number, props: object) {
  return shapeRecord(`shape:${id}`, type, { parentId, x, y }, props)
}

function card<T extends CardType>(
  id: string,
  type: T,
  at: { parentId?: string; x?: number; y?: number },
  props: Partial<CardPropsByType[T]>,
) {
  return shape(id, type, at.parentId ?? 'page:page', at.x ?? 0, at.y ?? 0, { ...defaultCardProps(type), ...props })
}

function arrow(id: string, from: string, to: string) {
  return [
    shape(id, 'arrow', 'page:page', 0, 0, {}),
    arrowBinding(id, 'start', `shape:${from}`),
    arrowBinding(id, 'end', `shape:${to}`),
  ]
}

// A full-workshop board with cards in nested frames, loose cards, links and a note.
const template = buildTemplateRecords('full-workshop', 'en')
const grid = actorsGridFrameId('full-workshop-')
const impactsPhase = phaseFrameId('horizon-impacts')
const board = [
  ...template,
  card(
    'region',
    'actor',
    { parentId: grid, x: 900, y: 100 },
    { name: 'Région Bretagne', kind: 'public-body', power: 5, interest: 4 },
  ),
  card('coop', 'actor', { parentId: grid, x: 100, y: 700 }, { name: 'Coop numérique', kind: 'association' }),
  card('opendata', 'lever', { x: -900, y: 0 }, { title: 'Open data', kind: 'data', sphere: 'commande' }),
  card(
    'access',
    'impact',
    { parentId: 'shape:full-workshop-lane-impacts', x: 50, y: 300 },
    { statement: 'Everyone can reach a service', qualities: ['inclusif'] },
  ),
  card(
    'towns',
    'indicator',
    { parentId: impactsPhase, x: 2000, y: 1250 },
    { name: 'Towns equipped', unit: 'towns', target: '60' },
  ),
  card('blank', 'impact', { x: -900, y: 400 }, {}),
  shape('note', 'note', 'page:page', -900, 800, { richText: plainRichText('Ask the\nministry') }),
  ...arrow('a1', 'region', 'opendata'),
  ...arrow('a2', 'opendata', 'access'),
  ...arrow('a3', 'towns', 'access'),
  ...arrow('a4', 'coop', 'note'),
]

describe('buildOutline by type', () => {
  const outline = buildOutline(board, 'en')

  it('groups every card by type, in type order then reading order', () => {
    expect(outline.cardCount).toBe(6)
    expect(outline.byType.map((group) => [group.label, group.cards.map((c) => c.title)])).toEqual([
      ['Actors', ['Région Bretagne', 'Coop numérique']],
      ['Levers', ['Open data']],
      ['Indicators', ['Towns equipped']],
      ['Impacts', ['(untitled)', 'Everyone can reach a service']],
    ])
  })

  it('lists each card’s fields with labels and values in the locale', () => {
    const region = outline.byType[0].cards[0]
    expect(region.typeLabel).toBe('Actor')
    expect(region.fields.map((f) => `${f.label}=${f.text}`)).toEqual([
      'Name=Région Bretagne',
      'Kind=Public body',
      'Sphere=',
      'Circle=',
      'Power=5/5',
      'Interest=4/5',
      'Notes=',
    ])
    expect(buildOutline(board, 'fr').byType[0].cards[0].fields[1]).toMatchObject({
      label: 'Type',
      text: 'Acteur public',
      value: 'public-body',
    })
  })

  it('shows links from both ends with their meaning', () => {
    const find = (title: string) => outline.byType.flatMap((g) => g.cards).find((c) => c.title === title)!
    expect(find('Région Bretagne').links.map((l) => l.text)).toEqual(['holds: Lever Open data'])
    expect(find('Open data').links.map((l) => l.text)).toEqual([
      'contributes to: Impact Everyone can reach a service',
      'held by: Actor Région Bretagne',
    ])
    expect(find('Everyone can reach a service').links.map((l) => l.text)).toEqual([
      'contributed to by: Lever Open data',
      'measured by: Indicator Towns equipped',
    ])
    expect(find('Coop numérique').links.map((l) => l.text)).toEqual(['relates to: Note Ask the ministry'])
    const fr = buildOutline(board, 'fr').byType[0].cards[0].links[0]
    expect(fr.text).toBe('détient\u00a0: Levier Open data')
    expect(outline.links).toHaveLength(4)
  })
})

describe('buildOutline by frame', () => {
  const outline = buildOutline(board, 'en')

  it('nests frames along the parent chain and keeps only frames holding cards', () => {
    const tree = outline.byFrame.frames.map((frame) => [
      frame.name,
      frame.groups.length,
      frame.frames.map((f) => f.name),
    ])
    expect(tree).toEqual([
      ['5. Horizon and impacts — 25 min', 1, ['Impacts']],
      ['6. Actors and levers — 35 min', 0, ['Power / interest grid']],
    ])
    const actorsPhase = outline.byFrame.frames[1]
    expect(actorsPhase.frames[0].groups[0].cards.map((c) => c.title)).toEqual(['Région Bretagne', 'Coop numérique'])
    expect(actorsPhase.frames[0].groups[0].cards[0].path).toEqual([
      '6. Actors and levers — 35 min',
      'Power / interest grid',
    ])
  })

  it('puts cards outside any frame apart, still grouped by type', () => {
    expect(outline.byFrame.loose.map((g) => [g.type, g.cards.map((c) => c.title)])).toEqual([
      ['lever', ['Open data']],
      ['impact', ['(untitled)']],
    ])
  })
})

describe('buildOutline on odd data', () => {
  it('reports invalid props instead of failing, and skips junk records', () => {
    const outline = buildOutline(
      [
        shape('bad', 'actor', 'page:page', 0, 0, { name: 'Old actor', power: 9, kind: 'guild' }),
        null,
        42,
        { typeName: 'shape' },
        { id: 'x', typeName: 'binding', type: 'arrow' },
      ],
      'en',
    )
    const [bad] = outline.byType[0].cards
    expect(bad.title).toBe('Old actor')
    expect(bad.issues).toContain('power must be between 1 and 5')
    expect(bad.fields.find((f) => f.field === 'kind')?.text).toBe('guild')
  })

  it('survives a parent cycle', () => {
    const outline = buildOutline(
      [
        shape('f1', 'frame', 'shape:f2', 0, 0, { name: 'A' }),
        shape('f2', 'frame', 'shape:f1', 0, 0, { name: 'B' }),
        card('c', 'lever', { parentId: 'shape:f1' }, { title: 'T' }),
      ],
      'fr',
    )
    expect(outline.byType[0].cards[0].path).toEqual(['B', 'A'])
    expect(outline.byFrame.frames.map((f) => f.name)).toEqual(['B'])
  })

  it('is empty for an empty board', () => {
    expect(buildOutline([], 'fr')).toEqual({
      locale: 'fr',
      byType: [],
      byFrame: { frames: [], loose: [] },
      links: [],
      cardCount: 0,
    })
  })
})
