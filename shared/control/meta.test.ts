import { describe, expect, it } from 'vitest'
import { metaSection, type MetaState } from './meta'
import { ctxFor, run, runError, runInvalid, runOk } from './testkit'

const seeded: MetaState = { title: 'Pour des cantines durables', coalition: 'Alimentation' }

describe('meta section', () => {
  it('lets a facilitator rename the title, the coalition or both', () => {
    const ctx = ctxFor('facilitator', 'f1')
    expect(runOk(metaSection, seeded, { type: 'meta.rename', title: 'Pour une mobilité douce' }, ctx)).toEqual({
      title: 'Pour une mobilité douce',
      coalition: 'Alimentation',
    })
    expect(runOk(metaSection, seeded, { type: 'meta.rename', coalition: 'Mobilité' }, ctx)).toEqual({
      title: 'Pour des cantines durables',
      coalition: 'Mobilité',
    })
    expect(runOk(metaSection, seeded, { type: 'meta.rename', title: '  T  ', coalition: '' }, ctx)).toEqual({
      title: 'T',
      coalition: '',
    })
  })

  it('refuses participants and viewers', () => {
    for (const role of ['participant', 'viewer'] as const) {
      expect(runError(metaSection, seeded, { type: 'meta.rename', title: 'x' }, ctxFor(role, 'm'))).toEqual({
        code: 'forbidden',
      })
    }
  })

  it('applies the creation rules to a rename', () => {
    const ctx = ctxFor('facilitator', 'f1')
    expect(runInvalid(metaSection, seeded, { type: 'meta.rename', title: '   ' }, ctx)).toBe('title is required')
    expect(runInvalid(metaSection, seeded, { type: 'meta.rename', title: 'x'.repeat(201) }, ctx)).toMatch(/200/)
    expect(run(metaSection, seeded, { type: 'meta.rename', title: 'x', extra: 1 }, ctx).ok).toBe(false)
    expect(runError(metaSection, seeded, { type: 'meta.rename' }, ctx)).toEqual({ code: 'nothing-to-rename' })
  })

  it('shows the title and coalition (the same for every role), and nothing private', () => {
    expect(metaSection.publicView(seeded)).toEqual(seeded)
    expect(metaSection.memberView()).toBeNull()
  })
})
