import Database from 'better-sqlite3'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { CloseCode } from '../../shared/protocol'
import { createWorkshop, startServer, type CreatedTestWorkshop, type TestServer } from '../helpers/server'

/**
 * Bad HTTP input against a real server: oversize bodies, wrong content types, invalid
 * JSON, path tricks in ids, unknown routes and methods, too many creations from one
 * address. Each gets a clear 4xx as JSON `{ error }` without a stack trace, with the
 * security headers, and nothing is created, changed or deleted (counted in the SQLite file).
 */

const MAX_IMPORT_BYTES = 200_000

let server: TestServer
let w: CreatedTestWorkshop

beforeAll(async () => {
  server = await startServer({ env: { MAX_IMPORT_BYTES: String(MAX_IMPORT_BYTES) } })
  w = await createWorkshop(server.url, { title: 'Atelier témoin' })
})
afterAll(async () => {
  await server.stop()
})

/** Rows that any creation would add, read from the server's own database file. */
function counts(s: TestServer = server): { workshops: number; tokens: number; spaces: number } {
  const db = new Database(join(s.dataDir, 'coalition.db'), { readonly: true, fileMustExist: true })
  try {
    const count = (table: string): number => {
      const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table)
      return exists ? (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n : 0
    }
    return { workshops: count('workshops'), tokens: count('tokens'), spaces: count('spaces') }
  } finally {
    db.close()
  }
}

interface Answer {
  status: number
  headers: Headers
  text: string
}

async function send(
  method: string,
  path: string,
  options: { type?: string; body?: string | Blob; token?: string; headers?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers }
  if (options.type) headers['content-type'] = options.type
  if (options.token) headers.authorization = `Bearer ${options.token}`
  const res = await fetch(`${server.url}${path}`, { method, headers, body: options.body })
  return { status: res.status, headers: res.headers, text: await res.text() }
}

/** A clear refusal: the status, JSON `{ error }`, no stack trace or file path, the security headers. */
function expectRefusal(answer: Answer, status: number | number[], what: string): void {
  const statuses = Array.isArray(status) ? status : [status]
  expect(statuses, `${what}: got ${answer.status} ${answer.text.slice(0, 200)}`).toContain(answer.status)
  expect(answer.headers.get('content-type'), what).toMatch(/^application\/json/)
  const body = JSON.parse(answer.text) as { error?: unknown }
  expect(typeof body.error, what).toBe('string')
  expect(answer.text, what).not.toMatch(/\bat .+:\d+:\d+|node_modules|\/server\/|\.ts\b/)
  expectSecurityHeaders(answer, what)
}

function expectSecurityHeaders(answer: Answer, what: string): void {
  expect(answer.headers.get('content-security-policy'), what).toMatch(/frame-ancestors 'none'/)
  expect(answer.headers.get('content-security-policy'), what).toMatch(/default-src 'self'/)
  // WebSockets to this server only: no scheme-wide source such as `ws:` or `wss:`.
  expect(answer.headers.get('content-security-policy'), what).toMatch(
    /connect-src 'self'( wss?:\/\/127\.0\.0\.1:\d+)*;/,
  )
  expect(answer.headers.get('x-content-type-options'), what).toBe('nosniff')
  expect(answer.headers.get('referrer-policy'), what).toBe('no-referrer')
}

const JSON_TYPE = 'application/json'

describe('bad HTTP input', () => {
  it('refuses oversize bodies with 413, before creating anything', async () => {
    const before = counts()
    const big = JSON.stringify({ title: 'x', coalition: 'y'.repeat(70_000) })
    expectRefusal(await send('POST', '/api/workshops', { type: JSON_TYPE, body: big }), 413, 'create, 70 KB')
    expectRefusal(await send('POST', '/api/spaces', { type: JSON_TYPE, body: big }), 413, 'space, 70 KB')
    const hugeImport = JSON.stringify({ format: 'coalition-board/workshop@1', padding: 'z'.repeat(MAX_IMPORT_BYTES) })
    expectRefusal(
      await send('POST', '/api/workshops/import', { type: JSON_TYPE, body: hugeImport }),
      413,
      'import over MAX_IMPORT_BYTES',
    )
    expectRefusal(
      await send('POST', `/api/workshops/${w.id}/checkpoints`, {
        type: JSON_TYPE,
        body: big,
        token: w.tokens.facilitator,
      }),
      413,
      'checkpoint, 70 KB',
    )
    expect(counts()).toEqual(before)
  })

  it('refuses bodies that are not JSON with 415', async () => {
    const before = counts()
    const body = JSON.stringify({ title: 'Atelier' })
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/xml',
      'application/jsonx',
    ]) {
      expectRefusal(await send('POST', '/api/workshops', { type, body }), [415, 400], `create as ${type}`)
      expectRefusal(await send('POST', '/api/workshops/import', { type, body }), [415, 400], `import as ${type}`)
      expectRefusal(await send('POST', '/api/spaces', { type, body }), [415, 400], `space as ${type}`)
    }
    expectRefusal(
      await send('POST', '/api/workshops', { body: new Blob([new Uint8Array([1, 2, 3])]) }),
      [415, 400],
      'create without a type',
    )
    expect(counts()).toEqual(before)
  })

  it('refuses invalid JSON and invalid shapes with 400', async () => {
    const before = counts()
    const deep = '['.repeat(20_000) + ']'.repeat(20_000)
    const bodies = [
      '{',
      '{"title":',
      'null',
      '[]',
      '"atelier"',
      '{"title":1}',
      '{"title":""}',
      '{"title":"x","locale":"klingon"}',
      '{"title":"x","template":"../../etc"}',
      deep,
      '\u0000',
      '{"title":"x"}garbage',
    ]
    for (const body of bodies) {
      const what = body.slice(0, 30)
      expectRefusal(await send('POST', '/api/workshops', { type: JSON_TYPE, body }), 400, `create ${what}`)
      expectRefusal(await send('POST', '/api/workshops/import', { type: JSON_TYPE, body }), 400, `import ${what}`)
    }
    // Prototype pollution is data like any other: refused or ignored, never applied.
    const polluted = '{"title":"x","__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}}}'
    const answer = await send('POST', '/api/workshops', { type: JSON_TYPE, body: polluted })
    expect([201, 400]).toContain(answer.status)
    if (answer.status === 201) before.workshops += 1
    expect(counts().workshops).toBe(before.workshops)
  })

  it('answers 404 (or 401) to path tricks in ids, and touches nothing', async () => {
    const before = counts()
    const tricks = [
      '..%2F..%2Fetc%2Fpasswd',
      '%2e%2e',
      `${w.id}%00`,
      `${w.id}%2F..%2F${w.id}`,
      'a'.repeat(5_000),
      `${w.id.slice(0, 21)}é`,
      '%',
      `${w.id}%20`,
    ]
    for (const id of tricks) {
      for (const [method, suffix] of [
        ['GET', ''],
        ['DELETE', ''],
        ['GET', '/export?format=json'],
        ['GET', '/checkpoints'],
      ] as const) {
        const answer = await send(method, `/api/workshops/${id}${suffix}`, { token: w.tokens.facilitator })
        // 414: an id longer than a route parameter may be, refused by the router itself.
        expectRefusal(answer, [400, 401, 404, 414], `${method} ${id.slice(0, 40)}${suffix}`)
      }
    }
    for (const cid of ['..%2F..', '%2e%2e', 'x'.repeat(300)]) {
      const answer = await send('POST', `/api/workshops/${w.id}/checkpoints/${cid}/restore`, {
        type: JSON_TYPE,
        body: '{}',
        token: w.tokens.facilitator,
      })
      expectRefusal(answer, [400, 404, 414], `restore ${cid.slice(0, 20)}`)
    }
    for (const id of ['..%2F..%2Fetc', 'a'.repeat(5_000)]) {
      expectRefusal(
        await send('GET', `/api/spaces/${id}`, { token: w.tokens.facilitator }),
        [400, 401, 404, 414],
        `space ${id.slice(0, 20)}`,
      )
    }
    // The workshop the tricks aimed at is still there, unchanged.
    const still = await send('GET', `/api/workshops/${w.id}`, { token: w.tokens.facilitator })
    expect(still.status).toBe(200)
    expect(JSON.parse(still.text)).toMatchObject({ id: w.id, title: 'Atelier témoin' })
    expect(counts()).toEqual(before)
  })

  it('never serves a file from outside the client through the static route', async () => {
    for (const path of [
      '/..%2f..%2fpackage.json',
      '/assets/..%2f..%2f..%2fpackage.json',
      '/%2e%2e/%2e%2e/package.json',
      '/assets/%2e%2e%2fserver%2fmain.ts',
      '/.env',
      '/../data/coalition.db',
    ]) {
      const answer = await send('GET', path)
      expect(answer.status, path).toBeLessThan(500)
      expect(answer.text, path).not.toContain('"devDependencies"')
      expect(answer.text, path).not.toContain('startServer')
      expect(answer.text, path).not.toContain('SQLite format')
      expectSecurityHeaders(answer, path)
    }
  })

  it('answers unknown API routes and methods with a JSON 404', async () => {
    for (const [method, path] of [
      ['PUT', '/api/workshops'],
      ['GET', '/api/nothing'],
      ['PATCH', `/api/workshops/${w.id}`],
      ['POST', '/api/health'],
    ] as const) {
      expectRefusal(
        await send(method, path, { type: JSON_TYPE, body: method === 'GET' ? undefined : '{}' }),
        [404, 405],
        `${method} ${path}`,
      )
    }
  })

  it('sends the security headers with pages and API answers alike', async () => {
    for (const path of ['/', '/w/some-id', '/api/health']) expectSecurityHeaders(await send('GET', path), path)
  })
})

describe('creation rate limit per address', () => {
  let limited: TestServer
  beforeAll(async () => {
    limited = await startServer({ env: { CREATIONS_PER_MINUTE: '1', CREATION_BURST: '3' } })
  })
  afterAll(async () => {
    await limited.stop()
  })

  async function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const res = await fetch(`${limited.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': JSON_TYPE, ...headers },
      body: JSON.stringify(body),
    })
    return { status: res.status, headers: res.headers, text: await res.text() }
  }

  it('refuses creations and imports beyond the burst with 429 and Retry-After, creating nothing', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) statuses.push((await post('/api/workshops', { title: `Atelier ${i}` })).status)
    expect(statuses).toEqual([201, 201, 201])
    const before = counts(limited)
    const refusedCreate = await post('/api/workshops', { title: 'Un de trop' })
    expectRefusal(refusedCreate, 429, 'fourth creation')
    expect(Number(refusedCreate.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    // One bucket for every creation route; a forged X-Forwarded-For changes nothing.
    expectRefusal(await post('/api/workshops/import', { format: 'coalition-board/workshop@1' }), 429, 'import')
    expectRefusal(await post('/api/spaces', { title: 'Espace' }), 429, 'space')
    expectRefusal(
      await post('/api/workshops', { title: 'Déguisé' }, { 'x-forwarded-for': '203.0.113.9' }),
      429,
      'forged address',
    )
    expect(counts(limited)).toEqual(before)
    // Reading is not creating.
    const health = await fetch(`${limited.url}/api/health`)
    expect(health.status).toBe(200)
  })
})

describe('behind a trusted reverse proxy (TRUST_PROXY=1)', () => {
  let proxied: TestServer
  beforeAll(async () => {
    proxied = await startServer({
      env: { TRUST_PROXY: '1', CREATIONS_PER_MINUTE: '1', CREATION_BURST: '1', MAX_CONNECTIONS_PER_IP: '1' },
    })
  })
  afterAll(async () => {
    await proxied.stop()
  })

  const create = async (forwardedFor: string): Promise<number> =>
    (
      await fetch(`${proxied.url}/api/workshops`, {
        method: 'POST',
        headers: { 'content-type': JSON_TYPE, 'x-forwarded-for': forwardedFor },
        body: '{"title":"Atelier"}',
      })
    ).status

  it('counts creations per client address as the proxy reports it', async () => {
    expect(await create('203.0.113.1')).toBe(201)
    expect(await create('203.0.113.1')).toBe(429)
    // What a client writes left of the proxy's entry is not believed.
    expect(await create('198.51.100.50, 203.0.113.1')).toBe(429)
    expect(await create('203.0.113.2')).toBe(201)
  })

  it('caps sockets per client address as the proxy reports it', async () => {
    // Without X-Forwarded-For the proxy's own address is the client: its bucket is still full.
    const w = await createWorkshop(proxied.url, { title: 'Derrière le proxy' })
    const open = (forwardedFor: string): Promise<number | 'open'> =>
      new Promise((resolve) => {
        const ws = new WebSocket(`${proxied.url.replace('http', 'ws')}/sync/${w.id}?token=${w.tokens.viewer}`, {
          headers: { 'x-forwarded-for': forwardedFor },
        })
        ws.on('error', () => {})
        ws.once('message', () => resolve('open'))
        ws.once('close', (code) => resolve(code))
        sockets.push(ws)
      })
    const sockets: WebSocket[] = []
    try {
      expect(await open('203.0.113.7')).toBe('open')
      expect(await open('203.0.113.7')).toBe(CloseCode.tooManyConnections)
      expect(await open('203.0.113.8')).toBe('open')
    } finally {
      for (const ws of sockets) ws.close()
    }
  })
})
