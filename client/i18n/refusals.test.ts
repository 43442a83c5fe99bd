import { describe, expect, it } from 'vitest'
import { REFUSAL_SPECS } from '../../shared/control/index'
import { LOCALES } from '../../shared/workshop'
import { REFUSAL_TEXTS, refusalText } from './refusals'

/** Every code of every spec the client may meet, read from the specs themselves. */
const declared = Object.entries(REFUSAL_SPECS).flatMap(([source, spec]) =>
  Object.entries(spec).map(([code, params]) => ({ source, code, params })),
)

/** `{max}` and `{hours, plural, …}` name a parameter; `#` inside a plural does not. */
function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)[,}]/g)].map((m) => m[1])
}

describe('refusal texts', () => {
  it('walks every section, the server and the client', () => {
    expect(Object.keys(REFUSAL_SPECS)).toEqual(
      expect.arrayContaining(['hub', 'channel', 'meta', 'agenda', 'timer', 'lock', 'facilitation', 'compass', 'votes']),
    )
    expect(declared.length).toBeGreaterThan(30)
  })

  for (const locale of LOCALES) {
    it(`gives every declared code a ${locale} text that uses only its parameters`, () => {
      const texts: Record<string, string> = REFUSAL_TEXTS[locale]
      const missing = declared.filter(({ code }) => !Object.hasOwn(texts, code) || texts[code].trim() === '')
      expect(missing.map(({ source, code }) => `${source}: ${code}`)).toEqual([])
      for (const { source, code, params } of declared) {
        expect(params, `${source}: ${code} in ${locale}`).toEqual(expect.arrayContaining(placeholders(texts[code])))
      }
    })
  }

  it('gives a code shared by two sources the same parameters', () => {
    const byCode = new Map<string, readonly string[]>()
    for (const { code, params } of declared) {
      const seen = byCode.get(code)
      if (seen) expect([...params].sort(), code).toEqual([...seen].sort())
      else byCode.set(code, params)
    }
  })

  it('has no text for a code nobody declares', () => {
    const codes = new Set(declared.map(({ code }) => code))
    for (const locale of LOCALES) expect(Object.keys(REFUSAL_TEXTS[locale]).filter((c) => !codes.has(c))).toEqual([])
  })

  it('fills parameters and plurals in the UI language', () => {
    expect(refusalText('fr', { code: 'too-many-phases', params: { max: 30 } })).toBe('30 phases au plus.')
    expect(refusalText('en', { code: 'too-many-phases', params: { max: 30 } })).toBe('At most 30 phases.')
    expect(refusalText('fr', { code: 'timer-too-long', params: { hours: 4 } })).toBe(
      'Un minuteur dure 4 heures au plus.',
    )
    expect(refusalText('en', { code: 'timer-too-long', params: { hours: 1 } })).toBe('A timer lasts at most 1 hour.')
    expect(refusalText('fr', { code: 'no-dots-left' })).toBe('Vous n’avez plus de points.')
  })

  it('still says something, with the code, for a code this build does not know', () => {
    expect(refusalText('fr', { code: 'from-a-newer-server' })).toBe('Refusé par le serveur (from-a-newer-server).')
    expect(refusalText('en', { code: 'toString' })).toBe('Refused by the server (toString).')
  })
})
