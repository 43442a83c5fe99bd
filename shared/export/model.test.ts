import { describe, expect, it } from 'vitest'
import { compassSection } from '../control/compass'
import { ctxFor, runOk } from '../control/testkit'
import { votesSection } from '../control/votes'
import { buildMarkdown } from './markdown'
import { buildExport } from './model'
import { EXPORT_FORMAT, exportDocumentSchema } from './schema'
import {
  FRAME,
  T0,
  card,
  withBothRoundsRevealed,
  workshopControl,
  workshopInput,
  workshopRecords,
} from './testWorkshop'

const fac = ctxFor('facilitator', 'fac', T0)

describe('buildExport', () => {
  const doc = buildExport(workshopInput())

  it('follows its own public schema', () => {
    const parsed = exportDocumentSchema.safeParse(JSON.parse(JSON.stringify(doc)))
    expect(parsed.error?.issues ?? []).toEqual([])
    expect(doc.format).toBe(EXPORT_FORMAT)
  })

  it('dates in ISO and carries the workshop metadata and participant count', () => {
    expect(doc.exportedAt).toBe('2026-03-12T07:20:00.000Z')
    expect(doc.workshop).toEqual({
      title: 'Mobilités partagées',
      coalition: 'Pour une mobilité partagée | inclusive',
      locale: 'fr',
      template: 'full-workshop',
      createdAt: '2026-03-11T07:20:00.000Z',
      // A workshop that never chose one (created before time zones): Paris.
      timeZone: 'Europe/Paris',
    })
    expect(doc.participantCount).toBe(4)
  })

  it('carries the time zone the workshop chose, and dates its sheet in it', () => {
    const control = { ...workshopControl(), meta: { ...workshopControl().meta, timeZone: 'America/Montreal' } }
    const late = buildExport(workshopInput({ control, exportedAt: Date.parse('2026-03-13T02:00:00Z') }))
    expect(late.workshop.timeZone).toBe('America/Montreal')
    // 02:00 UTC on 13 March is still 12 March in Montréal (22:00), 13 March in Paris.
    expect(buildMarkdown(late)).toContain('12 mars 2026')
    expect(buildMarkdown(late)).not.toContain('13 mars 2026')
  })

  it('takes the live title from the control state after a rename', () => {
    const control = { ...workshopControl(), meta: { title: 'Mobilités 2030', coalition: '' } }
    expect(buildExport(workshopInput({ control })).workshop).toMatchObject({ title: 'Mobilités 2030', coalition: '' })
  })

  it('marks the current phase, and only it', () => {
    expect(doc.phases).toHaveLength(9)
    expect(doc.phases.filter((p) => p.current).map((p) => p.id)).toEqual(['feuille-de-route'])
    expect(doc.phases[1]).toMatchObject({ id: 'cadrage', name: 'Cadrage', frameId: FRAME.cadrage })
  })

  it('lists cards by type in reading order, with every field and the frames around them', () => {
    expect(doc.cards.actor.map((c) => c.title)).toEqual([
      'Mobi|Tech',
      'Collectivité de Lyon',
      'Association Vélo pour tous',
    ])
    expect(doc.cards.actor[1]).toEqual({
      id: 'shape:actor-lyon',
      title: 'Collectivité de Lyon',
      framePath: ['6. Acteurs et leviers — 35 min', 'Grille pouvoir / intérêt'],
      frameIds: ['shape:full-workshop-phase-acteurs-leviers', FRAME.grid],
      fields: {
        name: 'Collectivité de Lyon',
        kind: 'public-body',
        sphere: 'commande',
        circle: 'noyau',
        power: 5,
        interest: 5,
        notes: 'Porte la démarche,\npilote',
      },
    })
    expect(doc.cards.impact[0].fields).toEqual({
      statement: 'Un air plus sain',
      horizon: '2030',
      qualities: ['protecteur', 'equitable'],
    })
    expect(Object.keys(doc.cards.indicator[0].fields)).toEqual([
      'name',
      'unit',
      'baseline',
      'target',
      'deadline',
      'source',
    ])
    expect(doc.cards.lever.map((c) => c.id)).toEqual(['shape:lever-data', 'shape:lever-buy'])
  })

  it('keeps an odd card, with null for unreadable fields and the reasons', () => {
    const odd = { ...card('shape:odd', 'actor', 'page:page', 0, 0, {}), props: { name: 'Vieux', power: 9, kind: 7 } }
    const exported = buildExport(workshopInput({ records: [...workshopRecords(), odd] })).cards.actor.find(
      (c) => c.id === 'shape:odd',
    )
    expect(exported?.fields).toMatchObject({ name: 'Vieux', power: 9, kind: null, notes: null })
    expect(exported?.issues).toEqual(expect.arrayContaining(['power must be between 1 and 5', 'notes is required']))
  })

  it('lists links bound at both ends with their meaning', () => {
    expect(doc.links).toEqual([
      { arrowId: 'shape:a-buy', from: 'shape:lever-buy', to: 'shape:impact-access', kind: 'contributes-to' },
      { arrowId: 'shape:a-contrib', from: 'shape:lever-data', to: 'shape:impact-air', kind: 'contributes-to' },
      { arrowId: 'shape:a-holds', from: 'shape:actor-lyon', to: 'shape:lever-data', kind: 'holds' },
      { arrowId: 'shape:a-measures', from: 'shape:ind-no2', to: 'shape:impact-air', kind: 'measures' },
      { arrowId: 'shape:a-velo', from: 'shape:actor-velo', to: 'shape:lever-buy', kind: 'holds' },
    ])
  })

  it('gives revealed compass rounds their aggregates and authorless comments, hidden ones only a count', () => {
    const [current, aimed] = doc.compass.rounds
    expect(current).toMatchObject({ id: 'compass-1', status: 'closed', revealed: true, scoredCount: 3 })
    expect(current.axes?.equitable).toEqual({
      count: 3,
      ncCount: 0,
      mean: 4 / 3,
      median: 1,
      min: 0,
      max: 3,
      spread: 3,
      flagged: true,
    })
    expect(current.axes?.frugal).toMatchObject({ count: 3, ncCount: 1, mean: 3 })
    expect(current.comments).toEqual([{ axis: 'equitable', text: 'Les coûts | pèsent sur les *plus* fragiles' }])
    expect(aimed).toEqual({
      id: 'compass-2',
      label: 'Visée 2030',
      subject: { kind: 'coalition' },
      status: 'open',
      revealed: false,
      scoredCount: 2,
      axes: null,
      comments: null,
    })
    expect(JSON.stringify(doc.compass)).not.toContain('alice')
    expect(doc.compass.comparisons).toEqual([])
  })

  it('compares consecutive revealed rounds on the same subject', () => {
    let control = withBothRoundsRevealed(workshopControl())
    const compass = runOk(
      compassSection,
      control.compass,
      { type: 'compass.openRound', label: 'Impact air', subject: { kind: 'card', cardId: 'shape:impact-air' } },
      fac,
    )
    control = {
      ...control,
      compass: runOk(compassSection, compass, { type: 'compass.reveal', roundId: 'compass-3' }, fac),
    }
    const { comparisons } = buildExport(workshopInput({ control })).compass
    expect(comparisons).toHaveLength(1)
    expect(comparisons[0]).toMatchObject({
      subject: { kind: 'coalition' },
      fromRoundId: 'compass-1',
      toRoundId: 'compass-2',
    })
    expect(comparisons[0].deltas.capacitant).toBeCloseTo(3.5 - 7 / 3)
    expect(comparisons[0].deltas.equitable).toBeCloseTo(3 - 4 / 3)
  })

  it('ranks revealed vote tallies with card titles, and hides the tallies of hidden rounds', () => {
    expect(doc.votes.rounds[0]).toEqual({
      id: 'votes-1',
      label: 'Priorités',
      status: 'closed',
      revealed: true,
      budget: 3,
      voterCount: 3,
      tallies: [
        { cardId: 'shape:lever-data', cardType: 'lever', title: 'Ouvrir les données de trafic', dots: 3, rank: 1 },
        { cardId: 'shape:lever-buy', cardType: 'lever', title: 'Achat groupé de vélos cargo', dots: 1, rank: 2 },
        { cardId: 'shape:impact-air', cardType: 'impact', title: 'Un air plus sain', dots: 1, rank: 2 },
      ],
    })
    const control = workshopControl()
    const hidden = {
      ...control,
      votes: runOk(votesSection, control.votes, { type: 'votes.hide', roundId: 'votes-1' }, fac),
    }
    expect(buildExport(workshopInput({ control: hidden })).votes.rounds[0]).toMatchObject({
      revealed: false,
      voterCount: 3,
      tallies: null,
    })
  })

  it('collects other text on the board and tells template scaffolding from what people wrote', () => {
    const byId = new Map(doc.notes.map((n) => [n.id, n]))
    expect(byId.get('shape:intention')).toEqual({
      id: 'shape:intention',
      shapeType: 'text',
      text: 'Pour une métropole où chacun se déplace sans voiture | horizon 2030',
      framePath: ['2. Cadrage — 15 min'],
      frameIds: [FRAME.cadrage],
      fromTemplate: false,
    })
    expect(byId.get('shape:loose')).toMatchObject({
      shapeType: 'note',
      text: 'Idée : covoiturage\nentre communes',
      framePath: [],
    })
    expect(byId.get(FRAME.cadrage)).toMatchObject({
      shapeType: 'frame',
      text: '2. Cadrage — 15 min',
      fromTemplate: true,
    })
    expect(byId.get('shape:full-workshop-phase-cadrage-instructions')?.fromTemplate).toBe(true)
    expect(doc.notes.some((n) => n.id.startsWith('shape:a-') || n.id === 'shape:actor-lyon')).toBe(false)
    expect(doc.notes[0].id).toBe('shape:loose') // reading order: top-left first
  })

  it('counts a template text someone edited as theirs', () => {
    const records = workshopRecords().map((r) =>
      (r as { id: string }).id === FRAME.roadmap
        ? { ...r, props: { ...(r as { props: object }).props, name: 'Nos prochaines étapes' } }
        : r,
    )
    const note = buildExport(workshopInput({ records })).notes.find((n) => n.id === FRAME.roadmap)
    expect(note).toMatchObject({ text: 'Nos prochaines étapes', fromTemplate: false })
  })

  it('carries the full board snapshot sorted by id and the full control state', () => {
    const input = workshopInput()
    expect(doc.board.schema).toEqual(input.schema)
    expect(doc.board.records).toHaveLength(input.records.length)
    const ids = doc.board.records.map((r) => (r as { id: string }).id)
    expect(ids).toEqual([...ids].sort())
    expect(doc.control).toEqual(input.control)
    expect(doc.control.compass.rounds[1].scores.alice.capacitant).toEqual({ value: 3 })
    expect(buildExport(workshopInput({ schema: null })).board.schema).toBeNull()
  })

  it('does not depend on record order', () => {
    expect(buildExport(workshopInput({ records: [...workshopRecords()].reverse() }))).toEqual(doc)
  })
})
