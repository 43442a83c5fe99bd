import { createHash, createHmac } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { memberKeySchema, tokenSchema, workshopIdSchema } from '../../shared/ids'
import {
  deriveRoleToken,
  generateMemberKey,
  generateToken,
  generateWorkshopId,
  hashToken,
  matchToken,
  memberIdFor,
  newWorkshopTokens,
  recoverRoleTokens,
  storedTokens,
} from './tokens'

describe('tokens', () => {
  it('generates tokens, ids and member keys that pass the shared schemas, never twice the same', () => {
    const seen = new Set<string>()
    for (let i = 0; i < 200; i++) {
      const token = generateToken()
      expect(tokenSchema.safeParse(token).success).toBe(true)
      expect(workshopIdSchema.safeParse(generateWorkshopId()).success).toBe(true)
      expect(memberKeySchema.safeParse(generateMemberKey()).success).toBe(true)
      seen.add(token)
    }
    expect(seen.size).toBe(200)
  })

  it('hashes with SHA-256', () => {
    const token = generateToken()
    expect(Buffer.from(hashToken(token)).toString('hex')).toBe(createHash('sha256').update(token).digest('hex'))
  })

  it('matches a token to its role among stored hashes, and nothing else', () => {
    const [f, p, v] = [generateToken(), generateToken(), generateToken()]
    const stored = [
      { hash: hashToken(f), role: 'facilitator' as const },
      { hash: hashToken(p), role: 'participant' as const },
      { hash: hashToken(v), role: 'viewer' as const },
    ]
    expect(matchToken(f, stored)).toBe('facilitator')
    expect(matchToken(p, stored)).toBe('participant')
    expect(matchToken(v, stored)).toBe('viewer')
    expect(matchToken(generateToken(), stored)).toBeNull()
    expect(matchToken(f, [])).toBeNull()
    // A stored hash of the wrong length (corrupt row) must not throw out of timingSafeEqual.
    expect(matchToken(f, [{ hash: new Uint8Array(3), role: 'facilitator' }])).toBeNull()
  })

  it('derives a member id from the workshop and the key: 16 base64url chars, stable, per workshop', () => {
    const key = generateMemberKey()
    const a = memberIdFor('AAAAAAAAAAAAAAAAAAAAAA', key)
    expect(a).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(memberIdFor('AAAAAAAAAAAAAAAAAAAAAA', key)).toBe(a)
    expect(memberIdFor('BBBBBBBBBBBBBBBBBBBBBB', key)).not.toBe(a)
    const expected = createHash('sha256').update(`AAAAAAAAAAAAAAAAAAAAAA:${key}`).digest('base64url').slice(0, 16)
    expect(a).toBe(expected)
  })
})

describe('derived participant and viewer tokens', () => {
  it('are HMAC-SHA256 of the role keyed by the facilitator token, shaped like any token', () => {
    const facilitator = generateToken()
    const participant = deriveRoleToken(facilitator, 'participant')
    expect(participant).toBe(createHmac('sha256', facilitator).update('participant').digest('base64url'))
    expect(participant).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(deriveRoleToken(facilitator, 'viewer')).not.toBe(participant)
    expect(deriveRoleToken(generateToken(), 'participant')).not.toBe(participant)
  })

  it('a new workshop’s tokens are recoverable from its facilitator token alone', () => {
    const tokens = newWorkshopTokens()
    const stored = storedTokens(tokens)
    expect(stored.map((t) => t.role)).toEqual(['facilitator', 'participant', 'viewer'])
    expect(matchToken(tokens.participant, stored)).toBe('participant')
    expect(recoverRoleTokens(tokens.facilitator, stored)).toEqual({
      participant: tokens.participant,
      viewer: tokens.viewer,
    })
  })

  it('an older workshop (random tokens) or another facilitator token recovers nothing', () => {
    const tokens = { facilitator: generateToken(), participant: generateToken(), viewer: generateToken() }
    expect(recoverRoleTokens(tokens.facilitator, storedTokens(tokens))).toBeNull()
    const derived = newWorkshopTokens()
    expect(recoverRoleTokens(generateToken(), storedTokens(derived))).toBeNull()
  })
})
