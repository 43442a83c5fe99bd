import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { CloseCode } from '../../shared/protocol'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type CreatedTestWorkshop,
  type TestServer,
} from '../helpers/server'
import { geoShape } from '../helpers/records'

/**
 * Who may do what: every workshop endpoint and the sync socket × every kind of token
 * (none, garbage, malformed, viewer, participant, facilitator, another workshop's
 * facilitator) → exactly the expected status or close code, and nothing changed where
 * refused. Then the `Origin` check of the sync upgrade, and no token in the log.
 *
 * The server runs with a PUBLIC_URL that is not its own address and one extra allowed
 * origin, as behind a reverse proxy.
 */

const PUBLIC_URL = 'http://board.example.test'
const PARTNER_ORIGIN = 'http://partner.example.test'

type Who = 'none' | 'garbage' | 'malformed' | 'viewer' | 'participant' | 'facilitator' | 'foreign'
const EVERYONE: readonly Who[] = ['none', 'garbage', 'malformed', 'viewer', 'participant', 'facilitator', 'foreign']

let server: TestServer
let a: CreatedTestWorkshop
let b: CreatedTestWorkshop

beforeAll(async () => {
  // The matrix tries hundreds of wrong tokens from one address on purpose: the per-address
  // limit on failed checks (tokenGuesses.test.ts) would answer 429 instead of the 401/4401 it
  // checks, sooner the faster the machine runs the file.
  server = await startServer({ env: { PUBLIC_URL, ALLOWED_ORIGINS: PARTNER_ORIGIN, TOKEN_FAILURE_BURST: '100000' } })
  a = await createWorkshop(server.url, { title: 'Atelier A', template: 'full-workshop' })
  b = await createWorkshop(server.url, { title: 'Atelier B' })
})
afterAll(async () => {
  await server.stop()
})

/** A well-formed token (43 base64url characters) that no workshop issued. */
const GARBAGE = 'A'.repeat(43)

function tokenOf(who: Who, w: CreatedTestWorkshop = a): string | null {
  switch (who) {
    case 'none':
      return null
    case 'garbage':
      return GARBAGE
    case 'malformed':
      return '../../etc/passwd'
    case 'foreign':
      return b.tokens.facilitator
    default:
      return w.tokens[who]
  }
}

async function call(
  method: string,
  path: string,
  who: Who,
  body?: unknown,
): Promise<{ status: number; json: unknown }> {
  const token = tokenOf(who)
  const headers: Record<string, string> = {}
  if (token) headers.authorization = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: unknown
  try {
    json = text ? JSON.parse(text) : null
  } catch {
    json = text
  }
  return { status: res.status, json }
}

/** What a refused call must not change: metadata, board and control state, checkpoints. */
async function stateOf(w: CreatedTestWorkshop): Promise<unknown> {
  const bearer = { authorization: `Bearer ${w.tokens.facilitator}` }
  const meta = await (await fetch(`${server.url}/api/workshops/${w.id}`, { headers: bearer })).json()
  const exported = (await (
    await fetch(`${server.url}/api/workshops/${w.id}/export?format=json`, { headers: bearer })
  ).json()) as Record<string, unknown>
  delete exported.exportedAt
  const checkpoints = await (await fetch(`${server.url}/api/workshops/${w.id}/checkpoints`, { headers: bearer })).json()
  return { meta, exported, checkpoints }
}

const refusals = { none: 401, garbage: 401, malformed: 401, foreign: 401 } as const
const facilitatorOnly = (ok: number): Record<Who, number> => ({
  ...refusals,
  viewer: 403,
  participant: 403,
  facilitator: ok,
})

describe('auth matrix: HTTP', () => {
  let checkpointId = ''

  beforeAll(async () => {
    const res = await call('POST', `/api/workshops/${a.id}/checkpoints`, 'facilitator', { name: 'Avant la pause' })
    expect(res.status).toBe(201)
    checkpointId = (res.json as { checkpoint: { id: string } }).checkpoint.id
  })

  const endpoints: {
    name: string
    method: string
    path: () => string
    body?: unknown
    expected: Record<Who, number>
  }[] = [
    {
      name: 'read the workshop',
      method: 'GET',
      path: () => `/api/workshops/${a.id}`,
      expected: { ...refusals, viewer: 200, participant: 200, facilitator: 200 },
    },
    {
      name: 'export JSON',
      method: 'GET',
      path: () => `/api/workshops/${a.id}/export?format=json`,
      expected: facilitatorOnly(200),
    },
    {
      name: 'export Markdown',
      method: 'GET',
      path: () => `/api/workshops/${a.id}/export?format=md`,
      expected: facilitatorOnly(200),
    },
    {
      name: 'export CSV',
      method: 'GET',
      path: () => `/api/workshops/${a.id}/export?format=csv`,
      expected: facilitatorOnly(200),
    },
    {
      name: 'list checkpoints',
      method: 'GET',
      path: () => `/api/workshops/${a.id}/checkpoints`,
      expected: facilitatorOnly(200),
    },
    {
      name: 'save a checkpoint',
      method: 'POST',
      path: () => `/api/workshops/${a.id}/checkpoints`,
      body: { name: 'Matrice' },
      expected: facilitatorOnly(201),
    },
    {
      name: 'restore a checkpoint',
      method: 'POST',
      path: () => `/api/workshops/${a.id}/checkpoints/${checkpointId}/restore`,
      body: {},
      expected: facilitatorOnly(200),
    },
    {
      name: 'delete a checkpoint',
      method: 'DELETE',
      path: () => `/api/workshops/${a.id}/checkpoints/${checkpointId}`,
      expected: facilitatorOnly(204),
    },
    // Last: the facilitator's call deletes the workshop.
    {
      name: 'delete the workshop',
      method: 'DELETE',
      path: () => `/api/workshops/${a.id}`,
      expected: facilitatorOnly(204),
    },
  ]

  for (const endpoint of endpoints) {
    it(`${endpoint.method} ${endpoint.name}`, async () => {
      // The facilitator last, so every refusal is checked against an untouched workshop.
      const order = [...EVERYONE.filter((w) => w !== 'facilitator'), 'facilitator' as const]
      const got: Partial<Record<Who, number>> = {}
      for (const who of order) {
        const before = who === 'facilitator' ? null : await stateOf(a)
        const res = await call(endpoint.method, endpoint.path(), who, endpoint.body)
        got[who] = res.status
        if (res.status >= 400) {
          // Errors are JSON `{ error }`, and a refusal leaves everything as it was.
          expect(res.json, `${who}: ${JSON.stringify(res.json)}`).toMatchObject({ error: expect.any(String) })
          if (before) expect(await stateOf(a), `${who} changed something`).toEqual(before)
        }
      }
      expect(got).toEqual(endpoint.expected)
    })
  }

  it('answers 404 for an unknown or deleted workshop, whatever the token', async () => {
    for (const path of [
      `/api/workshops/${'Z'.repeat(22)}`,
      `/api/workshops/${a.id}`,
      `/api/workshops/${a.id}/export?format=json`,
    ]) {
      const res = await call('GET', path, 'facilitator')
      expect(res.status, path).toBe(404)
    }
    // A workshop's token opens no other: B is untouched by all of the above.
    expect((await call('GET', `/api/workshops/${b.id}`, 'foreign')).status).toBe(200)
  })
})

/** Opens a raw socket; resolves with the close code, or 'open' once the room welcomed it. */
function trySync(w: CreatedTestWorkshop, token: string | null, origin?: string): Promise<number | 'open'> {
  const query = token === null ? '' : `?token=${encodeURIComponent(token)}`
  const ws = new WebSocket(`${server.url.replace(/^http/, 'ws')}/sync/${w.id}${query}`, origin ? { origin } : {})
  ws.on('error', () => {})
  return new Promise((resolve) => {
    ws.once('message', () => {
      resolve('open')
      ws.close()
    })
    ws.once('close', (code) => resolve(code))
  })
}

describe('auth matrix: sync socket', () => {
  it('opens for the three roles and closes with 4401 for every other token', async () => {
    const w = await createWorkshop(server.url, { title: 'Atelier C' })
    const expected: Record<Who, number | 'open'> = {
      none: CloseCode.invalidToken,
      garbage: CloseCode.invalidToken,
      malformed: CloseCode.invalidToken,
      foreign: CloseCode.invalidToken,
      viewer: 'open',
      participant: 'open',
      facilitator: 'open',
    }
    const got: Partial<Record<Who, number | 'open'>> = {}
    for (const who of EVERYONE) got[who] = await trySync(w, who === 'foreign' ? b.tokens.facilitator : tokenOf(who, w))
    expect(got).toEqual(expected)
    expect(await trySync({ ...w, id: 'Z'.repeat(22) }, w.tokens.facilitator)).toBe(CloseCode.workshopNotFound)
  })

  it("drops the viewer's writes: the board does not change", async () => {
    const w = await createWorkshop(server.url, { title: 'Atelier D' })
    const viewer = connectClient(server.url, w.id, w.tokens.viewer)
    const participant = connectClient(server.url, w.id, w.tokens.participant)
    try {
      await waitFor(() => viewer.provider.synced && participant.provider.synced, 10_000, 'sync')
      const before = await stateOf(w)
      viewer.kv.set('shape:viewer', geoShape('shape:viewer'))
      participant.kv.set('shape:marker', geoShape('shape:marker'))
      await waitFor(() => viewer.kv.has('shape:marker'), 10_000, 'marker relayed')
      const after = (await stateOf(w)) as { exported: { board: { records: { id: string }[] } } }
      const ids = after.exported.board.records.map((r) => r.id)
      expect(ids).toContain('shape:marker')
      expect(ids).not.toContain('shape:viewer')
      expect(before).not.toEqual(after)
    } finally {
      viewer.destroy()
      participant.destroy()
    }
  })
})

describe('origin of the sync upgrade', () => {
  it('accepts PUBLIC_URL, ALLOWED_ORIGINS and non-browsers; refuses other pages with 4403', async () => {
    const w = await createWorkshop(server.url, { title: 'Atelier E' })
    const token = w.tokens.participant
    expect(await trySync(w, token)).toBe('open')
    expect(await trySync(w, token, PUBLIC_URL)).toBe('open')
    expect(await trySync(w, token, PARTNER_ORIGIN)).toBe('open')
    expect(await trySync(w, token, 'http://evil.example.test')).toBe(CloseCode.forbidden)
    expect(await trySync(w, token, 'null')).toBe(CloseCode.forbidden)
    // PUBLIC_URL is set: the server's own address is not where its pages live.
    expect(await trySync(w, token, server.url)).toBe(CloseCode.forbidden)
  })
})

describe('secrets', () => {
  it('never writes a token to the log', async () => {
    // Give the server every chance: a token in a sync query that fails, in a bad header, in a path.
    await trySync(a, b.tokens.viewer)
    await call('GET', `/api/workshops/${b.id}?token=${b.tokens.participant}`, 'none')
    await fetch(`${server.url}/api/workshops/${b.tokens.viewer}`)
    // The token pasted into a path is masked, not just absent by luck (the line comes after the answer).
    await waitFor(() => server.output().includes('/api/workshops/[redacted]'), 10_000, 'the masked path in the log')
    const output = server.output()
    for (const w of [a, b]) for (const token of Object.values(w.tokens)) expect(output).not.toContain(token)
  })

  it('logs structured JSON lines: event, workshop, role, duration', async () => {
    await trySync(b, b.tokens.participant)
    await call('GET', `/api/workshops/${b.id}`, 'foreign')
    const logLines = (): Record<string, unknown>[] =>
      server
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as Record<string, unknown>)
    await waitFor(
      () => logLines().some((l) => l.msg === 'sync closed' && l.workshopId === b.id),
      10_000,
      'the sync line',
    )
    const lines = logLines()
    for (const line of lines)
      expect(line).toMatchObject({ level: expect.any(Number), time: expect.any(Number), msg: expect.any(String) })
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'sync closed',
        workshopId: b.id,
        role: 'participant',
        code: expect.any(Number),
        ms: expect.any(Number),
      }),
    )
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'http', method: 'GET', workshopId: b.id, status: 200, ms: expect.any(Number) }),
    )
    expect(lines).toContainEqual(
      expect.objectContaining({ msg: 'room loaded', workshopId: b.id, ms: expect.any(Number) }),
    )
  })
})
