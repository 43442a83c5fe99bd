import { describe, expect, it } from 'vitest'
import { memberKeySchema } from '../../shared/ids'
import { generateMemberKey, normalizeDisplayName, USER_COLORS } from './identity'

describe('identity', () => {
  it('generates member keys of 32 base64url characters the server accepts, never twice the same', () => {
    const keys = Array.from({ length: 50 }, generateMemberKey)
    for (const key of keys) {
      expect(key).toMatch(/^[A-Za-z0-9_-]{32}$/)
      expect(memberKeySchema.safeParse(key).success).toBe(true)
    }
    expect(new Set(keys).size).toBe(keys.length)
  })

  it('normalises display names: collapsed spaces, trimmed, at most 40 characters', () => {
    expect(normalizeDisplayName('  Awa   Diallo \n')).toBe('Awa Diallo')
    expect(normalizeDisplayName('   ')).toBe('')
    expect(normalizeDisplayName('x'.repeat(100))).toHaveLength(40)
  })

  it('offers distinct cursor colours', () => {
    expect(new Set(USER_COLORS).size).toBe(USER_COLORS.length)
  })
})
