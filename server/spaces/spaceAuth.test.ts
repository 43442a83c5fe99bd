import { describe, expect, it } from 'vitest'
import { tokenSchema } from '../../shared/ids'
import { defaultThemes } from '../../shared/spaces/themes'
import { generateToken, hashToken } from '../auth/tokens'
import { createMemoryStorage } from '../storage/memoryStorage'
import {
  authorizeSpace,
  generateCoalitionId,
  generateSpaceId,
  matchSpaceToken,
  newSpaceTokens,
  viewerTokenFor,
} from './spaceAuth'

describe('space tokens', () => {
  it('derives a well-formed read-only token from the admin token, one way and always the same', () => {
    const admin = generateToken()
    const viewer = viewerTokenFor(admin)
    expect(tokenSchema.safeParse(viewer).success).toBe(true)
    expect(viewer).not.toBe(admin)
    expect(viewerTokenFor(admin)).toBe(viewer)
    expect(viewerTokenFor(generateToken())).not.toBe(viewer)
    // What storage keeps of the admin token is not the read-only token (domain-separated).
    expect(Buffer.from(hashToken(admin)).toString('base64url')).not.toBe(viewer)
  })

  it('stores only hashes and matches each token to its role', () => {
    const tokens = newSpaceTokens()
    expect(tokens.stored.map((t) => t.role)).toEqual(['admin', 'viewer'])
    for (const stored of tokens.stored) expect(stored.hash).toHaveLength(32)
    expect(matchSpaceToken(tokens.admin, tokens.stored)).toBe('admin')
    expect(matchSpaceToken(tokens.viewer, tokens.stored)).toBe('viewer')
    expect(matchSpaceToken(generateToken(), tokens.stored)).toBeNull()
  })

  it('makes ids of the expected shapes', () => {
    expect(generateSpaceId()).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(generateCoalitionId()).toMatch(/^[A-Za-z0-9_-]{12}$/)
  })
})

describe('authorizeSpace', () => {
  it('checks the token shape first, then the space, then the token', async () => {
    const storage = createMemoryStorage()
    const tokens = newSpaceTokens()
    const id = generateSpaceId()
    await storage.createSpace(
      { id, title: 'Saison', description: '', locale: 'fr', themes: defaultThemes('fr'), createdAt: 1, updatedAt: 1 },
      tokens.stored,
    )
    expect(await authorizeSpace(storage, id, null)).toMatchObject({ ok: false, status: 401 })
    expect(await authorizeSpace(storage, '../x', 'short')).toMatchObject({ ok: false, status: 401 })
    expect(await authorizeSpace(storage, '../x', tokens.admin)).toMatchObject({ ok: false, status: 404 })
    expect(await authorizeSpace(storage, generateSpaceId(), tokens.admin)).toMatchObject({ ok: false, status: 404 })
    expect(await authorizeSpace(storage, id, generateToken())).toMatchObject({ ok: false, status: 401 })
    expect(await authorizeSpace(storage, id, tokens.viewer)).toMatchObject({
      ok: true,
      role: 'viewer',
      space: { version: 1 },
    })
    expect(await authorizeSpace(storage, id, tokens.admin)).toMatchObject({
      ok: true,
      role: 'admin',
      token: tokens.admin,
    })
  })
})
