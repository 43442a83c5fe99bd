import { describe, expect, it } from 'vitest'
import { ROLES } from '../protocol'
import { ctxFor, run, runError, runOk } from './testkit'
import { MAX_VOTE_ROUNDS, rankCards, votesSection as section, type VotesState } from './votes'

const T0 = 1_700_000_000_000
const fac = ctxFor('facilitator', 'fac', T0)
const alice = ctxFor('participant', 'alice', T0)
const bob = ctxFor('participant', 'bob', T0)
const viewer = ctxFor('viewer', 'vic', T0)
const CARDS = ['shape:a', 'shape:b', 'shape:c']
const R = 'votes-1'

function started(budget = 3, allowMultiplePerCard = false): VotesState {
  return runOk(
    section,
    section.initial(),
    { type: 'votes.start', label: 'Priorités', cardIds: CARDS, budget, allowMultiplePerCard },
    fac,
  )
}
function place(s: VotesState, ctx: typeof fac, cardId: string): VotesState {
  return runOk(section, s, { type: 'votes.place', roundId: R, cardId }, ctx)
}

describe('vote rounds', () => {
  it('starts an open, hidden round with its configuration and no dots', () => {
    const s = runOk(
      section,
      section.initial(),
      { type: 'votes.start', label: ' P ', cardIds: ['shape:a', 'shape:b', 'shape:a'], budget: 5 },
      fac,
    )
    expect(s.rounds[0]).toEqual({
      id: R,
      label: 'P',
      cardIds: ['shape:a', 'shape:b'],
      budget: 5,
      allowMultiplePerCard: false,
      open: true,
      revealed: false,
      createdAt: T0,
      dots: {},
    })
  })

  it('validates budget 1–10, card ids, label and existence of cards', () => {
    const start = (extra: object, ctx = fac) => {
      const refusal = runError(
        section,
        section.initial(),
        { type: 'votes.start', label: 'P', cardIds: CARDS, budget: 3, ...extra },
        ctx,
      )
      return refusal.code === 'invalid-command' ? refusal.params?.details : refusal
    }
    expect(start({ budget: 0 })).toMatch(/between 1 and 10/)
    expect(start({ budget: 11 })).toMatch(/between 1 and 10/)
    expect(start({ budget: 2.5 })).toMatch(/whole number/)
    expect(start({ cardIds: [] })).toMatch(/at least one card/)
    expect(start({ cardIds: ['page:page'] })).toMatch(/shape ids/)
    expect(start({ label: '' })).toMatch(/label is required/)
    expect(
      start(
        {},
        ctxFor('facilitator', 'fac', T0, (id) => id !== 'shape:c'),
      ),
    ).toEqual({ code: 'unknown-card', params: { id: 'shape:c' } })
  })

  it('bounds the number of rounds; deleting one makes room and ids are not reused', () => {
    let s = section.initial()
    for (let i = 0; i < MAX_VOTE_ROUNDS; i++)
      s = runOk(section, s, { type: 'votes.start', label: `V${i}`, cardIds: CARDS, budget: 1 }, fac)
    expect(runError(section, s, { type: 'votes.start', label: 'more', cardIds: CARDS, budget: 1 }, fac)).toEqual({
      code: 'too-many-votes',
      params: { max: 50 },
    })
    s = runOk(section, s, { type: 'votes.deleteRound', roundId: R }, fac)
    s = runOk(section, s, { type: 'votes.start', label: 'more', cardIds: CARDS, budget: 1 }, fac)
    expect(s.rounds.at(-1)?.id).toBe('votes-51')
  })

  it('lets only facilitators manage rounds', () => {
    for (const ctx of [alice, viewer]) {
      expect(run(section, started(), { type: 'votes.reveal', roundId: R }, ctx)).toEqual({
        ok: false,
        code: 'forbidden',
      })
      expect(
        run(section, section.initial(), { type: 'votes.start', label: 'P', cardIds: CARDS, budget: 3 }, ctx),
      ).toEqual({
        ok: false,
        code: 'forbidden',
      })
    }
  })
})

describe('dots', () => {
  it('places and removes the actor’s own dots, showing what is left of the budget', () => {
    let s = place(place(started(3), alice, 'shape:a'), alice, 'shape:b')
    expect(section.memberView(s, 'alice')[R]).toEqual({ dots: { 'shape:a': 1, 'shape:b': 1 }, remaining: 1 })
    expect(section.memberView(s, 'bob')[R]).toEqual({ dots: {}, remaining: 3 })
    s = runOk(section, s, { type: 'votes.remove', roundId: R, cardId: 'shape:a' }, alice)
    expect(section.memberView(s, 'alice')[R]).toEqual({ dots: { 'shape:b': 1 }, remaining: 2 })
    expect(runError(section, s, { type: 'votes.remove', roundId: R, cardId: 'shape:b' }, bob)).toEqual({
      code: 'no-dot-on-card',
    })
  })

  it('enforces the budget', () => {
    const s = place(place(started(2, true), alice, 'shape:a'), alice, 'shape:c')
    expect(runError(section, s, { type: 'votes.place', roundId: R, cardId: 'shape:b' }, alice)).toEqual({
      code: 'no-dots-left',
    })
    expect(section.memberView(place(s, bob, 'shape:b'), 'bob')[R].remaining).toBe(1)
  })

  it('enforces one dot per card unless the round allows several', () => {
    const single = place(started(3, false), alice, 'shape:a')
    expect(runError(section, single, { type: 'votes.place', roundId: R, cardId: 'shape:a' }, alice)).toEqual({
      code: 'one-dot-per-card',
    })
    const multiple = place(place(place(started(3, true), alice, 'shape:a'), alice, 'shape:a'), alice, 'shape:a')
    expect(section.memberView(multiple, 'alice')[R]).toEqual({ dots: { 'shape:a': 3 }, remaining: 0 })
  })

  it('refuses dots on cards outside the round, deleted cards, closed or unknown rounds', () => {
    expect(runError(section, started(), { type: 'votes.place', roundId: R, cardId: 'shape:zzz' }, alice)).toEqual({
      code: 'card-not-in-vote',
    })
    expect(runError(section, started(), { type: 'votes.place', roundId: 'votes-7', cardId: 'shape:a' }, alice)).toEqual(
      { code: 'unknown-vote' },
    )
    const gone = ctxFor('participant', 'alice', T0, (id) => id !== 'shape:a')
    expect(runError(section, started(), { type: 'votes.place', roundId: R, cardId: 'shape:a' }, gone)).toEqual({
      code: 'card-gone',
    })
    const closed = runOk(section, place(started(), alice, 'shape:a'), { type: 'votes.close', roundId: R }, fac)
    expect(runError(section, closed, { type: 'votes.place', roundId: R, cardId: 'shape:b' }, alice)).toEqual({
      code: 'vote-closed',
    })
    expect(runError(section, closed, { type: 'votes.remove', roundId: R, cardId: 'shape:a' }, alice)).toEqual({
      code: 'vote-closed',
    })
    const reopened = runOk(section, closed, { type: 'votes.reopen', roundId: R }, fac)
    expect(section.memberView(place(reopened, alice, 'shape:b'), 'alice')[R].remaining).toBe(1)
  })

  it('never lets viewers vote', () => {
    expect(run(section, started(), { type: 'votes.place', roundId: R, cardId: 'shape:a' }, viewer)).toEqual({
      ok: false,
      code: 'forbidden',
    })
    expect(section.apply(started(), { type: 'votes.place', roundId: R, cardId: 'shape:a' }, viewer)).toEqual({
      ok: false,
      code: 'viewer-cannot-vote',
    })
  })

  it('clears every dot of a round, keeping the round', () => {
    const s = runOk(
      section,
      place(place(started(), alice, 'shape:a'), bob, 'shape:b'),
      { type: 'votes.clear', roundId: R },
      fac,
    )
    expect(s.rounds[0].dots).toEqual({})
    expect(s.rounds[0].cardIds).toEqual(CARDS)
  })
})

describe('vote secrecy and reveal', () => {
  function voted(aliceCard: string, bobCard: string): VotesState {
    return place(place(started(), alice, aliceCard), bob, bobCard)
  }
  const a = voted('shape:a', 'shape:a')
  const b = voted('shape:c', 'shape:b')

  it('shows nothing of where dots went before reveal: public views do not depend on it', () => {
    for (const role of ROLES) {
      const json = JSON.stringify(section.publicView(a, role))
      expect(json).toBe(JSON.stringify(section.publicView(b, role)))
      expect(section.publicView(a, role).rounds[0]).toMatchObject({ voterCount: 2, tallies: null, ranking: null })
      expect(json).not.toContain('"dots"')
    }
    expect(section.publicView(a, 'facilitator').rounds[0].voters).toEqual(['alice', 'bob'])
    expect(JSON.stringify(section.publicView(a, 'participant'))).not.toContain('alice')
  })

  it('gives each member only their own dots', () => {
    expect(JSON.stringify(section.memberView(b, 'alice'))).not.toContain('shape:b')
    expect(JSON.stringify(section.memberView(b, 'bob'))).not.toContain('shape:c')
  })

  it('reveals tallies per card and the ranking, hides them again', () => {
    let s = place(place(voted('shape:b', 'shape:b'), alice, 'shape:c'), ctxFor('participant', 'carol'), 'shape:a')
    s = runOk(section, s, { type: 'votes.reveal', roundId: R }, fac)
    const view = section.publicView(s, 'viewer').rounds[0]
    expect(view.tallies).toEqual({ 'shape:a': 1, 'shape:b': 2, 'shape:c': 1 })
    expect(view.ranking).toEqual([
      { cardId: 'shape:b', dots: 2, rank: 1 },
      { cardId: 'shape:a', dots: 1, rank: 2 },
      { cardId: 'shape:c', dots: 1, rank: 2 },
    ])
    s = runOk(section, s, { type: 'votes.hide', roundId: R }, fac)
    expect(section.publicView(s, 'viewer').rounds[0].tallies).toBeNull()
  })
})

describe('rankCards', () => {
  it('shares ranks between ties and skips the next ones (1, 2, 2, 4), ties in round order', () => {
    const ranked = rankCards({ w: 0, x: 5, y: 3, z: 3 }, ['w', 'z', 'y', 'x'])
    expect(ranked.map((r) => [r.cardId, r.rank])).toEqual([
      ['x', 1],
      ['z', 2],
      ['y', 2],
      ['w', 4],
    ])
  })
})

describe('votes purity', () => {
  it('never mutates its input, and its state is plain JSON', () => {
    let s = started(3, true)
    s = place(place(s, alice, 'shape:a'), alice, 'shape:a')
    for (const [command, ctx] of [
      [{ type: 'votes.remove', roundId: R, cardId: 'shape:a' }, alice],
      [{ type: 'votes.reveal', roundId: R }, fac],
      [{ type: 'votes.close', roundId: R }, fac],
      [{ type: 'votes.clear', roundId: R }, fac],
      [{ type: 'votes.deleteRound', roundId: R }, fac],
    ] as const) {
      s = runOk(section, s, command, ctx)
    }
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
    expect(s.rounds).toEqual([])
  })
})

describe('a vote for a vote phase (votes.ensureRound)', () => {
  it('starts a vote when none is open, and changes nothing while one is', () => {
    const ensure = { type: 'votes.ensureRound', label: 'Priorisation', cardIds: ['shape:a', 'shape:b'], budget: 3 }
    const started = runOk(section, section.initial(), ensure, fac)
    expect(started.rounds).toEqual([
      expect.objectContaining({ label: 'Priorisation', cardIds: ['shape:a', 'shape:b'], budget: 3, open: true }),
    ])
    expect(runOk(section, started, ensure, fac)).toEqual(started)
    expect(runError(section, section.initial(), ensure, alice)).toEqual({ code: 'forbidden' })
  })
})
