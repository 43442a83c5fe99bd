import { describe, expect, it } from 'vitest'
import { countByStatus, groupPanorama, NO_THEME, summarizeCoalition } from './panorama'
import { COALITION_STATUSES } from './space'
import { actors, coalition, DAY, means, outcome, round, space, T0 } from './testSpace'

const themes = space().themes
const options = { themes, locale: 'fr' as const, noThemeLabel: 'Sans thème' }

const items = [
  coalition({
    id: 'aaaaaaaaaaaa',
    title: 'Pour l’équité scolaire',
    themeId: 'inclusion',
    cohort: 'pilote',
    status: 'active',
  }),
  coalition({
    id: 'bbbbbbbbbbbb',
    title: 'Pour des données environnementales',
    themeId: 'environnement',
    cohort: 'pilote',
    status: 'amorcee',
  }),
  coalition({
    id: 'cccccccccccc',
    title: 'Pour des civic tech',
    themeId: 'democratie',
    cohort: 'promo-1',
    status: 'en-projet',
  }),
  coalition({
    id: 'dddddddddddd',
    title: 'Communs de la connaissance',
    themeId: null,
    cohort: 'stock',
    status: 'idee',
  }),
  coalition({
    id: 'eeeeeeeeeeee',
    title: 'Pour la réparabilité',
    themeId: 'ancien-theme',
    cohort: 'stock',
    status: 'idee',
  }),
  coalition({
    id: 'ffffffffffff',
    title: 'Achat public responsable',
    themeId: 'environnement',
    cohort: 'promo-2',
    status: 'en-pause',
  }),
]
const titles = (group: { items: { title: string }[] }) => group.items.map((item) => item.title)

describe('groupPanorama', () => {
  it('groups by cohort in the programme order, keeping empty cohorts as drop targets', () => {
    const groups = groupPanorama(
      items.filter((c) => c.cohort !== 'promo-2'),
      { ...options, by: 'cohort' },
    )
    expect(groups.map((g) => [g.key, g.label])).toEqual([
      ['pilote', 'Pilote'],
      ['promo-1', 'Promo 1'],
      ['promo-2', 'Promo 2'],
      ['stock', 'Stock à activer'],
    ])
    expect(titles(groups[0])).toEqual(['Pour des données environnementales', 'Pour l’équité scolaire'])
    expect(groups[2].items).toEqual([])
    expect(titles(groups[3])).toEqual(['Communs de la connaissance', 'Pour la réparabilité'])
  })

  it('groups by theme in the space order, with a no-theme group for missing or removed themes', () => {
    const groups = groupPanorama(items, { ...options, by: 'theme' })
    expect(groups.map((g) => g.key)).toEqual(['environnement', 'democratie', 'inclusion', NO_THEME])
    expect(titles(groups[0])).toEqual(['Achat public responsable', 'Pour des données environnementales'])
    expect(groups[3].label).toBe('Sans thème')
    expect(titles(groups[3])).toEqual(['Communs de la connaissance', 'Pour la réparabilité'])
  })

  it('keeps an empty theme but adds no no-theme group when every coalition has a known theme', () => {
    const groups = groupPanorama(items.slice(0, 2), { ...options, by: 'theme' })
    expect(groups.map((g) => [g.key, g.items.length])).toEqual([
      ['environnement', 1],
      ['democratie', 0],
      ['inclusion', 1],
    ])
  })

  it('filters by status, an empty filter showing everything', () => {
    const active = groupPanorama(items, { ...options, by: 'cohort', statuses: ['idee', 'en-pause'] })
    expect(active.flatMap(titles)).toEqual([
      'Achat public responsable',
      'Communs de la connaissance',
      'Pour la réparabilité',
    ])
    expect(groupPanorama(items, { ...options, by: 'cohort', statuses: [] }).flatMap(titles)).toHaveLength(items.length)
  })

  it('does not depend on the order coalitions come in', () => {
    const forward = groupPanorama(items, { ...options, by: 'theme' })
    const backward = groupPanorama([...items].reverse(), { ...options, by: 'theme' })
    expect(backward).toEqual(forward)
  })

  it('sorts French titles the French way (accents and case ignored) and ties by id', () => {
    const twins = [
      coalition({ id: 'zzzzzzzzzzzz', title: 'Équité', cohort: 'pilote' }),
      coalition({ id: 'yyyyyyyyyyyy', title: 'eco', cohort: 'pilote' }),
      coalition({ id: 'xxxxxxxxxxxx', title: 'Équité', cohort: 'pilote' }),
    ]
    expect(groupPanorama(twins, { ...options, by: 'cohort' })[0].items.map((c) => c.id)).toEqual([
      'yyyyyyyyyyyy',
      'xxxxxxxxxxxx',
      'zzzzzzzzzzzz',
    ])
  })

  it('counts coalitions per status, every status present', () => {
    expect(countByStatus(items, COALITION_STATUSES)).toEqual({
      idee: 2,
      'en-projet': 1,
      amorcee: 1,
      active: 1,
      'en-pause': 1,
      essaimee: 0,
    })
  })
})

describe('summarizeCoalition', () => {
  it('is empty without workshops', () => {
    expect(summarizeCoalition([], '2027-01-01')).toEqual({
      compass: null,
      actorsEngaged: 0,
      actorsTotal: 0,
      nextSteps: [],
      latest: null,
      roadmap: { actions: [], progress: { total: 0, done: 0, overdue: 0, nextDue: null } },
    })
  })

  it('takes the last revealed round of the latest workshop that scored, and counts core and first circle as engaged', () => {
    const first = outcome('w1', T0, {
      compass: [round('Situation actuelle', means(1)), round('Visée', means(3))],
      actors: actors(['Ville', 'noyau'], ['Asso', 'premier-cercle'], ['Labo', 'informe'], ['Entreprise', 'a-associer']),
      nextSteps: ['Atelier de suivi'],
    })
    const second = outcome('w2', T0 + 30 * DAY, { compass: [round('Situation actuelle', means(2))] })
    // Arrives first but is the oldest: order of the list must not matter.
    const summary = summarizeCoalition([second, first])
    expect(summary.compass).toMatchObject({ workshopId: 'w2', label: 'Situation actuelle', means: means(2) })
    expect(summary.actorsEngaged).toBe(2)
    expect(summary.actorsTotal).toBe(4)
    expect(summary.nextSteps).toEqual(['Atelier de suivi'])
    expect(summary.latest?.workshopId).toBe('w2')
  })

  it('skips a round where nobody gave a number and unplaced actors', () => {
    const only = outcome('w1', T0, {
      compass: [round('Situation actuelle', means(2)), round('Visée', means(null))],
      actors: actors(['Ville', null], ['Asso', 'noyau']),
    })
    const summary = summarizeCoalition([only])
    expect(summary.compass?.label).toBe('Situation actuelle')
    expect(summary.actorsEngaged).toBe(1)
    expect(summary.actorsTotal).toBe(2)
  })
})
