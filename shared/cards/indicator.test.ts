import { describe, expect, it } from 'vitest'
import { INDICATOR_FIELDS, defaultIndicatorProps, indicatorPropsSchema } from './indicator'

function issues(props: unknown): string[] {
  const result = indicatorPropsSchema.safeParse(props)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}

describe('indicator card props', () => {
  it('accepts its defaults and a filled-in indicator with free-text figures', () => {
    expect(issues(defaultIndicatorProps())).toEqual([])
    expect(
      issues({
        ...defaultIndicatorProps(),
        name: 'Communes équipées',
        unit: 'communes',
        baseline: '≈ 12',
        target: '60 %',
        deadline: 'fin 2027',
        source: 'Enquête annuelle',
      }),
    ).toEqual([])
  })

  it('says which field is wrong and why', () => {
    expect(issues({ ...defaultIndicatorProps(), baseline: 12 })).toEqual(['baseline must be text'])
    expect(issues({ ...defaultIndicatorProps(), unit: 'u'.repeat(201) })).toEqual([
      'unit is longer than 200 characters',
    ])
    expect(issues({ ...defaultIndicatorProps(), w: -1, target: null })).toEqual([
      'w must be a positive number',
      'target must be text',
    ])
  })

  it('uses the glossary words référence and cible', () => {
    expect(INDICATOR_FIELDS.baseline.label).toEqual({ fr: 'Référence', en: 'Baseline' })
    expect(INDICATOR_FIELDS.target.label).toEqual({ fr: 'Cible', en: 'Target' })
  })
})
