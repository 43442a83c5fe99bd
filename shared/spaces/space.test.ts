import { describe, expect, it } from 'vitest'
import {
  createCoalitionSchema,
  createSpaceSchema,
  currentDecision,
  decisionHistory,
  decisionInputSchema,
  patchCoalitionSchema,
  patchSpaceSchema,
  spaceLink,
  type Decision,
} from './space'
import { defaultThemes, resolveThemes, themeSlug } from './themes'

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  result.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? []

describe('space and coalition bodies', () => {
  it('accepts a space with a title and trims it; refuses unknown fields and empty titles', () => {
    expect(createSpaceSchema.parse({ title: '  Saison 2026 ' })).toEqual({ title: 'Saison 2026' })
    expect(issues(createSpaceSchema.safeParse({ title: ' ' }))).toEqual(['title: title is required'])
    expect(createSpaceSchema.safeParse({ title: 'x', admin: true }).success).toBe(false)
    expect(issues(patchSpaceSchema.safeParse({}))).toEqual([': nothing to change'])
  })

  it('refuses duplicate theme ids and too many themes', () => {
    expect(
      issues(
        patchSpaceSchema.safeParse({
          themes: [
            { id: 'a', label: 'A' },
            { id: 'a', label: 'B' },
          ],
        }),
      ),
    ).toEqual(['themes: theme ids must be unique'])
    const many = Array.from({ length: 21 }, (_, i) => ({ label: `Thème ${i}` }))
    expect(issues(patchSpaceSchema.safeParse({ themes: many }))).toEqual(['themes: at most 20 themes'])
  })

  it('names the field and the allowed values of a bad coalition', () => {
    expect(issues(createCoalitionSchema.safeParse({ title: 'Pour x', cohort: 'promo-3', status: 'finie' }))).toEqual([
      'cohort: cohort must be one of pilote, promo-1, promo-2, stock',
      'status: status must be one of idee, en-projet, amorcee, active, en-pause, essaimee',
    ])
    expect(issues(createCoalitionSchema.safeParse({ title: 'Pour x', needs: [''] }))).toEqual([
      'needs.0: needs is required',
    ])
    expect(issues(patchCoalitionSchema.safeParse({}))).toEqual([': nothing to change'])
  })

  it('drops duplicate needs and co-leads', () => {
    expect(
      createCoalitionSchema.parse({
        title: 'Pour x',
        needs: ['Financement', ' Financement '],
        coLeads: ['A', 'B', 'A'],
      }),
    ).toMatchObject({
      needs: ['Financement'],
      coLeads: ['A', 'B'],
    })
  })

  it('accepts real days only as decision dates', () => {
    expect(decisionInputSchema.parse({ decision: 'activer', date: '2026-02-28' })).toEqual({
      decision: 'activer',
      date: '2026-02-28',
      reason: '',
    })
    expect(issues(decisionInputSchema.safeParse({ decision: 'activer', date: '2026-02-30' }))).toEqual([
      'date: date is not a real day',
    ])
    expect(issues(decisionInputSchema.safeParse({ decision: 'oui', date: '12/03/2026' }))).toEqual([
      'decision: decision must be one of activer, ne-pas-activer, reporter',
      'date: date must be YYYY-MM-DD',
    ])
  })

  it('puts the token of a space link in the fragment', () => {
    expect(spaceLink('https://board.example.org/', 'S'.repeat(22), 't'.repeat(43))).toBe(
      `https://board.example.org/s/${'S'.repeat(22)}#token=${'t'.repeat(43)}`,
    )
  })
})

describe('decisions', () => {
  const decision = (id: string, date: string, recordedAt: number): Decision => ({
    id,
    decision: 'reporter',
    date,
    reason: '',
    recordedAt,
  })

  it('the decision in force is the latest by day, then by recording; a back-dated entry does not replace it', () => {
    const history = [
      decision('d1', '2026-03-01', 10),
      decision('d2', '2026-05-01', 20),
      decision('d3', '2026-04-01', 30),
      decision('d4', '2026-05-01', 40),
    ]
    expect(currentDecision(history)?.id).toBe('d4')
    expect(currentDecision(history.slice(0, 3))?.id).toBe('d2')
    expect(currentDecision([])).toBeNull()
    expect(decisionHistory(history).map((d) => d.id)).toEqual(['d4', 'd2', 'd3', 'd1'])
  })
})

describe('themes', () => {
  it('starts from the deck’s three themes in the space language', () => {
    expect(defaultThemes('fr').map((t) => t.label)).toEqual([
      'Environnement',
      'Démocratie, éthique et libertés',
      'Inclusion, capacitation, éducation',
    ])
    expect(defaultThemes('en').map((t) => t.id)).toEqual(defaultThemes('fr').map((t) => t.id))
  })

  it('gives new themes an id from their label, unique in the list, and says which ids were removed', () => {
    expect(themeSlug('  Santé & soin !')).toBe('sante-soin')
    expect(themeSlug('…')).toBe('theme')
    const previous = defaultThemes('fr')
    const { themes, removed } = resolveThemes(
      [{ id: 'environnement', label: 'Écologie' }, { label: 'Santé' }, { label: 'santé' }, { label: 'Environnement' }],
      previous,
    )
    expect(themes).toEqual([
      { id: 'environnement', label: 'Écologie' },
      { id: 'sante', label: 'Santé' },
      { id: 'sante-2', label: 'santé' },
      { id: 'environnement-2', label: 'Environnement' },
    ])
    expect(removed).toEqual(['democratie', 'inclusion'])
  })
})
