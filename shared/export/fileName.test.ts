import { describe, expect, it } from 'vitest'
import { dayIn, exportFileName, fileSlug } from './fileName'

describe('export file names', () => {
  it('turns a French title into ASCII words', () => {
    expect(fileSlug('Pour des cantines durables')).toBe('pour-des-cantines-durables')
    expect(fileSlug('  Équité & cœur : « Mobilités » ! ')).toBe('equite-coeur-mobilites')
    expect(fileSlug('Ünïcödé—ÆØ')).toBe('unicode-ae')
  })

  it('falls back when nothing is left, and stays short', () => {
    expect(fileSlug('« ! »')).toBe('atelier')
    expect(fileSlug('😀', 'workshop')).toBe('workshop')
    expect(fileSlug('a'.repeat(200))).toHaveLength(60)
    expect(fileSlug(`${'a'.repeat(59)} b`)).toBe('a'.repeat(59))
  })

  it('dates in Paris by default', () => {
    // 23:30 UTC on 11 March is already 12 March in Paris.
    const ms = Date.UTC(2026, 2, 11, 23, 30)
    expect(dayIn(ms)).toBe('2026-03-12')
    expect(dayIn(ms, 'UTC')).toBe('2026-03-11')
  })

  it('builds <slug>-<date>[-<part>].<ext>', () => {
    expect(exportFileName('Pour des cantines durables', '2026-03-12', 'md')).toBe(
      'pour-des-cantines-durables-2026-03-12.md',
    )
    expect(exportFileName('Atelier', '2026-03-12', 'png', 'Cadrage de la démarche')).toBe(
      'atelier-2026-03-12-cadrage-de-la-demarche.png',
    )
    expect(exportFileName('Atelier', '2026-03-12', 'svg', '!!')).toBe('atelier-2026-03-12.svg')
  })
})
