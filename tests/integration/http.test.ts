import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode, DEFAULT_LIMITS } from '../../shared/protocol'
import { closeOf, connectClient, createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'
import { geoShape } from '../helpers/records'

/** The REST API of a real server process: creation, metadata per role, deletion, errors. */

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
})

const TOKEN = /^[A-Za-z0-9_-]{43}$/

async function post(body: string, contentType: string | null = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = {}
  if (contentType) headers['content-type'] = contentType
  return fetch(`${server.url}/api/workshops`, { method: 'POST', headers, body })
}

function get(id: string, token?: string): Promise<Response> {
  return fetch(`${server.url}/api/workshops/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} })
}

function del(id: string, token: string): Promise<Response> {
  return fetch(`${server.url}/api/workshops/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })
}

describe('HTTP API', () => {
  it('is healthy', async () => {
    const res = await fetch(`${server.url}/api/health`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ status: 'ok' })
  })

  it('creates a workshop with three links of the form <PUBLIC_URL>/w/<id>#token=<token>', async () => {
    const res = await post(
      JSON.stringify({ title: 'Pour des cantines durables', coalition: 'Alimentation', locale: 'fr' }),
    )
    expect(res.status).toBe(201)
    const body = (await res.json()) as { id: string; links: Record<string, string> }
    expect(body.id).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(Object.keys(body.links).sort()).toEqual(['facilitator', 'participant', 'viewer'])
    const tokens = new Set<string>()
    for (const link of Object.values(body.links)) {
      const match = new RegExp(`^${server.publicUrl}/w/${body.id}#token=(.+)$`).exec(link)
      expect(match).not.toBeNull()
      expect(match![1]).toMatch(TOKEN)
      tokens.add(match![1])
    }
    expect(tokens.size).toBe(3)
  })

  it('tells each token its role, and refuses missing, garbage and foreign tokens', async () => {
    const w = await createWorkshop(server.url, {
      title: 'Atelier',
      coalition: 'Mobilité',
      template: 'impacts',
      locale: 'en',
    })
    const other = await createWorkshop(server.url)
    for (const role of ['facilitator', 'participant', 'viewer'] as const) {
      const res = await get(w.id, w.tokens[role])
      expect(res.status).toBe(200)
      const body = await res.json()
      expect(body).toMatchObject({
        id: w.id,
        title: 'Atelier',
        coalition: 'Mobilité',
        template: 'impacts',
        locale: 'en',
        role,
      })
      expect(typeof body.createdAt).toBe('number')
    }
    for (const token of [undefined, 'garbage', 'x'.repeat(43), other.tokens.facilitator]) {
      const res = await get(w.id, token)
      expect(res.status).toBe(401)
      expect(await res.json()).toEqual({ error: 'invalid token' })
    }
    const unknown = await get('AAAAAAAAAAAAAAAAAAAAAA', w.tokens.facilitator)
    expect(unknown.status).toBe(404)
    expect(await unknown.json()).toEqual({ error: 'workshop not found' })
  })

  it('deletes for a facilitator only; afterwards everything is refused', async () => {
    const w = await createWorkshop(server.url)
    const connected = connectClient(server.url, w.id, w.tokens.participant)
    try {
      await waitFor(() => connected.provider.synced, 10_000, 'sync')
      connected.kv.set('shape:1', geoShape('shape:1'))
      for (const role of ['participant', 'viewer'] as const) {
        const res = await del(w.id, w.tokens[role])
        expect(res.status).toBe(403)
        expect(await res.json()).toHaveProperty('error')
      }
      const res = await del(w.id, w.tokens.facilitator)
      expect(res.status).toBe(204)
      expect(await res.text()).toBe('')
      await waitFor(() => connected.closeCodes.includes(CloseCode.workshopDeleted), 10_000, 'socket closed as deleted')
      expect((await get(w.id, w.tokens.facilitator)).status).toBe(404)
      expect((await del(w.id, w.tokens.facilitator)).status).toBe(404)
      expect((await closeOf(server.url, `/sync/${w.id}?token=${w.tokens.facilitator}`)).code).toBe(
        CloseCode.workshopNotFound,
      )
    } finally {
      connected.destroy()
    }
  })

  it('answers bad bodies with 400, 413 and 415, always as JSON errors', async () => {
    const cases: [Response, number][] = [
      [await post(JSON.stringify({})), 400],
      [await post(JSON.stringify({ title: '   ' })), 400],
      [await post(JSON.stringify({ title: 'x', template: 'nope' })), 400],
      [await post(JSON.stringify({ title: 'x', unexpected: true })), 400],
      [await post('{"title": '), 400],
      [await post(JSON.stringify({ title: 'x'.repeat(DEFAULT_LIMITS.maxBodyBytes) })), 413],
      [await post('title=x', 'application/x-www-form-urlencoded'), 415],
      [await post('x', 'text/plain'), 415],
      [await post('{"title":"x"}', null), 415],
    ]
    for (const [res, status] of cases) {
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      const body = (await res.json()) as { error: unknown; stack?: unknown }
      expect(typeof body.error).toBe('string')
      expect(body.stack).toBeUndefined()
    }
    const invalid = (await (await post(JSON.stringify({ title: '' }))).json()) as {
      details: { path: string; message: string }[]
    }
    expect(invalid.details).toContainEqual({ path: 'title', message: 'title is required' })
  })

  it('gives the client its configuration', async () => {
    const res = await fetch(`${server.url}/api/config`)
    expect(await res.json()).toEqual({ tldrawLicenseKey: null, publicUrl: server.publicUrl })
  })

  it('never writes a token to its log', async () => {
    const w = await createWorkshop(server.url)
    await get(w.id, w.tokens.viewer)
    const c = connectClient(server.url, w.id, w.tokens.participant, { member: 'm'.repeat(30) })
    await waitFor(() => c.provider.synced, 10_000, 'sync')
    c.destroy()
    await closeOf(server.url, `/sync/${w.id}?token=${w.tokens.facilitator.slice(1)}`)
    for (const token of Object.values(w.tokens)) expect(server.output()).not.toContain(token)
    expect(server.output()).not.toContain('m'.repeat(30))
  })
})
