import { describe, expect, it } from 'vitest'
import { isOriginAllowed, normalizeOrigin, originPolicy } from './origin'

describe('origin policy of the sync endpoint', () => {
  it('with PUBLIC_URL: its origin and ALLOWED_ORIGINS, nothing else', () => {
    const policy = originPolicy('https://board.example.org', ['https://atelier.example.org/'])
    expect(isOriginAllowed(policy, 'https://board.example.org', 'internal:8080')).toBe(true)
    expect(isOriginAllowed(policy, 'https://BOARD.example.org:443', 'x')).toBe(true)
    expect(isOriginAllowed(policy, 'https://atelier.example.org', 'x')).toBe(true)
    expect(isOriginAllowed(policy, 'https://evil.example', 'board.example.org')).toBe(false)
    expect(isOriginAllowed(policy, 'http://board.example.org', 'board.example.org')).toBe(false)
    // Same host is not enough once PUBLIC_URL says where the pages live.
    expect(isOriginAllowed(policy, 'https://internal:8080', 'internal:8080')).toBe(false)
  })

  it('without PUBLIC_URL: pages of the host they connect to (any name of this server)', () => {
    const policy = originPolicy(null, [])
    expect(isOriginAllowed(policy, 'http://127.0.0.1:8080', '127.0.0.1:8080')).toBe(true)
    expect(isOriginAllowed(policy, 'http://localhost:8080', 'localhost:8080')).toBe(true)
    expect(isOriginAllowed(policy, 'http://evil.example', '127.0.0.1:8080')).toBe(false)
    expect(isOriginAllowed(policy, 'http://localhost:9999', 'localhost:8080')).toBe(false)
    expect(isOriginAllowed(policy, 'http://localhost:8080', undefined)).toBe(false)
  })

  it('refuses an opaque origin, lets non-browsers through, and * allows all', () => {
    const policy = originPolicy('https://board.example.org', [])
    expect(isOriginAllowed(policy, 'null', 'board.example.org')).toBe(false)
    expect(isOriginAllowed(policy, 'file://', 'board.example.org')).toBe(false)
    expect(isOriginAllowed(policy, undefined, 'board.example.org')).toBe(true)
    expect(isOriginAllowed(originPolicy('https://board.example.org', ['*']), 'https://anything.example', 'x')).toBe(
      true,
    )
  })

  it('normalizes origins and rejects what is not http(s)', () => {
    expect(normalizeOrigin('https://Board.Example.org:443/path?q')).toBe('https://board.example.org')
    expect(normalizeOrigin('http://localhost:8080/')).toBe('http://localhost:8080')
    expect(normalizeOrigin('ws://x')).toBeNull()
    expect(normalizeOrigin('not a url')).toBeNull()
  })
})
