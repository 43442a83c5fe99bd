import { describe, expect, it } from 'vitest'
import { CARD_TYPES } from '../../../shared/cards'
import { cardUiOverrides } from './CardToolbar'

describe('tldraw labels of our shapes', () => {
  it('name every card type and the compass for screen readers (never « tool.actor »)', () => {
    const fr = cardUiOverrides.translations?.fr as Record<string, string>
    const en = cardUiOverrides.translations?.en as Record<string, string>
    expect(fr['tool.actor']).toBe('Acteur')
    expect(fr['tool.compass']).toBe('Boussole')
    expect(en['tool.compass']).toBe('Compass')
    for (const type of CARD_TYPES) {
      expect(fr[`tool.${type}`], type).not.toMatch(/^tool\./)
      expect(en[`tool.${type}`], type).not.toMatch(/^tool\./)
    }
  })
})
