import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { contentSecurityPolicy } from './securityHeaders'
import { CLIENT_NOT_BUILT } from './staticClient'
import { buildTestApp, writeTestDist } from './testApp'

/** The HTTP app through `inject`, without a port: static client, fallbacks, headers. */

async function appWith(distDir: string, env: Record<string, string> = {}) {
  return (await buildTestApp({ DIST_DIR: distDir, ...env }, { publicUrl: 'https://board.example.org' })).app
}

let dist: string
beforeAll(() => {
  dist = writeTestDist('coalition-dist-', {
    'index.html': '<!doctype html><title>Coalition Board</title>',
    'assets/index-abc123.js': 'console.log(1)',
    'favicon.svg': '<svg/>',
  })
})
afterAll(() => rmSync(dist, { recursive: true, force: true }))

describe('HTTP app', () => {
  it('serves the built client: hashed assets cached for long, the rest revalidated', async () => {
    const app = await appWith(dist)
    const asset = await app.inject({ url: '/assets/index-abc123.js' })
    expect(asset.statusCode).toBe(200)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(asset.headers['content-type']).toMatch(/javascript/)
    const icon = await app.inject({ url: '/favicon.svg' })
    expect(icon.headers['cache-control']).toBe('no-cache')
    await app.close()
  })

  it('answers the SPA routes with index.html, not cached', async () => {
    const app = await appWith(dist)
    for (const url of ['/', '/w/AAAAAAAAAAAAAAAAAAAAAA', '/some/page']) {
      const res = await app.inject({ url, headers: { accept: 'text/html,application/xhtml+xml' } })
      expect(res.statusCode).toBe(200)
      expect(res.body).toContain('<title>Coalition Board</title>')
      expect(res.headers['cache-control']).toBe('no-cache')
    }
    const res = await app.inject({ url: '/w/AAAAAAAAAAAAAAAAAAAAAA' })
    expect(res.body).toContain('Coalition Board')
    await app.close()
  })

  it('answers unknown API paths and missing non-HTML files with a JSON 404', async () => {
    const app = await appWith(dist)
    const api = await app.inject({ url: '/api/nope', headers: { accept: 'text/html' } })
    expect(api.statusCode).toBe(404)
    expect(api.json()).toEqual({ error: 'not found' })
    const missing = await app.inject({ url: '/assets/missing.js', headers: { accept: '*/*' } })
    expect(missing.statusCode).toBe(404)
    expect(missing.json()).toEqual({ error: 'not found' })
    await app.close()
  })

  it('says the client is not built when there is no index.html', async () => {
    const app = await appWith(join(dist, 'does-not-exist'))
    const res = await app.inject({ url: '/' })
    expect(res.statusCode).toBe(503)
    expect(res.body).toBe(CLIENT_NOT_BUILT)
    const page = await app.inject({ url: '/w/AAAAAAAAAAAAAAAAAAAAAA' })
    expect(page.statusCode).toBe(503)
    await app.close()
  })

  it('sends the security headers on every response, errors included', async () => {
    const app = await appWith(dist)
    for (const req of [
      { url: '/' },
      { url: '/api/health' },
      { url: '/api/nope' },
      { url: '/assets/index-abc123.js' },
      { url: '/api/workshops', method: 'POST' as const },
    ]) {
      const res = await app.inject(req)
      // No PUBLIC_URL in this config: the sockets' origin is the host the request came to.
      expect(res.headers['content-security-policy']).toBe(contentSecurityPolicy(false, 'localhost:80'))
      expect(res.headers['x-content-type-options']).toBe('nosniff')
      expect(res.headers['referrer-policy']).toBe('no-referrer')
    }
    // Sockets to PUBLIC_URL only, never to any host; a forged Host cannot add a directive.
    expect(contentSecurityPolicy(true, 'board.example.org')).toContain("connect-src 'self' wss://board.example.org;")
    expect(contentSecurityPolicy(false, '127.0.0.1:8080')).toContain(
      "connect-src 'self' ws://127.0.0.1:8080 wss://127.0.0.1:8080;",
    )
    expect(contentSecurityPolicy(false, "x; script-src 'unsafe-inline'")).toContain("connect-src 'self';")
    expect(contentSecurityPolicy(true, 'board.example.org')).toContain("frame-ancestors 'none'")
    await app.close()
  })

  it('lists the rooms it holds only to the operator (OPERATOR_TOKEN), and not at all when none is set', async () => {
    const closed = await appWith(dist)
    const off = await closed.inject({ url: '/api/health/rooms' })
    expect(off.statusCode).toBe(404)
    expect(off.json()).toEqual({ error: expect.stringContaining('OPERATOR_TOKEN') })
    await closed.close()

    const operator = 'o'.repeat(40)
    const app = await appWith(dist, { OPERATOR_TOKEN: operator })
    expect((await app.inject({ url: '/api/health/rooms' })).statusCode).toBe(401)
    const wrong = await app.inject({ url: '/api/health/rooms', headers: { authorization: `Bearer ${'x'.repeat(40)}` } })
    expect(wrong.statusCode).toBe(401)
    expect(wrong.body).not.toContain('rooms')
    const right = await app.inject({ url: '/api/health/rooms', headers: { authorization: `Bearer ${operator}` } })
    expect(right.statusCode).toBe(200)
    expect(right.json()).toEqual({ status: 'ok', rooms: [] })
    expect(right.headers['cache-control']).toBe('no-store')
    // The public health check stays public.
    expect((await app.inject({ url: '/api/health' })).json()).toEqual({ status: 'ok', rooms: 0 })
    await app.close()
  })

  it('creates workshops with links on the public URL', async () => {
    const app = await appWith(dist)
    const res = await app.inject({ method: 'POST', url: '/api/workshops', payload: { title: 'Atelier' } })
    expect(res.statusCode).toBe(201)
    const { id, links } = res.json() as { id: string; links: Record<string, string> }
    expect(links.viewer).toMatch(new RegExp(`^https://board\\.example\\.org/w/${id}#token=[A-Za-z0-9_-]{43}$`))
    const config = await app.inject({ url: '/api/config' })
    expect(config.json()).toEqual({ tldrawLicenseKey: null, publicUrl: 'https://board.example.org' })
    await app.close()
  })
})
