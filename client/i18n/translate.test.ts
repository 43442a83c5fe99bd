import { describe, expect, it } from 'vitest'
import { coreEn } from './coreEn'
import { coreFr } from './coreFr'
import { en } from './en'
import { fr } from './fr'
import { chooseLocale, messageKeys, translate } from './translate'

describe('i18n catalogues', () => {
  it('French and English have exactly the same keys', () => {
    expect(messageKeys('en')).toEqual(messageKeys('fr'))
  })

  it('every message is non-empty and keeps the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()
    for (const key of Object.keys(fr) as (keyof typeof fr)[]) {
      expect(fr[key].trim(), key).not.toBe('')
      expect(en[key].trim(), key).not.toBe('')
      expect(placeholders(en[key]), key).toEqual(placeholders(fr[key]))
    }
    for (const key of Object.keys(coreFr) as (keyof typeof coreFr)[]) {
      expect(coreFr[key].trim(), key).not.toBe('')
      expect(coreEn[key].trim(), key).not.toBe('')
      expect(placeholders(coreEn[key]), key).toEqual(placeholders(coreFr[key]))
    }
  })

  it('the core catalogues (landing first paint) share no key with the full ones', () => {
    const full = new Set([...Object.keys(fr), ...Object.keys(en)])
    expect(Object.keys(coreFr).filter((key) => full.has(key))).toEqual([])
    expect(Object.keys(coreEn).sort()).toEqual(Object.keys(coreFr).sort())
    // Once loaded (Node loads them at import), every key of both kinds is there.
    expect(messageKeys('fr')).toEqual([...Object.keys(coreFr), ...Object.keys(fr)].sort())
    expect(translate('fr', 'landing.title')).toBe(coreFr['landing.title'])
  })
})

describe('translate', () => {
  it('substitutes placeholders and keeps unknown ones visible', () => {
    expect(translate('en', 'presence.title', { count: 3 })).toBe('Here now (3)')
    expect(translate('en', 'presence.you')).toBe('{name} (you)')
  })
})

describe('chooseLocale', () => {
  it('prefers the stored choice, then the browser, then French', () => {
    expect(chooseLocale('en', ['fr-FR'])).toBe('en')
    expect(chooseLocale(null, ['en-GB', 'fr'])).toBe('en')
    expect(chooseLocale(null, ['de-DE', 'fr-CA'])).toBe('fr')
    expect(chooseLocale('xx', ['de-DE'])).toBe('fr')
    expect(chooseLocale(null, [])).toBe('fr')
  })
})

describe('plurals', () => {
  it('follow Intl.PluralRules of the UI language: French 0 and 1 are singular, English only 1', () => {
    expect(translate('fr', 'compass.panel.openCount', { count: 1 })).toBe('1 tour ouvert')
    expect(translate('fr', 'compass.panel.openCount', { count: 0 })).toBe('0 tour ouvert')
    expect(translate('fr', 'compass.panel.openCount', { count: 2 })).toBe('2 tours ouverts')
    expect(translate('en', 'compass.panel.openCount', { count: 1 })).toBe('1 open round')
    expect(translate('en', 'compass.panel.openCount', { count: 0 })).toBe('0 open rounds')
    expect(translate('fr', 'facil.votes.remaining', { count: 0, budget: 3 })).toBe('Il vous reste 0 point sur 3.')
    expect(translate('fr', 'facil.votes.remaining', { count: 2, budget: 3 })).toBe('Il vous reste 2 points sur 3.')
    expect(translate('en', 'facil.votes.tally', { count: 1 })).toBe('1 dot')
  })

  it('no message writes a lazy plural « (s) »', () => {
    for (const catalogue of [fr, en, coreFr, coreEn] as Record<string, string>[]) {
      for (const [key, text] of Object.entries(catalogue)) expect(text, key).not.toMatch(/\(s\)/)
    }
  })
})
