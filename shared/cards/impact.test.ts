import { describe, expect, it } from 'vitest'
import { IMPACT_FIELDS, defaultImpactProps, impactPropsSchema } from './impact'

function issues(props: unknown): string[] {
  const result = impactPropsSchema.safeParse(props)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}

describe('impact card props', () => {
  it('accepts its defaults, a subset of axes, and all seven', () => {
    expect(issues(defaultImpactProps())).toEqual([])
    expect(
      issues({
        ...defaultImpactProps(),
        statement: 'Chaque habitant accède à un service',
        horizon: '2030',
        qualities: ['inclusif', 'frugal'],
      }),
    ).toEqual([])
    expect(
      issues({
        ...defaultImpactProps(),
        qualities: ['capacitant', 'inclusif', 'frugal', 'innovant', 'democratique', 'protecteur', 'equitable'],
      }),
    ).toEqual([])
  })

  it('rejects unknown axes, repeated axes and non-lists, saying why', () => {
    expect(issues({ ...defaultImpactProps(), qualities: ['inclusif', 'rapide'] })).toEqual([
      'qualities must contain only compass axes (capacitant, inclusif, frugal, innovant, democratique, protecteur, equitable)',
    ])
    expect(issues({ ...defaultImpactProps(), qualities: ['frugal', 'frugal'] })).toEqual([
      'qualities must not repeat an axis',
    ])
    expect(issues({ ...defaultImpactProps(), qualities: 'frugal' })).toEqual(['qualities must be a list'])
    expect(issues({ ...defaultImpactProps(), statement: 's'.repeat(501) })).toEqual([
      'statement is longer than 500 characters',
    ])
  })

  it('labels its fields in both languages', () => {
    expect(IMPACT_FIELDS.statement.label).toEqual({ fr: 'Énoncé', en: 'Statement' })
    expect(Object.keys(IMPACT_FIELDS)).toEqual(['statement', 'horizon', 'qualities'])
  })
})
