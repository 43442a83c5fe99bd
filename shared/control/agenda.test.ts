import { describe, expect, it } from 'vitest'
import {
  activityOf,
  agendaSection as section,
  currentPhase,
  MAX_PHASES,
  movesEveryone,
  type AgendaCommand,
  type AgendaState,
} from './agenda'
import { buildTemplateRecords } from '../templates/templates'
import { DEFAULT_PHASES } from '../templates/phases'
import { ctxFor, run, runError, runInvalid, runOk } from './testkit'

const T0 = 1_700_000_000_000
const fac = (now = T0) => ctxFor('facilitator', 'fac', now)
const ids = (s: AgendaState) => s.phases.map((p) => p.id)

function small(): AgendaState {
  return {
    phases: ['a', 'b', 'c'].map((id) => ({
      id,
      name: id.toUpperCase(),
      durationMin: 10,
      instructions: '',
      frameId: null,
    })),
    currentId: null,
    currentSince: null,
    nextPhaseSeq: 1,
  }
}

describe('initial agenda', () => {
  it('has the nine phases of the method, in French by default', () => {
    const s = section.initial()
    expect(s.phases).toHaveLength(9)
    expect(s.phases[0].name).toBe('Tour de table')
    expect(s.phases[8].name).toBe('Clôture')
    expect(s.currentId).toBeNull()
  })

  it('follows the workshop language', () => {
    const s = section.initial({ locale: 'en', template: 'blank' })
    expect(s.phases.map((p) => p.name)).toContain('Compass')
    expect(ids(s)).toEqual(ids(section.initial({ locale: 'fr' })))
  })

  it('binds each phase to its frame on a full-workshop board, none on a blank one', () => {
    const full = section.initial({ locale: 'fr', template: 'full-workshop' })
    expect(full.phases.map((p) => p.frameId)).toEqual(DEFAULT_PHASES.map((p) => p.frameId))
    expect(full.phases.every((p) => p.frameId?.startsWith('shape:'))).toBe(true)
    expect(section.initial({ template: 'blank' }).phases.every((p) => p.frameId === null)).toBe(true)
  })
})

describe('phase transitions', () => {
  it('next starts the agenda, steps forward and stops at the last phase', () => {
    let s = runOk(section, small(), { type: 'agenda.next' }, fac(T0))
    expect(s).toMatchObject({ currentId: 'a', currentSince: T0 })
    s = runOk(section, s, { type: 'agenda.next' }, fac(T0 + 1))
    s = runOk(section, s, { type: 'agenda.next' }, fac(T0 + 2))
    expect(s).toMatchObject({ currentId: 'c', currentSince: T0 + 2 })
    expect(currentPhase(s)?.name).toBe('C')
    expect(runError(section, s, { type: 'agenda.next' }, fac())).toEqual({ code: 'at-last-phase' })
  })

  it('previous steps back and stops at the first phase', () => {
    let s = runOk(section, small(), { type: 'agenda.setCurrent', id: 'b' }, fac())
    s = runOk(section, s, { type: 'agenda.previous' }, fac(T0 + 9))
    expect(s).toMatchObject({ currentId: 'a', currentSince: T0 + 9 })
    expect(runError(section, s, { type: 'agenda.previous' }, fac())).toEqual({ code: 'at-first-phase' })
    expect(runError(section, small(), { type: 'agenda.previous' }, fac())).toEqual({ code: 'agenda-not-started' })
  })

  it('setCurrent jumps to a phase or back to "not started"; the start time only changes on a change', () => {
    let s = runOk(section, small(), { type: 'agenda.setCurrent', id: 'c' }, fac(T0))
    expect(runOk(section, s, { type: 'agenda.setCurrent', id: 'c' }, fac(T0 + 50)).currentSince).toBe(T0)
    s = runOk(section, s, { type: 'agenda.setCurrent', id: null }, fac(T0 + 60))
    expect(s).toMatchObject({ currentId: null, currentSince: null })
    expect(runError(section, s, { type: 'agenda.setCurrent', id: 'zzz' }, fac())).toEqual({ code: 'unknown-phase' })
  })

  it('refuses to step through an empty agenda', () => {
    expect(runError(section, { ...small(), phases: [] }, { type: 'agenda.next' }, fac())).toEqual({
      code: 'agenda-empty',
    })
  })
})

describe('editing phases', () => {
  it('updates only the fields given', () => {
    const s = runOk(
      section,
      small(),
      { type: 'agenda.updatePhase', id: 'b', durationMin: 25, frameId: 'shape:frame-b' },
      fac(),
    )
    expect(s.phases[1]).toEqual({ id: 'b', name: 'B', durationMin: 25, instructions: '', frameId: 'shape:frame-b' })
    const cleared = runOk(section, s, { type: 'agenda.updatePhase', id: 'b', frameId: null, name: ' Bee ' }, fac())
    expect(cleared.phases[1]).toMatchObject({ name: 'Bee', frameId: null, durationMin: 25 })
  })

  it('adds a phase at an index or at the end, with fresh ids', () => {
    let s = runOk(section, small(), { type: 'agenda.addPhase', name: 'Pause', durationMin: 10, index: 1 }, fac())
    s = runOk(section, s, { type: 'agenda.addPhase', name: 'Bonus', durationMin: 5, index: 99 }, fac())
    expect(ids(s)).toEqual(['a', 'phase-1', 'b', 'c', 'phase-2'])
    expect(s.phases[1]).toEqual({
      id: 'phase-1',
      name: 'Pause',
      durationMin: 10,
      instructions: '',
      frameId: null,
      activity: 'free',
      moveEveryone: true,
    })
  })

  it('moves a phase', () => {
    expect(ids(runOk(section, small(), { type: 'agenda.movePhase', id: 'a', toIndex: 2 }, fac()))).toEqual([
      'b',
      'c',
      'a',
    ])
    expect(ids(runOk(section, small(), { type: 'agenda.movePhase', id: 'c', toIndex: 0 }, fac()))).toEqual([
      'c',
      'a',
      'b',
    ])
    expect(ids(runOk(section, small(), { type: 'agenda.movePhase', id: 'a', toIndex: 50 }, fac()))).toEqual([
      'b',
      'c',
      'a',
    ])
  })

  it('removing the phase in progress moves on to the next one, or the previous if it was last', () => {
    const atB = runOk(section, small(), { type: 'agenda.setCurrent', id: 'b' }, fac(T0))
    const s = runOk(section, atB, { type: 'agenda.removePhase', id: 'b' }, fac(T0 + 5))
    expect(s).toMatchObject({ currentId: 'c', currentSince: T0 + 5 })
    expect(ids(s)).toEqual(['a', 'c'])
    const atC = runOk(section, small(), { type: 'agenda.setCurrent', id: 'c' }, fac())
    expect(runOk(section, atC, { type: 'agenda.removePhase', id: 'c' }, fac()).currentId).toBe('b')
    const other = runOk(section, atB, { type: 'agenda.removePhase', id: 'a' }, fac(T0 + 5))
    expect(other).toMatchObject({ currentId: 'b', currentSince: T0 })
    let last: AgendaState = { ...small(), phases: small().phases.slice(0, 1), currentId: 'a', currentSince: T0 }
    last = runOk(section, last, { type: 'agenda.removePhase', id: 'a' }, fac())
    expect(last).toMatchObject({ phases: [], currentId: null, currentSince: null })
  })

  it('refuses unknown phases, bad fields and too many phases', () => {
    expect(runError(section, small(), { type: 'agenda.updatePhase', id: 'z', name: 'x' }, fac())).toEqual({
      code: 'unknown-phase',
    })
    expect(runError(section, small(), { type: 'agenda.removePhase', id: 'z' }, fac())).toEqual({
      code: 'unknown-phase',
    })
    expect(runError(section, small(), { type: 'agenda.movePhase', id: 'z', toIndex: 0 }, fac())).toEqual({
      code: 'unknown-phase',
    })
    expect(runInvalid(section, small(), { type: 'agenda.updatePhase', id: 'a', durationMin: 0 }, fac())).toMatch(
      /between 1 and 480/,
    )
    expect(runInvalid(section, small(), { type: 'agenda.updatePhase', id: 'a', name: 'x'.repeat(201) }, fac())).toMatch(
      /longer than 200/,
    )
    expect(runInvalid(section, small(), { type: 'agenda.addPhase', name: '', durationMin: 5 }, fac())).toMatch(
      /name is required/,
    )
    expect(
      runInvalid(
        section,
        small(),
        { type: 'agenda.addPhase', name: 'X', durationMin: 5, instructions: 'x'.repeat(2001) },
        fac(),
      ),
    ).toMatch(/longer than 2000/)
    const withFrames = ctxFor('facilitator', 'fac', T0, (id) => id === 'shape:real')
    expect(
      runError(section, small(), { type: 'agenda.updatePhase', id: 'a', frameId: 'shape:ghost' }, withFrames),
    ).toEqual({ code: 'unknown-frame' })
    let s = small()
    while (s.phases.length < MAX_PHASES)
      s = runOk(section, s, { type: 'agenda.addPhase', name: 'P', durationMin: 1 }, fac())
    expect(runError(section, s, { type: 'agenda.addPhase', name: 'P', durationMin: 1 }, fac())).toEqual({
      code: 'too-many-phases',
      params: { max: 30 },
    })
  })

  it('is for facilitators only', () => {
    for (const role of ['participant', 'viewer'] as const) {
      expect(run(section, small(), { type: 'agenda.next' }, ctxFor(role, 'm'))).toEqual({
        ok: false,
        code: 'forbidden',
      })
    }
  })
})

describe('agenda purity', () => {
  it('never mutates its input, and its state is plain JSON', () => {
    let s = section.initial({ locale: 'en' })
    for (const command of [
      { type: 'agenda.next' },
      { type: 'agenda.next' },
      { type: 'agenda.previous' },
      { type: 'agenda.updatePhase', id: 'cadrage', durationMin: 45 },
      { type: 'agenda.addPhase', name: 'Break', durationMin: 10, index: 2 },
      { type: 'agenda.movePhase', id: 'phase-1', toIndex: 0 },
      { type: 'agenda.removePhase', id: 'tour-de-table' },
      { type: 'agenda.setCurrent', id: 'cloture' },
    ]) {
      s = runOk(section, s, command, fac())
    }
    expect(JSON.parse(JSON.stringify(s))).toEqual(s)
    expect(ids(s).slice(0, 3)).toEqual(['phase-1', 'cadrage', 'diagnostic'])
    expect(section.publicView(s)).toEqual({ phases: s.phases, currentId: 'cloture', currentSince: T0, launch: null })
  })
})

describe('a phase is an activity', () => {
  const launch = (id: string): AgendaCommand => ({ type: 'agenda.launch', id })

  it('each phase of the method opens its activity; the templates fill the frames they have', () => {
    const s = section.initial({ locale: 'fr', template: 'full-workshop' })
    expect(Object.fromEntries(s.phases.map((p) => [p.id, activityOf(p)]))).toEqual({
      'tour-de-table': 'free',
      cadrage: 'free',
      diagnostic: 'free',
      boussole: 'compass',
      'horizon-impacts': 'free',
      'acteurs-leviers': 'free',
      priorisation: 'vote',
      'feuille-de-route': 'roadmap',
      cloture: 'outline',
    })
    expect(s.phases.every(movesEveryone)).toBe(true)
    // The actors map has the grid: the « Acteurs et leviers » phase goes there.
    const map = section.initial({ locale: 'fr', template: 'actors-map' })
    const grid = map.phases.find((p) => p.id === 'acteurs-leviers')?.frameId
    const ids = new Set(buildTemplateRecords('actors-map', 'fr').map((r) => r.id))
    expect(grid && ids.has(grid)).toBe(true)
    expect(map.phases.filter((p) => p.frameId !== null)).toHaveLength(1)
  })

  it('reads phases stored before activities as free phases that move everyone', () => {
    const old = small().phases[0]
    expect(activityOf(old)).toBe('free')
    expect(movesEveryone(old)).toBe(true)
    expect(movesEveryone({ moveEveryone: false })).toBe(false)
  })

  it('launch makes the phase current from now and counts launches, a relaunch included', () => {
    let s = runOk(section, small(), launch('b'), fac(T0))
    expect(s).toMatchObject({ currentId: 'b', currentSince: T0, launch: { seq: 1, phaseId: 'b', at: T0 } })
    s = runOk(section, s, launch('b'), fac(T0 + 60_000))
    expect(s).toMatchObject({ currentId: 'b', currentSince: T0 + 60_000, launch: { seq: 2, phaseId: 'b' } })
    s = runOk(section, s, launch('c'), fac(T0 + 120_000))
    expect(section.publicView(s).launch).toEqual({ seq: 3, phaseId: 'c', at: T0 + 120_000 })
    expect(runError(section, s, launch('z'), fac())).toEqual({ code: 'unknown-phase' })
    expect(runError(section, s, launch('a'), ctxFor('participant', 'p'))).toEqual({ code: 'forbidden' })
  })

  it('a launch asks the server for the phase timer, and a compass round for a compass phase', () => {
    const s = section.initial({ locale: 'fr', template: 'full-workshop' })
    const followUps = (id: string) => section.followUps(runOk(section, s, launch(id), fac()), launch(id))
    expect(followUps('tour-de-table')).toEqual([{ type: 'timer.start', durationMs: 15 * 60_000 }])
    expect(followUps('boussole')).toEqual([
      { type: 'timer.start', durationMs: 25 * 60_000 },
      { type: 'compass.ensureRound', label: 'Boussole' },
    ])
    expect(followUps('priorisation')).toEqual([{ type: 'timer.start', durationMs: 15 * 60_000 }])
    const vote: AgendaCommand = { type: 'agenda.launch', id: 'priorisation', vote: { cardIds: ['shape:a'], budget: 3 } }
    expect(section.followUps(runOk(section, s, vote, fac()), vote)).toEqual([
      { type: 'timer.start', durationMs: 15 * 60_000 },
      { type: 'votes.ensureRound', label: 'Priorisation', cardIds: ['shape:a'], budget: 3 },
    ])
    // A vote only for a vote phase; bad cards or budgets are refused with the launch.
    const elsewhere: AgendaCommand = { ...vote, id: 'cadrage' }
    expect(section.followUps(runOk(section, s, elsewhere, fac()), elsewhere)).toHaveLength(1)
    expect(runInvalid(section, s, { ...vote, vote: { cardIds: [], budget: 3 } }, fac())).toMatch(/at least one card/)
    expect(runInvalid(section, s, { ...vote, vote: { cardIds: ['x'], budget: 3 } }, fac())).toMatch(/shape ids/)
    expect(runInvalid(section, s, { ...vote, vote: { cardIds: ['shape:a'], budget: 11 } }, fac())).toMatch(/between 1/)
    // Other commands ask for nothing; an 8-hour phase gets the timer's 4 hours.
    expect(section.followUps(s, { type: 'agenda.next' })).toEqual([])
    const long = runOk(section, s, { type: 'agenda.updatePhase', id: 'cadrage', durationMin: 480 }, fac())
    expect(section.followUps(long, launch('cadrage'))).toEqual([{ type: 'timer.start', durationMs: 4 * 60 * 60_000 }])
  })

  it('sets and validates a phase activity and whether it moves everyone', () => {
    let s = runOk(
      section,
      small(),
      { type: 'agenda.updatePhase', id: 'a', activity: 'vote', moveEveryone: false },
      fac(),
    )
    expect(s.phases[0]).toMatchObject({ activity: 'vote', moveEveryone: false })
    s = runOk(section, s, { type: 'agenda.addPhase', name: 'Pause', durationMin: 10 }, fac())
    expect(s.phases[3]).toMatchObject({ activity: 'free', moveEveryone: true })
    expect(runInvalid(section, s, { type: 'agenda.updatePhase', id: 'a', activity: 'karaoke' }, fac())).toMatch(
      /activity must be one of free, compass, vote, outline, roadmap/,
    )
  })
})
