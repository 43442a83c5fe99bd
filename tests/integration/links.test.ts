import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type TestServer } from '../helpers/server'

/**
 * The links a new workshop hands back point where people can open them: PUBLIC_URL when it
 * is set; otherwise the address the creator reached the server at (`localhost`, the laptop's
 * LAN name…), not the listening address (`127.0.0.1` is another origin than `localhost`;
 * `0.0.0.0` opens nothing). Only a plain host makes it into a link.
 */

/** POST /api/workshops with exactly these headers (fetch would not let us set `Host`). */
function createWith(
  server: TestServer,
  headers: Record<string, string>,
): Promise<{ status: number; links: Record<string, string> }> {
  const body = JSON.stringify({ title: 'Atelier des liens' })
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/api/workshops',
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            links: (JSON.parse(text) as { links?: Record<string, string> }).links ?? {},
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

function origins(links: Record<string, string>): string[] {
  return Object.values(links).map((link) => new URL(link).origin)
}

describe('workshop links without PUBLIC_URL', () => {
  let server: TestServer
  beforeAll(async () => {
    server = await startServer()
  })
  afterAll(async () => {
    await server?.stop()
  })

  it('use the host the creator typed', async () => {
    const local = await createWith(server, { host: `localhost:${server.port}` })
    expect(local.status).toBe(201)
    expect(origins(local.links)).toEqual(Array(3).fill(`http://localhost:${server.port}`))
    const lan = await createWith(server, { host: 'salle-b.local:8080' })
    expect(origins(lan.links)).toEqual(Array(3).fill('http://salle-b.local:8080'))
  })

  it('fall back to the listening address when the host is not a plain host', async () => {
    for (const host of ['evil.example/x?', 'a b', 'évil.example', '']) {
      const res = await createWith(server, { host })
      // An empty or broken Host may be refused outright; if answered, never echoed.
      if (res.status === 201) expect(origins(res.links)).toEqual(Array(3).fill(server.url))
      else expect(res.status).toBe(400)
    }
  })

  it('ignore X-Forwarded-Host when no proxy is trusted', async () => {
    const res = await createWith(server, {
      host: `127.0.0.1:${server.port}`,
      'x-forwarded-host': 'board.example.org',
      'x-forwarded-proto': 'https',
    })
    expect(origins(res.links)).toEqual(Array(3).fill(`http://127.0.0.1:${server.port}`))
  })
})

describe('workshop links behind a trusted proxy, or with PUBLIC_URL', () => {
  let proxied: TestServer
  let configured: TestServer
  beforeAll(async () => {
    ;[proxied, configured] = await Promise.all([
      startServer({ env: { TRUST_PROXY: '1' } }),
      startServer({ env: { PUBLIC_URL: 'https://ateliers.example.org' } }),
    ])
  })
  afterAll(async () => {
    await Promise.all([proxied?.stop(), configured?.stop()])
  })

  it('behind the proxy: the address the proxy was reached at', async () => {
    const res = await createWith(proxied, {
      host: `127.0.0.1:${proxied.port}`,
      'x-forwarded-host': 'board.example.org',
      'x-forwarded-proto': 'https',
      'x-forwarded-for': '203.0.113.9',
    })
    expect(origins(res.links)).toEqual(Array(3).fill('https://board.example.org'))
  })

  it('PUBLIC_URL wins over any host', async () => {
    const res = await createWith(configured, { host: 'localhost:1234' })
    expect(origins(res.links)).toEqual(Array(3).fill('https://ateliers.example.org'))
  })
})
