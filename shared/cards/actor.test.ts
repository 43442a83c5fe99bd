import { describe, expect, it } from 'vitest'
import {
  ACTOR_CIRCLES,
  ACTOR_CIRCLE_OPTIONS,
  ACTOR_FIELDS,
  ACTOR_KINDS,
  ACTOR_KIND_OPTIONS,
  actorPropsSchema,
  defaultActorProps,
} from './actor'

function issues(props: unknown): string[] {
  const result = actorPropsSchema.safeParse(props)
  return result.success ? [] : result.error.issues.map((issue) => issue.message)
}

describe('actor card props', () => {
  it('accepts its defaults and a filled-in actor', () => {
    expect(issues(defaultActorProps())).toEqual([])
    expect(
      issues({
        ...defaultActorProps(),
        name: 'Région Bretagne',
        kind: 'public-body',
        sphere: 'commande',
        circle: 'noyau',
        power: 5,
        interest: 1,
        notes: 'Co-pilote',
      }),
    ).toEqual([])
  })

  it('says which field is wrong and why', () => {
    expect(issues({ ...defaultActorProps(), power: 6 })).toEqual(['power must be between 1 and 5'])
    expect(issues({ ...defaultActorProps(), interest: 0 })).toEqual(['interest must be between 1 and 5'])
    expect(issues({ ...defaultActorProps(), power: 2.5 })).toEqual(['power must be a whole number'])
    expect(issues({ ...defaultActorProps(), power: '3' })).toEqual(['power must be a number'])
    expect(issues({ ...defaultActorProps(), kind: 'ngo' })).toEqual([
      `kind must be one of ${ACTOR_KINDS.join(', ')} or empty`,
    ])
    expect(issues({ ...defaultActorProps(), circle: 'core' })).toEqual([
      `circle must be one of ${ACTOR_CIRCLES.join(', ')} or empty`,
    ])
    expect(issues({ ...defaultActorProps(), sphere: 'supply' })).toEqual([
      'sphere must be one of offre, commande, usages or empty',
    ])
  })

  it('bounds text length: 500 for the name, 4,000 for notes', () => {
    expect(issues({ ...defaultActorProps(), name: 'a'.repeat(500) })).toEqual([])
    expect(issues({ ...defaultActorProps(), name: 'a'.repeat(501) })).toEqual(['name is longer than 500 characters'])
    expect(issues({ ...defaultActorProps(), notes: 'a'.repeat(4_001) })).toEqual([
      'notes is longer than 4000 characters',
    ])
  })

  it('requires geometry and rejects unknown fields', () => {
    const { w: _w, ...withoutWidth } = defaultActorProps()
    expect(issues(withoutWidth)).toEqual(['w is required'])
    expect(issues({ ...defaultActorProps(), h: 0 })).toEqual(['h must be a positive number'])
    expect(issues({ ...defaultActorProps(), color: 'red' })).toEqual(['unknown actor field: color'])
  })

  it('labels every kind, circle and field in both languages', () => {
    expect(ACTOR_KIND_OPTIONS.map((o) => o.value)).toEqual([...ACTOR_KINDS])
    expect(ACTOR_CIRCLE_OPTIONS.map((o) => o.value)).toEqual([...ACTOR_CIRCLES])
    expect(ACTOR_CIRCLE_OPTIONS.find((o) => o.value === 'a-associer')?.label).toEqual({
      fr: 'À associer',
      en: 'To involve',
    })
    expect(Object.keys(ACTOR_FIELDS)).toEqual(['name', 'kind', 'sphere', 'circle', 'power', 'interest', 'notes'])
  })

  it('returns a fresh defaults object each time', () => {
    const a = defaultActorProps()
    a.name = 'changed'
    expect(defaultActorProps().name).toBe('')
  })
})
