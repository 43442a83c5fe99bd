import { describe, expect, it } from 'vitest'
import { LEVER_FIELDS, LEVER_KINDS, LEVER_KIND_OPTIONS, defaultLeverProps, leverPropsSchema } from './lever'

function issues(props: unknown): string[] {
  const result = leverPropsSchema.safeParse(props)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}

describe('lever card props', () => {
  it('accepts its defaults and a filled-in lever', () => {
    expect(issues(defaultLeverProps())).toEqual([])
    expect(
      issues({
        ...defaultLeverProps(),
        title: 'Clause numérique responsable',
        sphere: 'commande',
        kind: 'procurement',
        description: 'Dans les marchés publics',
        horizon: '2027',
      }),
    ).toEqual([])
  })

  it('says which field is wrong and why', () => {
    expect(issues({ ...defaultLeverProps(), kind: 'law' })).toEqual([
      `kind must be one of ${LEVER_KINDS.join(', ')} or empty`,
    ])
    expect(issues({ ...defaultLeverProps(), title: 'x'.repeat(501) })).toEqual(['title is longer than 500 characters'])
    expect(issues({ ...defaultLeverProps(), description: 'x'.repeat(4_001) })).toEqual([
      'description is longer than 4000 characters',
    ])
    expect(issues({ ...defaultLeverProps(), horizon: 2030 })).toEqual(['horizon must be text'])
    expect(issues({ ...defaultLeverProps(), title: undefined })).toEqual(['title is required'])
  })

  it('labels every kind in both languages, procurement as « Achat public »', () => {
    expect(LEVER_KIND_OPTIONS.map((o) => o.value)).toEqual([...LEVER_KINDS])
    expect(LEVER_KIND_OPTIONS.find((o) => o.value === 'procurement')?.label.fr).toBe('Achat public')
    expect(Object.keys(LEVER_FIELDS)).toEqual(['title', 'sphere', 'kind', 'description', 'horizon'])
  })
})
