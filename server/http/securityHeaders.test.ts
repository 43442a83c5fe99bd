import { rmSync } from 'node:fs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy, HSTS } from './securityHeaders'
import { buildTestApp, writeTestDist } from './testApp'

/** The security headers through `inject`, with the configurations an operator may choose. */

async function appWith(env: Record<string, string>) {
  return (await buildTestApp({ DIST_DIR: dist, ...env })).app
}

let dist: string
beforeAll(() => {
  dist = writeTestDist('coalition-headers-', {
    'index.html': '<!doctype html><title>Coalition Board</title>',
    'assets/index-abc123.js': 'console.log(1)',
  })
})
afterAll(() => rmSync(dist, { recursive: true, force: true }))

const REQUESTS = [
  { url: '/' },
  { url: '/w/AAAAAAAAAAAAAAAAAAAAAA', headers: { accept: 'text/html' } },
  { url: '/assets/index-abc123.js' },
  { url: '/api/health' },
  { url: '/api/nope' },
  { url: '/api/workshops', method: 'POST' as const },
  // Refused by the router before any hook: the framework error handler sends them too.
  { url: '/api/workshops/%E0%A4%A' },
]

describe('security headers', () => {
  it('keeps every origin to itself on every response, errors included, beside our CSP', async () => {
    const app = await appWith({})
    for (const req of REQUESTS) {
      const res = await app.inject(req)
      expect(res.headers['cross-origin-opener-policy'], req.url).toBe('same-origin')
      expect(res.headers['cross-origin-resource-policy'], req.url).toBe('same-origin')
      expect(res.headers['origin-agent-cluster'], req.url).toBe('?1')
      expect(res.headers['content-security-policy'], req.url).toBe(contentSecurityPolicy(false, 'localhost:80'))
      expect(res.headers['x-content-type-options'], req.url).toBe('nosniff')
      expect(res.headers['referrer-policy'], req.url).toBe('no-referrer')
    }
    await app.close()
  })

  it('sends HSTS when PUBLIC_URL is https, on every response', async () => {
    const app = await appWith({ PUBLIC_URL: 'https://board.example.org' })
    for (const req of REQUESTS) {
      expect((await app.inject(req)).headers['strict-transport-security'], req.url).toBe(HSTS)
    }
    await app.close()
  })

  it('never sends HSTS over plain HTTP: no PUBLIC_URL, or an http one', async () => {
    for (const env of [{}, { PUBLIC_URL: 'http://192.168.1.20:8080' }] as Record<string, string>[]) {
      const app = await appWith(env)
      for (const req of REQUESTS) expect((await app.inject(req)).headers['strict-transport-security']).toBeUndefined()
      await app.close()
    }
  })

  it('believes X-Forwarded-Proto: https only from a proxy TRUST_PROXY trusts', async () => {
    const forwarded = { url: '/', headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' } }
    const untrusted = await appWith({})
    expect((await untrusted.inject(forwarded)).headers['strict-transport-security']).toBeUndefined()
    await untrusted.close()

    const behindProxy = await appWith({ TRUST_PROXY: '1' })
    expect((await behindProxy.inject(forwarded)).headers['strict-transport-security']).toBe(HSTS)
    expect(
      (await behindProxy.inject({ url: '/api/nope', headers: { 'x-forwarded-proto': 'https' } })).headers[
        'strict-transport-security'
      ],
    ).toBe(HSTS)
    expect(
      (await behindProxy.inject({ url: '/', headers: { 'x-forwarded-proto': 'http' } })).headers[
        'strict-transport-security'
      ],
    ).toBeUndefined()
    await behindProxy.close()
  })
})
