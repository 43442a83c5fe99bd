import { randomBytes } from 'node:crypto'
import { request as httpRequest } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { createWorkshop, startServer, type CreatedTestWorkshop, type TestServer } from '../helpers/server'

/**
 * Token guessing (issue 14, item 6): 256-bit tokens cannot be guessed, but 3,000 tries a
 * second cost the server and tell nobody. Failed token checks are limited per address:
 * after a burst of wrong tokens an address gets 429 on HTTP and on the `/sync` upgrade
 * (with `Retry-After`), every failure is logged with its path and address but never the
 * token, and other addresses are not affected (a second loopback address, 127.0.0.2,
 * stands for another person).
 */

const BURST = 10
let server: TestServer
let w: CreatedTestWorkshop

beforeAll(async () => {
  server = await startServer({ env: { TOKEN_FAILURE_BURST: String(BURST), TOKEN_FAILURES_PER_MINUTE: '1' } })
  w = await createWorkshop(server.url, { title: 'Atelier convoité' })
})
afterAll(async () => {
  await server.stop()
})

const guess = () => randomBytes(32).toString('base64url')

/** `GET path` with a Bearer token, from a chosen local address. */
function get(
  path: string,
  token: string,
  from = '127.0.0.1',
): Promise<{ status: number; retryAfter: string | undefined; body: { error?: string } }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${server.url}${path}`,
      { localAddress: from, agent: false, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (text += chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            retryAfter: res.headers['retry-after'] as string | undefined,
            body: JSON.parse(text) as { error?: string },
          }),
        )
      },
    )
    req.on('error', reject)
    req.end()
  })
}

/** Opens `/sync/<id>?token=…` from a chosen local address: the HTTP refusal, or the socket once open. */
function openSync(token: string, from = '127.0.0.1'): Promise<{ refused: number } | { open: WebSocket }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${w.id}?token=${token}`, { localAddress: from })
    ws.on('unexpected-response', (_req, res) => {
      resolve({ refused: res.statusCode ?? 0 })
      res.resume()
    })
    ws.on('open', () => resolve({ open: ws }))
    ws.on('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err)
    })
  })
}

describe('token guesses', () => {
  it('a burst of wrong tokens from one address ends in 429, on HTTP and on /sync; another address still gets in', async () => {
    const tried: string[] = []
    const statuses: number[] = []
    for (let i = 0; i < BURST + 5; i++) {
      const token = guess()
      tried.push(token)
      statuses.push((await get(`/api/workshops/${w.id}`, token)).status)
    }
    expect(statuses.slice(0, BURST)).toEqual(Array(BURST).fill(401))
    expect(statuses.slice(BURST)).toEqual(Array(5).fill(429))

    const refused = await get(`/api/workshops/${w.id}`, guess())
    expect(refused.status).toBe(429)
    expect(Number(refused.retryAfter)).toBeGreaterThan(0)
    expect(refused.body.error).toMatch(/too many/i)
    // The export and a space are checked by the same limit.
    expect((await get(`/api/workshops/${w.id}/export?format=json`, guess())).status).toBe(429)
    // The sync endpoint refuses the upgrade itself.
    expect(await openSync(guess())).toEqual({ refused: 429 })

    // Someone else, with the right link, is not affected.
    expect((await get(`/api/workshops/${w.id}`, w.tokens.participant, '127.0.0.2')).status).toBe(200)
    const other = await openSync(w.tokens.participant, '127.0.0.2')
    expect(other).toHaveProperty('open')
    if ('open' in other) other.open.close()

    // Logged with where it came from, never with the token.
    const log = server.output()
    expect(log).toMatch(/"msg":"token check failed"/)
    expect(log).toMatch(/"address":"127\.0\.0\.1"/)
    for (const token of tried) expect(log).not.toContain(token)
  })
})
