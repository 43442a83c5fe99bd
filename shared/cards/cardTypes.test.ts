import { describe, expect, it } from 'vitest'
import {
  CARD_FIELDS,
  CARD_LOOKS,
  CARD_TYPES,
  cardFieldEntries,
  cardPropsSchemas,
  cardTitle,
  cardTypeLabel,
  defaultCardProps,
  formatFieldValue,
  isCardType,
  mainTextField,
  validateCardProps,
  type CardType,
} from './cardTypes'
import { BORDER_STYLES } from './fields'
import { contrastRatio } from './testColors'

describe('card types', () => {
  it('are exactly the five tldraw shape types', () => {
    expect(CARD_TYPES).toEqual(['actor', 'lever', 'indicator', 'impact', 'action'])
    expect(Object.keys(cardPropsSchemas)).toEqual([...CARD_TYPES])
    expect(isCardType('actor')).toBe(true)
    expect(isCardType('note')).toBe(false)
  })

  it('validate their own defaults, with a geometry that tldraw accepts', () => {
    for (const type of CARD_TYPES) {
      const props = defaultCardProps(type)
      expect(validateCardProps(type, props)).toEqual({ ok: true, props })
      expect(props.w).toBeGreaterThan(0)
      expect(props.h).toBeGreaterThan(0)
    }
  })

  it('report every problem as a sentence naming the field, once each', () => {
    const result = validateCardProps('actor', {
      ...defaultCardProps('actor'),
      power: 9,
      interest: 9,
      name: 3,
      extra: true,
    })
    expect(result).toEqual({
      ok: false,
      issues: [
        'name must be text',
        'power must be between 1 and 5',
        'interest must be between 1 and 5',
        'unknown actor field: extra',
      ],
    })
    expect(validateCardProps('impact', { ...defaultCardProps('impact'), qualities: ['x', 'y'] })).toEqual({
      ok: false,
      issues: [
        'qualities must contain only compass axes (capacitant, inclusif, frugal, innovant, democratique, protecteur, equitable)',
      ],
    })
    expect(validateCardProps('lever', null)).toEqual({ ok: false, issues: ['lever props must be an object'] })
    expect(validateCardProps('sticky' as CardType, {})).toEqual({ ok: false, issues: ['unknown card type sticky'] })
  })

  it('name their main text field, and read it trimmed', () => {
    expect(CARD_TYPES.map((type) => mainTextField(type))).toEqual(['name', 'title', 'name', 'statement', 'what'])
    for (const type of CARD_TYPES) expect(Object.keys(CARD_FIELDS[type])[0]).toBe(mainTextField(type))
    expect(cardTitle('lever', { ...defaultCardProps('lever'), title: '  Open data  ' })).toBe('Open data')
  })

  it('have readable colours: AA text contrast, borders visible on white', () => {
    for (const type of CARD_TYPES) {
      const look = CARD_LOOKS[type]
      expect(contrastRatio(look.text, look.fill), `${type} text on fill`).toBeGreaterThanOrEqual(4.5)
      expect(contrastRatio(look.border, '#ffffff'), `${type} border on white`).toBeGreaterThanOrEqual(3)
      expect(contrastRatio(look.border, look.fill), `${type} border on fill`).toBeGreaterThanOrEqual(3)
    }
    expect(new Set(CARD_TYPES.map((type) => CARD_LOOKS[type].fill)).size).toBe(5)
  })

  it('stay distinguishable in black-and-white print: one border style each', () => {
    expect(CARD_TYPES.map((type) => CARD_LOOKS[type].borderStyle).sort()).toEqual([...BORDER_STYLES].sort())
  })

  it('carry an SVG path icon and their FR/EN type label', () => {
    for (const type of CARD_TYPES) expect(CARD_LOOKS[type].icon).toMatch(/^M[-0-9.,\sMmLlHhVvCcSsQqTtAaZz]+$/)
    expect(CARD_TYPES.map((type) => cardTypeLabel(type, 'fr'))).toEqual([
      'Acteur',
      'Levier',
      'Indicateur',
      'Impact',
      'Action',
    ])
    expect(CARD_TYPES.map((type) => cardTypeLabel(type, 'en'))).toEqual([
      'Actor',
      'Lever',
      'Indicator',
      'Impact',
      'Action',
    ])
  })
})

describe('card fields as text', () => {
  it('label choices, levels and axes in the locale', () => {
    const actor = {
      ...defaultCardProps('actor'),
      name: 'Ville de Lyon',
      kind: 'public-body',
      sphere: 'commande',
      circle: 'premier-cercle',
      power: 4,
    }
    expect(cardFieldEntries('actor', actor, 'fr').map((entry) => [entry.label, entry.text])).toEqual([
      ['Nom', 'Ville de Lyon'],
      ['Type', 'Acteur public'],
      ['Sphère', 'Commande'],
      ['Cercle', 'Premier cercle'],
      ['Pouvoir', '4/5'],
      ['Intérêt', '3/5'],
      ['Notes', ''],
    ])
    expect(formatFieldValue('impact', 'qualities', ['democratique', 'equitable'], 'fr')).toBe('Démocratique, Équitable')
    expect(formatFieldValue('lever', 'kind', 'procurement', 'en')).toBe('Public procurement')
  })

  it('read odd or old props without failing', () => {
    const entries = cardFieldEntries('lever', { title: 'T', kind: 'retired-kind' }, 'en')
    expect(entries.find((entry) => entry.field === 'kind')?.text).toBe('retired-kind')
    expect(entries.find((entry) => entry.field === 'horizon')?.text).toBe('')
    expect(formatFieldValue('impact', 'qualities', 'frugal', 'fr')).toBe('')
  })
})
