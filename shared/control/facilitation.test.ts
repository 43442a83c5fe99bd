import { describe, expect, it } from 'vitest'
import { facilitationSection as section } from './facilitation'
import { ctxFor, run, runError, runInvalid, runOk } from './testkit'

const T0 = 1_700_000_000_000
const fac = ctxFor('facilitator', 'f1', T0)
const bounds = { x: 10, y: -20, w: 800, h: 600 }

describe('facilitation section', () => {
  it('follow-me sets and clears the follow target in the public view', () => {
    const s = runOk(section, section.initial(), { type: 'facilitation.follow', memberId: 'f1' }, fac)
    expect(section.publicView(s).followTarget).toBe('f1')
    const t = runOk(section, s, { type: 'facilitation.unfollow' }, fac)
    expect(section.publicView(t).followTarget).toBeNull()
  })

  it('each summon increments summonSeq so clients move once per summon', () => {
    const s0 = section.initial()
    expect(section.publicView(s0).summonSeq).toBe(0)
    const s1 = runOk(section, s0, { type: 'facilitation.summon', pageId: 'page:page', bounds }, fac)
    const s2 = runOk(
      section,
      s1,
      { type: 'facilitation.summon', pageId: 'page:page', bounds },
      ctxFor('facilitator', 'f2', T0 + 5),
    )
    expect(section.publicView(s1).summonSeq).toBe(1)
    expect(section.publicView(s2)).toMatchObject({
      summonSeq: 2,
      summon: { seq: 2, pageId: 'page:page', bounds, by: 'f2', at: T0 + 5 },
    })
  })

  it('refuses a summon to a page that does not exist, or a degenerate area', () => {
    const withPages = ctxFor('facilitator', 'f1', T0, (id) => id === 'page:page')
    expect(
      runError(section, section.initial(), { type: 'facilitation.summon', pageId: 'page:other', bounds }, withPages),
    ).toEqual({ code: 'unknown-page' })
    expect(
      runInvalid(section, section.initial(), { type: 'facilitation.summon', pageId: 'shape:x', bounds }, fac),
    ).toMatch(/page id/)
    expect(
      runInvalid(
        section,
        section.initial(),
        { type: 'facilitation.summon', pageId: 'page:page', bounds: { ...bounds, w: 0 } },
        fac,
      ),
    ).toMatch(/positive/)
    expect(
      runError(
        section,
        section.initial(),
        { type: 'facilitation.summon', pageId: 'page:page', bounds: { ...bounds, x: Infinity } },
        fac,
      ),
    ).toBeTruthy()
  })

  it('toggles anonymity', () => {
    const s = runOk(section, section.initial(), { type: 'facilitation.setAnonymous', anonymous: true }, fac)
    expect(section.publicView(s).anonymous).toBe(true)
    expect(
      section.publicView(runOk(section, s, { type: 'facilitation.setAnonymous', anonymous: false }, fac)).anonymous,
    ).toBe(false)
  })

  it('is for facilitators only', () => {
    for (const role of ['participant', 'viewer'] as const) {
      expect(
        run(section, section.initial(), { type: 'facilitation.follow', memberId: 'm1' }, ctxFor(role, 'm1')),
      ).toEqual({
        ok: false,
        code: 'forbidden',
      })
    }
  })

  it('never mutates its input', () => {
    let s = section.initial()
    for (const c of [
      { type: 'facilitation.follow', memberId: 'f1' },
      { type: 'facilitation.summon', pageId: 'page:page', bounds },
      { type: 'facilitation.summon', pageId: 'page:page', bounds },
      { type: 'facilitation.setAnonymous', anonymous: true },
      { type: 'facilitation.unfollow' },
    ]) {
      s = runOk(section, s, c, fac)
    }
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
    expect(s.summon?.seq).toBe(2)
  })
})
