import { describe, expect, it } from 'vitest'
import { DEFAULT_PHASES, phaseFrameId } from './phases'

describe('DEFAULT_PHASES', () => {
  it('follows the nine steps of a typical workshop, in order', () => {
    expect(DEFAULT_PHASES.map((phase) => phase.name.fr)).toEqual([
      'Tour de table',
      'Cadrage',
      'Diagnostic',
      'Boussole',
      'Horizon et impacts',
      'Acteurs et leviers',
      'Priorisation',
      'Feuille de route et engagement',
      'Clôture',
    ])
    expect(new Set(DEFAULT_PHASES.map((phase) => phase.id)).size).toBe(9)
  })

  it('gives each phase an English name, instructions in both languages and a positive duration', () => {
    for (const phase of DEFAULT_PHASES) {
      expect(phase.name.en).not.toBe('')
      expect(phase.instructions.fr.length).toBeGreaterThan(20)
      expect(phase.instructions.en.length).toBeGreaterThan(20)
      expect(Number.isInteger(phase.minutes) && phase.minutes > 0).toBe(true)
    }
    expect(DEFAULT_PHASES.reduce((total, phase) => total + phase.minutes, 0)).toBe(180)
  })

  it('maps each phase to its full-workshop frame id, for any prefix', () => {
    expect(DEFAULT_PHASES[1].frameId).toBe('shape:full-workshop-phase-cadrage')
    expect(phaseFrameId('cadrage', 'x-')).toBe('shape:x-phase-cadrage')
  })
})
