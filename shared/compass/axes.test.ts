import { describe, expect, it } from 'vitest'
import { AXES, AXIS_CODES, axisCodeSchema, axisLabel, getAxis, isAxisCode } from './axes'

describe('compass axes', () => {
  it('lists the seven qualities in the method order, one entry per code', () => {
    expect(AXES.map((axis) => axis.code)).toEqual([...AXIS_CODES])
    expect(AXIS_CODES).toEqual([
      'capacitant',
      'inclusif',
      'frugal',
      'innovant',
      'democratique',
      'protecteur',
      'equitable',
    ])
  })

  it('gives every axis a label, a meaning and a guiding question in French and English', () => {
    for (const axis of AXES) {
      for (const text of [axis.label, axis.meaning, axis.question]) {
        expect(text.fr.trim()).not.toBe('')
        expect(text.en.trim()).not.toBe('')
      }
      expect(axis.question.fr.endsWith('?')).toBe(true)
      expect(axis.question.en.endsWith('?')).toBe(true)
    }
  })

  it('keeps the French labels with their accents', () => {
    expect(axisLabel('democratique', 'fr')).toBe('Démocratique')
    expect(axisLabel('equitable', 'fr')).toBe('Équitable')
    expect(getAxis('frugal').label.en).toBe('Frugal')
  })

  it('recognises codes and nothing else', () => {
    expect(isAxisCode('inclusif')).toBe(true)
    expect(isAxisCode('Inclusif')).toBe(false)
    expect(isAxisCode(3)).toBe(false)
    expect(axisCodeSchema.safeParse('démocratique').success).toBe(false)
  })
})

describe('French typography of the axes', () => {
  it('a narrow no-break space (U+202F), never a plain one, before « ? ! ; : », as in the rest of the UI', () => {
    for (const axis of AXES) {
      for (const text of Object.values(axis)
        .filter((v): v is Record<string, string> => typeof v === 'object' && v !== null && 'fr' in v)
        .map((v) => v.fr)) {
        expect(text, axis.code).not.toMatch(/ [?!;:]/)
      }
    }
    expect(
      AXES.some((axis) =>
        Object.values(axis).some(
          (v) => typeof v === 'object' && v !== null && 'fr' in v && /\u202f\?/.test((v as { fr: string }).fr),
        ),
      ),
    ).toBe(true)
  })
})
