import { describe, expect, it } from 'vitest'
import { agendaSection } from '../../../shared/control/agenda'
import { panelForLaunch, phaseSteps } from './phaseSteps'
import { phaseVote } from './phaseVote'
import { soundEnabled } from './timerSignal'

const agenda = agendaSection.initial({ locale: 'fr', template: 'full-workshop' })
const phase = (id: string) => agenda.phases.find((p) => p.id === id)!

describe('stepping through the agenda', () => {
  it('before the start, « Commencer » launches the first phase and nothing comes before', () => {
    const steps = phaseSteps(agenda)
    expect(steps).toMatchObject({ current: undefined, index: -1, previous: undefined })
    expect(steps.next?.id).toBe('tour-de-table')
  })

  it('mid-agenda, the neighbours; at the end, nothing next', () => {
    const mid = phaseSteps({ ...agenda, currentId: 'diagnostic' })
    expect([mid.previous?.id, mid.current?.id, mid.next?.id]).toEqual(['cadrage', 'diagnostic', 'boussole'])
    expect(mid.next).toMatchObject({ name: 'Boussole', durationMin: 25 })
    const last = phaseSteps({ ...agenda, currentId: 'cloture' })
    expect([last.index, last.next]).toEqual([8, undefined])
    expect(phaseSteps(undefined)).toMatchObject({ index: -1, next: undefined })
  })
})

describe('what a launched phase opens on each screen', () => {
  it('the scoring sheet, the voting panel, the outline; nothing for the board alone', () => {
    expect(panelForLaunch(phase('boussole'), 'participant')).toBe('compass')
    expect(panelForLaunch(phase('priorisation'), 'participant')).toBe('votes')
    expect(panelForLaunch(phase('cloture'), 'facilitator')).toBe('outline')
    expect(panelForLaunch(phase('tour-de-table'), 'participant')).toBeNull()
    expect(panelForLaunch(phase('feuille-de-route'), 'participant')).toBeNull()
    // A phase stored before activities: the board alone.
    expect(panelForLaunch({}, 'participant')).toBeNull()
    // A viewer follows the compass and the votes, read-only.
    expect(panelForLaunch(phase('boussole'), 'viewer')).toBe('compass')
  })
})

describe('the timer sound', () => {
  it('is each person’s choice, on by default for facilitators only', () => {
    expect(soundEnabled(null, 'facilitator')).toBe(true)
    expect(soundEnabled(null, 'participant')).toBe(false)
    expect(soundEnabled(null, 'viewer')).toBe(false)
    expect(soundEnabled('on', 'participant')).toBe(true)
    expect(soundEnabled('off', 'facilitator')).toBe(false)
    expect(soundEnabled('garbage', 'participant')).toBe(false)
  })
})

describe('the vote a « Priorisation » launch opens', () => {
  const shape = (id: string, type: string, y: number, parentId = 'page:p') => ({ id, type, parentId, x: 0, y })
  const board = [
    shape('shape:frame', 'frame', 0),
    shape('shape:n1', 'note', 10, 'shape:frame'),
    shape('shape:lever', 'lever', 200),
    shape('shape:impact', 'impact', 100),
    shape('shape:actor', 'actor', 300),
  ]

  it('takes the selected cards (a frame brings its own), else the levers and impacts, three dots each', () => {
    expect(phaseVote(board, ['shape:frame'])).toEqual({ cardIds: ['shape:n1'], budget: 3 })
    expect(phaseVote(board, [])).toEqual({ cardIds: ['shape:impact', 'shape:lever'], budget: 3 })
    expect(phaseVote(board, ['shape:actor'])?.cardIds).toEqual(['shape:actor'])
    expect(phaseVote([shape('shape:n', 'note', 0)], [])).toBeNull()
  })
})
