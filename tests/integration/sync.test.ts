import * as encoding from 'lib0/encoding'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { CloseCode, DEFAULT_LIMITS, MessageType } from '../../shared/protocol'
import {
  closeOf,
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'
import { geoShape } from '../helpers/records'

/**
 * The sync endpoint against a real server process, real y-websocket clients and a real
 * SQLite file: convergence, late joiners, read-only viewers, refusals and bad frames.
 */

let server: TestServer
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})

function client(id: string, token: string): TestClient {
  const c = connectClient(server.url, id, token)
  clients.push(c)
  return c
}

function shape(id: string, x = 0): Record<string, unknown> {
  return { ...geoShape(id, { x }) }
}

const synced = (c: TestClient) => waitFor(() => c.provider.synced, 10_000, 'sync')

describe('sync endpoint', () => {
  it('makes two clients converge, and gives a late joiner everything', async () => {
    const w = await createWorkshop(server.url)
    const a = client(w.id, w.tokens.facilitator)
    const b = client(w.id, w.tokens.participant)
    await Promise.all([synced(a), synced(b)])
    a.kv.set('shape:a', shape('shape:a'))
    b.kv.set('shape:b', shape('shape:b', 5))
    await waitFor(() => b.kv.has('shape:a') && a.kv.has('shape:b'), 10_000, 'convergence')
    expect(b.kv.get('shape:a')).toEqual(shape('shape:a'))
    expect(a.kv.get('shape:b')).toEqual(shape('shape:b', 5))

    const late = client(w.id, w.tokens.viewer)
    await synced(late)
    await waitFor(() => late.kv.has('shape:a') && late.kv.has('shape:b'), 10_000, 'late joiner')
    expect(late.kv.get('shape:b')).toEqual(shape('shape:b', 5))
  })

  it('sends each connection its identity and the control state on connect', async () => {
    const w = await createWorkshop(server.url, { title: 'Pour des cantines durables', coalition: 'Alimentation' })
    const c = connectClient(server.url, w.id, w.tokens.participant, { member: 'a-member-key-of-at-least-22' })
    clients.push(c)
    await waitFor(() => c.control.length > 0, 10_000, 'control state')
    const state = c.control[0]
    expect(state.kind).toBe('state')
    if (state.kind !== 'state') throw new Error('expected a state message')
    expect(state.self?.role).toBe('participant')
    expect(state.self?.memberId).toMatch(/^[A-Za-z0-9_-]{16}$/)
    expect(state.public?.meta).toEqual({ title: 'Pour des cantines durables', coalition: 'Alimentation' })
  })

  it('never relays a viewer update, but keeps syncing the viewer', async () => {
    const w = await createWorkshop(server.url)
    const viewer = client(w.id, w.tokens.viewer)
    const participant = client(w.id, w.tokens.participant)
    await Promise.all([synced(viewer), synced(participant)])
    viewer.kv.set('shape:from-viewer', shape('shape:from-viewer'))
    participant.kv.set('shape:marker', shape('shape:marker'))
    // The marker was written after the viewer's record: once the viewer sees it, the
    // viewer's own update has long been processed (and dropped) by the server.
    await waitFor(() => viewer.kv.has('shape:marker'), 10_000, 'marker at the viewer')
    const late = client(w.id, w.tokens.facilitator)
    await synced(late)
    await waitFor(() => late.kv.has('shape:marker'), 10_000, 'marker at the late joiner')
    expect(participant.kv.has('shape:from-viewer')).toBe(false)
    expect(late.kv.has('shape:from-viewer')).toBe(false)
  })

  it('refuses missing, garbage and foreign tokens and unknown workshops with their close codes', async () => {
    const w = await createWorkshop(server.url)
    const other = await createWorkshop(server.url)
    const unknownId = 'AAAAAAAAAAAAAAAAAAAAAA'
    expect(await closeOf(server.url, `/sync/${w.id}`)).toEqual({
      code: CloseCode.invalidToken,
      reason: 'invalid token',
    })
    expect((await closeOf(server.url, `/sync/${w.id}?token=garbage`)).code).toBe(CloseCode.invalidToken)
    expect((await closeOf(server.url, `/sync/${w.id}?token=${'x'.repeat(43)}`)).code).toBe(CloseCode.invalidToken)
    expect((await closeOf(server.url, `/sync/${w.id}?token=${other.tokens.facilitator}`)).code).toBe(
      CloseCode.invalidToken,
    )
    expect(await closeOf(server.url, `/sync/${unknownId}?token=${w.tokens.facilitator}`)).toEqual({
      code: CloseCode.workshopNotFound,
      reason: 'workshop not found',
    })
    expect((await closeOf(server.url, `/sync/..%2F..%2Fetc?token=${w.tokens.facilitator}`)).code).toBe(
      CloseCode.workshopNotFound,
    )
  })

  it('closes a connection that sends a malformed or an oversize frame, and only that one', async () => {
    const w = await createWorkshop(server.url)
    const a = client(w.id, w.tokens.participant)
    const b = client(w.id, w.tokens.participant)
    await Promise.all([synced(a), synced(b)])
    const path = `/sync/${w.id}?token=${w.tokens.participant}`

    const malformed = new Uint8Array([MessageType.sync, 2, 250, 1, 2, 3])
    expect((await closeOf(server.url, path, [malformed])).code).toBe(CloseCode.malformedMessage)
    expect((await closeOf(server.url, path, ['text frames are not the protocol'])).code).toBe(
      CloseCode.malformedMessage,
    )
    const badCommand = encoding.encode((e) => {
      encoding.writeVarUint(e, MessageType.control)
      encoding.writeVarString(e, 'not json')
    })
    expect((await closeOf(server.url, path, [badCommand])).code).toBe(CloseCode.malformedMessage)
    const oversize = new Uint8Array(DEFAULT_LIMITS.maxMessageBytes + 1)
    expect(await closeOf(server.url, path, [oversize])).toEqual({
      code: CloseCode.messageTooLarge,
      reason: 'message too large',
    })

    expect((await fetch(`${server.url}/api/health`)).status).toBe(200)
    a.kv.set('shape:still', shape('shape:still'))
    await waitFor(() => b.kv.has('shape:still'), 10_000, 'sync after bad frames')
    expect(a.closeCodes).toEqual([])
    expect(b.closeCodes).toEqual([])
  })

  it('answers a plain GET on the sync path with 426', async () => {
    const res = await fetch(`${server.url}/sync/AAAAAAAAAAAAAAAAAAAAAA?token=x`)
    expect(res.status).toBe(426)
    expect(await res.json()).toEqual({ error: 'websocket upgrade required' })
    expect(server.output()).not.toContain('token=x')
  })

  it('answers query-awareness with the awareness states', async () => {
    const w = await createWorkshop(server.url)
    const a = client(w.id, w.tokens.participant)
    await synced(a)
    a.provider.awareness.setLocalStateField('user', { name: 'Awa' })
    const raw = new WebSocket(`${server.url.replace('http', 'ws')}/sync/${w.id}?token=${w.tokens.viewer}`)
    const frames: Uint8Array[] = []
    raw.on('message', (d: Buffer) => frames.push(new Uint8Array(d)))
    await new Promise((resolve) => raw.once('open', resolve))
    const hasAwa = (f: Uint8Array): boolean => f[0] === MessageType.awareness && Buffer.from(f).includes('Awa')
    // First the state as broadcast or sent on connect, then once more because we asked.
    await waitFor(() => frames.some(hasAwa), 10_000, 'awareness on connect')
    const before = frames.length
    raw.send(new Uint8Array([MessageType.queryAwareness]))
    await waitFor(() => frames.slice(before).some(hasAwa), 10_000, 'awareness answer')
    raw.close()
  })
})
