import { describe, expect, it } from 'vitest'
import { CARD_TYPES, defaultCardProps } from '../../../shared/cards'
import { cardSummaryLines } from './cardSummary'

describe('cardSummaryLines', () => {
  it('gives two lines for every type, even empty ones, so the height never depends on fields', () => {
    for (const type of CARD_TYPES) {
      expect(cardSummaryLines(type, defaultCardProps(type), 'fr')).toHaveLength(2)
    }
  })

  it('shows an actor’s kind, sphere, circle, power and interest in the locale', () => {
    const props = {
      ...defaultCardProps('actor'),
      kind: 'company',
      sphere: 'usages',
      circle: 'noyau',
      power: 5,
      interest: 2,
    }
    expect(cardSummaryLines('actor', props, 'fr')).toEqual(['Entreprise · Usages · Noyau', 'Pouvoir 5/5 · Intérêt 2/5'])
    expect(cardSummaryLines('actor', props, 'en')).toEqual(['Company · Use · Core', 'Power 5/5 · Interest 2/5'])
  })

  it('shows an indicator’s baseline → target with its unit, and its deadline', () => {
    const props = { ...defaultCardProps('indicator'), baseline: '12', target: '40', unit: 'communes', deadline: '2027' }
    expect(cardSummaryLines('indicator', props, 'fr')).toEqual(['12 → 40 communes', 'Échéance 2027'])
    expect(cardSummaryLines('indicator', { ...props, baseline: '', deadline: '' }, 'en')).toEqual([
      '? → 40 communes',
      '',
    ])
  })

  it('shows a lever’s kind and sphere, and an impact’s horizon and qualities', () => {
    expect(
      cardSummaryLines(
        'lever',
        { ...defaultCardProps('lever'), kind: 'procurement', sphere: 'commande', horizon: '2030' },
        'fr',
      ),
    ).toEqual(['Achat public · Commande', 'Horizon 2030'])
    expect(
      cardSummaryLines('impact', { ...defaultCardProps('impact'), qualities: ['frugal', 'inclusif'] }, 'fr'),
    ).toEqual(['', 'Frugal, Inclusif'])
  })
})
