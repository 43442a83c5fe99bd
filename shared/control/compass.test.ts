import { describe, expect, it } from 'vitest'
import { ROLES } from '../protocol'
import { AXES } from '../compass/axes'
import { compassSection as section, MAX_COMPASS_ROUNDS, type CompassState } from './compass'
import { ctxFor, run, runError, runInvalid, runOk } from './testkit'

const T0 = 1_700_000_000_000
const fac = ctxFor('facilitator', 'fac', T0)
const alice = ctxFor('participant', 'alice', T0)
const bob = ctxFor('participant', 'bob', T0)
const viewer = ctxFor('viewer', 'vic', T0)

function withRound(label = 'Situation actuelle'): CompassState {
  return runOk(section, section.initial(), { type: 'compass.openRound', label, subject: { kind: 'coalition' } }, fac)
}
const R = 'compass-1'

describe('compass rounds', () => {
  it('opens a round, open and hidden, stamped with the server time', () => {
    const s = withRound('  Visée 2030 ')
    expect(s.rounds).toEqual([
      {
        id: R,
        label: 'Visée 2030',
        subject: { kind: 'coalition' },
        open: true,
        revealed: false,
        createdAt: T0,
        scores: {},
      },
    ])
  })

  it('binds a round to a card, which must exist', () => {
    const ctx = ctxFor('facilitator', 'fac', T0, (id) => id === 'shape:impact1')
    const s = runOk(
      section,
      section.initial(),
      { type: 'compass.openRound', label: 'Impact', subject: { kind: 'card', cardId: 'shape:impact1' } },
      ctx,
    )
    expect(s.rounds[0].subject).toEqual({ kind: 'card', cardId: 'shape:impact1' })
    expect(
      runError(
        section,
        s,
        { type: 'compass.openRound', label: 'X', subject: { kind: 'card', cardId: 'shape:nope' } },
        ctx,
      ),
    ).toEqual({ code: 'unknown-card', params: { id: 'shape:nope' } })
  })

  it('reveals, hides, closes, reopens and deletes; never reuses a round id', () => {
    let s = withRound()
    s = runOk(section, s, { type: 'compass.reveal', roundId: R }, fac)
    expect(s.rounds[0].revealed).toBe(true)
    expect(runOk(section, s, { type: 'compass.reveal', roundId: R }, fac)).toEqual(s) // idempotent
    s = runOk(section, s, { type: 'compass.hide', roundId: R }, fac)
    s = runOk(section, s, { type: 'compass.close', roundId: R }, fac)
    expect(s.rounds[0]).toMatchObject({ open: false, revealed: false })
    s = runOk(section, s, { type: 'compass.reopen', roundId: R }, fac)
    expect(s.rounds[0].open).toBe(true)
    s = runOk(section, s, { type: 'compass.deleteRound', roundId: R }, fac)
    expect(s.rounds).toEqual([])
    s = runOk(section, s, { type: 'compass.openRound', label: 'Again', subject: { kind: 'coalition' } }, fac)
    expect(s.rounds[0].id).toBe('compass-2')
    expect(runError(section, s, { type: 'compass.reveal', roundId: R }, fac)).toEqual({ code: 'unknown-round' })
  })

  it('bounds the number of rounds and the label length', () => {
    let s = section.initial()
    for (let i = 0; i < MAX_COMPASS_ROUNDS; i++) {
      s = runOk(section, s, { type: 'compass.openRound', label: `R${i}`, subject: { kind: 'coalition' } }, fac)
    }
    expect(
      runError(section, s, { type: 'compass.openRound', label: 'one more', subject: { kind: 'coalition' } }, fac),
    ).toEqual({ code: 'too-many-rounds', params: { max: 50 } })
    expect(
      runInvalid(
        section,
        section.initial(),
        { type: 'compass.openRound', label: 'x'.repeat(201), subject: { kind: 'coalition' } },
        fac,
      ),
    ).toMatch(/longer than 200/)
    expect(
      runInvalid(
        section,
        section.initial(),
        { type: 'compass.openRound', label: '   ', subject: { kind: 'coalition' } },
        fac,
      ),
    ).toMatch(/required/)
  })

  it('lets only facilitators manage rounds', () => {
    for (const ctx of [alice, viewer]) {
      expect(run(section, withRound(), { type: 'compass.reveal', roundId: R }, ctx)).toEqual({
        ok: false,
        code: 'forbidden',
      })
    }
  })
})

describe('compass scores', () => {
  it('records the actor’s own score per axis, with an optional comment', () => {
    let s = runOk(
      section,
      withRound(),
      { type: 'compass.score', roundId: R, axis: 'frugal', value: 3, comment: ' sobre ' },
      alice,
    )
    s = runOk(section, s, { type: 'compass.score', roundId: R, axis: 'inclusif', value: 'nc' }, alice)
    s = runOk(section, s, { type: 'compass.score', roundId: R, axis: 'frugal', value: 1 }, bob)
    expect(section.memberView(s, 'alice')).toEqual({
      [R]: { frugal: { value: 3, comment: 'sobre' }, inclusif: { value: 'nc' } },
    })
    expect(section.memberView(s, 'bob')).toEqual({ [R]: { frugal: { value: 1 } } })
    expect(section.memberView(s, 'nobody')).toEqual({})
  })

  it('keeps a comment when only the value changes, removes it when blank', () => {
    let s = runOk(
      section,
      withRound(),
      { type: 'compass.score', roundId: R, axis: 'frugal', value: 3, comment: 'why' },
      alice,
    )
    s = runOk(section, s, { type: 'compass.score', roundId: R, axis: 'frugal', value: 2 }, alice)
    expect(section.memberView(s, 'alice')[R].frugal).toEqual({ value: 2, comment: 'why' })
    s = runOk(section, s, { type: 'compass.score', roundId: R, axis: 'frugal', value: 2, comment: '  ' }, alice)
    expect(section.memberView(s, 'alice')[R].frugal).toEqual({ value: 2 })
  })

  it('clears one axis or all of the actor’s scores, and nobody else’s', () => {
    let s = runOk(section, withRound(), { type: 'compass.score', roundId: R, axis: 'frugal', value: 3 }, alice)
    s = runOk(section, s, { type: 'compass.score', roundId: R, axis: 'equitable', value: 4 }, alice)
    s = runOk(section, s, { type: 'compass.score', roundId: R, axis: 'frugal', value: 0 }, bob)
    s = runOk(section, s, { type: 'compass.clearScore', roundId: R, axis: 'frugal' }, alice)
    expect(section.memberView(s, 'alice')[R]).toEqual({ equitable: { value: 4 } })
    s = runOk(section, s, { type: 'compass.clearScore', roundId: R }, alice)
    expect(section.memberView(s, 'alice')).toEqual({})
    expect(section.publicView(s, 'participant').rounds[0].scoredCount).toBe(1)
    expect(section.memberView(s, 'bob')[R]).toEqual({ frugal: { value: 0 } })
  })

  it('refuses scores on a closed or unknown round, bad axes, values and comments', () => {
    const closed = runOk(section, withRound(), { type: 'compass.close', roundId: R }, fac)
    expect(runError(section, closed, { type: 'compass.score', roundId: R, axis: 'frugal', value: 2 }, alice)).toEqual({
      code: 'round-closed',
    })
    expect(runError(section, closed, { type: 'compass.clearScore', roundId: R }, alice)).toEqual({
      code: 'round-closed',
    })
    expect(
      runError(section, withRound(), { type: 'compass.score', roundId: 'compass-9', axis: 'frugal', value: 2 }, alice),
    ).toEqual({ code: 'unknown-round' })
    expect(
      runInvalid(section, withRound(), { type: 'compass.score', roundId: R, axis: 'solide', value: 2 }, alice),
    ).toMatch(/axis must be one of capacitant/)
    for (const value of [5, -1, 2.5, '3', 'NC', null]) {
      expect(
        runInvalid(section, withRound(), { type: 'compass.score', roundId: R, axis: 'frugal', value }, alice),
      ).toBe('value must be 0, 1, 2, 3, 4 or "nc"')
    }
    expect(
      runInvalid(
        section,
        withRound(),
        { type: 'compass.score', roundId: R, axis: 'frugal', value: 2, comment: 'x'.repeat(501) },
        alice,
      ),
    ).toMatch(/longer than 500/)
  })

  it('lets facilitators and participants score, never viewers', () => {
    expect(
      runOk(section, withRound(), { type: 'compass.score', roundId: R, axis: 'frugal', value: 2 }, fac).rounds[0].scores
        .fac,
    ).toBeDefined()
    expect(run(section, withRound(), { type: 'compass.score', roundId: R, axis: 'frugal', value: 2 }, viewer)).toEqual({
      ok: false,
      code: 'forbidden',
    })
    // Even if a server forgot the role check, the reducer refuses a viewer.
    expect(section.apply(withRound(), { type: 'compass.score', roundId: R, axis: 'frugal', value: 2 }, viewer)).toEqual(
      {
        ok: false,
        code: 'viewer-cannot-score',
      },
    )
  })
})

describe('compass secrecy', () => {
  // Two workshops with the same people scoring, but different values and comments.
  function scored(values: [number, number], comments: [string, string]): CompassState {
    let s = withRound()
    s = runOk(
      section,
      s,
      { type: 'compass.score', roundId: R, axis: 'protecteur', value: values[0], comment: comments[0] },
      alice,
    )
    s = runOk(
      section,
      s,
      { type: 'compass.score', roundId: R, axis: 'protecteur', value: values[1], comment: comments[1] },
      bob,
    )
    return s
  }
  const a = scored([0, 1], ['SECRET-alice-aaa', 'SECRET-bob-aaa'])
  const b = scored([4, 3], ['SECRET-alice-bbb', 'SECRET-bob-bbb'])

  it('shows nothing of the scores before reveal: public views do not depend on them', () => {
    for (const role of ROLES) {
      const json = JSON.stringify(section.publicView(a, role))
      expect(json).toBe(JSON.stringify(section.publicView(b, role)))
      expect(json).not.toContain('SECRET')
      expect(json).not.toContain('"value"')
      expect(section.publicView(a, role).rounds[0]).toMatchObject({ scoredCount: 2, aggregate: null, comments: null })
    }
  })

  it('tells facilitators who scored, not what, and nobody else', () => {
    expect(section.publicView(a, 'facilitator').rounds[0].scoredBy).toEqual(['alice', 'bob'])
    expect(JSON.stringify(section.publicView(a, 'participant'))).not.toContain('alice')
    expect(JSON.stringify(section.publicView(a, 'viewer'))).not.toContain('bob')
  })

  it('gives each member only their own scores', () => {
    const json = JSON.stringify(section.memberView(a, 'alice'))
    expect(json).toContain('SECRET-alice-aaa')
    expect(json).not.toContain('SECRET-bob')
  })

  it('shows the aggregate and anonymous comments once revealed, hides them again on hide', () => {
    const revealed = runOk(section, b, { type: 'compass.reveal', roundId: R }, fac)
    const view = section.publicView(revealed, 'viewer').rounds[0]
    expect(view.aggregate?.protecteur).toMatchObject({
      count: 2,
      mean: 3.5,
      median: 3.5,
      min: 3,
      max: 4,
      spread: 1,
      flagged: false,
    })
    expect(view.comments).toEqual([
      { axis: 'protecteur', text: 'SECRET-alice-bbb' },
      { axis: 'protecteur', text: 'SECRET-bob-bbb' },
    ])
    const json = JSON.stringify(section.publicView(revealed, 'participant'))
    expect(json).not.toContain('alice"')
    expect(json).not.toContain('"bob')
    const hidden = runOk(section, revealed, { type: 'compass.hide', roundId: R }, fac)
    expect(JSON.stringify(section.publicView(hidden, 'participant'))).not.toContain('SECRET')
  })
})

describe('compass guiding questions', () => {
  it('defaults to axes.ts, can be edited per language and restored', () => {
    const frugal = AXES.find((x) => x.code === 'frugal')
    expect(section.publicView(section.initial(), 'viewer').questions.frugal).toEqual(frugal?.question)
    let s = runOk(
      section,
      section.initial(),
      { type: 'compass.setQuestion', axis: 'frugal', locale: 'fr', text: 'Sobre ?' },
      fac,
    )
    expect(section.publicView(s, 'viewer').questions.frugal).toEqual({ fr: 'Sobre ?', en: frugal?.question.en })
    s = runOk(section, s, { type: 'compass.setQuestion', axis: 'frugal', locale: 'fr', text: null }, fac)
    expect(s.questions).toEqual({})
    expect(
      runInvalid(section, s, { type: 'compass.setQuestion', axis: 'frugal', locale: 'de', text: 'x' }, fac),
    ).toMatch(/locale/)
    expect(run(section, s, { type: 'compass.setQuestion', axis: 'frugal', locale: 'fr', text: 'x' }, alice)).toEqual({
      ok: false,
      code: 'forbidden',
    })
  })
})

describe('compass purity', () => {
  it('never mutates its input, and its state is plain JSON', () => {
    let s = section.initial()
    const steps: [unknown, typeof fac][] = [
      [{ type: 'compass.openRound', label: 'A', subject: { kind: 'coalition' } }, fac],
      [{ type: 'compass.score', roundId: R, axis: 'frugal', value: 2, comment: 'c' }, alice],
      [{ type: 'compass.score', roundId: R, axis: 'frugal', value: 3 }, alice],
      [{ type: 'compass.score', roundId: R, axis: 'inclusif', value: 'nc' }, bob],
      [{ type: 'compass.clearScore', roundId: R, axis: 'frugal' }, alice],
      [{ type: 'compass.clearScore', roundId: R }, bob],
      [{ type: 'compass.reveal', roundId: R }, fac],
      [{ type: 'compass.close', roundId: R }, fac],
      [{ type: 'compass.setQuestion', axis: 'frugal', locale: 'en', text: 'Q?' }, fac],
      [{ type: 'compass.deleteRound', roundId: R }, fac],
    ]
    for (const [command, ctx] of steps) s = runOk(section, s, command, ctx)
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
    expect(s.rounds).toEqual([])
  })

  it('does not read member ids through the prototype chain', () => {
    const s = runOk(section, withRound(), { type: 'compass.score', roundId: R, axis: 'frugal', value: 1 }, alice)
    expect(section.memberView(s, '__proto__')).toEqual({})
    expect(section.memberView(s, 'constructor')).toEqual({})
  })
})

describe('a round for a compass phase (compass.ensureRound)', () => {
  it('opens a coalition round when none is open, and changes nothing while one is', () => {
    const empty = section.initial()
    const opened = runOk(section, empty, { type: 'compass.ensureRound', label: 'Boussole' }, fac)
    expect(opened.rounds).toEqual([
      expect.objectContaining({ id: 'compass-1', label: 'Boussole', subject: { kind: 'coalition' }, open: true }),
    ])
    expect(runOk(section, opened, { type: 'compass.ensureRound', label: 'Boussole' }, fac)).toEqual(opened)
    const closed = runOk(section, opened, { type: 'compass.close', roundId: 'compass-1' }, fac)
    const second = runOk(section, closed, { type: 'compass.ensureRound', label: 'Boussole' }, fac)
    expect(second.rounds.map((r) => [r.id, r.open])).toEqual([
      ['compass-1', false],
      ['compass-2', true],
    ])
  })

  it('is for facilitators only and needs a label', () => {
    expect(runError(section, section.initial(), { type: 'compass.ensureRound', label: 'B' }, alice)).toEqual({
      code: 'forbidden',
    })
    expect(runInvalid(section, section.initial(), { type: 'compass.ensureRound', label: ' ' }, fac)).toMatch(/label/)
  })
})
