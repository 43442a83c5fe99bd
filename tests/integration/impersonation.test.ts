import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { parsePresence, presenceUserKey } from '../../client/board/presence/presenceState'
import type { ControlPublicState } from '../../shared/control/index'
import type { StateMessage } from '../../shared/control/messages'
import {
  connectClient,
  createWorkshop,
  sendCommand as command,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * Issue 14, attack 3: « posing as the facilitator ». Awareness states carry the name, role
 * and member id a presence shows; the server is their authority, not the client. A
 * participant (raw y-websocket client) who copies the facilitator's public member id, role
 * and name is not relayed as her: peers see the impostor under its own member id and role
 * and the name it joined with, so the presence list does not merge them, and follow-me —
 * which follows the presence whose member id is the follow target — follows the real
 * facilitator's camera, not the impostor's.
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

function client(id: string, token: string, member: string): TestClient {
  const c = connectClient(server.url, id, token, { member })
  clients.push(c)
  return c
}

const memberKey = (seed: string) => seed.repeat(32).slice(0, 32)

function self(c: TestClient): { role: string; memberId: string } {
  const state = c.control.find((m): m is StateMessage => m.kind === 'state' && m.self !== undefined)
  if (!state?.self) throw new Error('no self yet')
  return state.self
}

function followTarget(c: TestClient): string | null | undefined {
  for (let i = c.control.length - 1; i >= 0; i--) {
    const m = c.control[i]
    if (m.kind === 'state' && m.public && 'facilitation' in m.public)
      return (m.public.facilitation as ControlPublicState['facilitation']).followTarget
  }
  return undefined
}

/** An awareness state as the board client publishes it, at camera `x`. */
function presence(user: { name: string; role: string; memberId: string }, x: number) {
  return {
    user: { ...user, color: '#1E56C8' },
    cursor: { x, y: 0, type: 'default', rotation: 0 },
    selection: [],
    pageId: 'page:page',
    view: { camera: { x, y: 0, z: 1 }, screenBounds: { x: 0, y: 0, w: 1280, h: 720 } },
  }
}

type Seen = { user: { name: string; role: string; memberId: string }; view?: { camera: { x: number } } }
const stateOf = (watcher: TestClient, of: TestClient) =>
  watcher.provider.awareness.getStates().get(of.provider.awareness.clientID) as Seen | undefined

/** The awareness client ids whose presence a board page would file under tldraw user `member-<memberId>` (whom follow-me follows). */
function followedClients(watcher: TestClient, memberId: string): number[] {
  const ids: number[] = []
  for (const [clientId, state] of watcher.provider.awareness.getStates()) {
    if (clientId === watcher.provider.awareness.clientID) continue
    const p = parsePresence(state)
    if (p && presenceUserKey(clientId, p) === `member-${memberId}`) ids.push(clientId)
  }
  return ids
}

describe('identity in awareness is the server’s word', () => {
  it('relays an impostor under its own member id, role and joined name; follow-me follows the real facilitator', async () => {
    const w = await createWorkshop(server.url)
    const marie = client(w.id, w.tokens.facilitator, memberKey('m'))
    const watcher = client(w.id, w.tokens.participant, memberKey('w'))
    const bob = client(w.id, w.tokens.participant, memberKey('b'))
    // Claims to be Marie from its very first state.
    const eve = client(w.id, w.tokens.participant, memberKey('e'))
    const all = [marie, watcher, bob, eve]
    await waitFor(
      () => all.every((c) => c.provider.synced && c.control.some((m) => m.kind === 'state' && m.self)),
      10_000,
      'connected',
    )
    const marieId = self(marie).memberId
    const bobId = self(bob).memberId
    const eveId = self(eve).memberId

    marie.provider.awareness.setLocalState(presence({ name: 'Marie', role: 'facilitator', memberId: marieId }, 100))
    bob.provider.awareness.setLocalState(presence({ name: 'Bob', role: 'participant', memberId: bobId }, 200))
    eve.provider.awareness.setLocalState(presence({ name: 'Marie', role: 'facilitator', memberId: marieId }, 300))
    await waitFor(
      () => stateOf(watcher, marie) !== undefined && stateOf(watcher, bob) !== undefined,
      10_000,
      'presences',
    )
    // Bob joined honestly, then copies Marie's public member id, role and name.
    bob.provider.awareness.setLocalState(presence({ name: 'Marie', role: 'facilitator', memberId: marieId }, 400))
    await waitFor(() => stateOf(watcher, bob)?.view?.camera.x === 400, 10_000, 'bob’s later state')
    await waitFor(() => stateOf(watcher, eve) !== undefined, 10_000, 'eve’s state (corrected) relayed')

    expect(stateOf(watcher, marie)?.user).toMatchObject({ name: 'Marie', role: 'facilitator', memberId: marieId })
    expect(stateOf(watcher, bob)?.user, 'bob keeps the name he joined with').toMatchObject({
      name: 'Bob',
      role: 'participant',
      memberId: bobId,
    })
    expect(stateOf(watcher, eve)?.user).toMatchObject({ role: 'participant', memberId: eveId })
    // Everyone, the impostors included, sees the same.
    expect(stateOf(eve, bob)?.user).toMatchObject({ role: 'participant', memberId: bobId })

    // Follow-me on Marie: the presence a follower's page follows is Marie's connection, nobody else's.
    expect(await command(marie, { type: 'facilitation.follow', memberId: marieId })).toMatchObject({ ok: true })
    await waitFor(() => followTarget(watcher) === marieId, 10_000, 'follow target')
    expect(followedClients(watcher, marieId)).toEqual([marie.provider.awareness.clientID])
    const followed = watcher.provider.awareness.getStates().get(followedClients(watcher, marieId)[0]) as Seen
    expect(followed.view?.camera.x, 'the camera followed is Marie’s').toBe(100)
  })

  it('fills in an honest client’s member id before it knows it, and keeps its name hidden while it hides it', async () => {
    const w = await createWorkshop(server.url)
    const ana = client(w.id, w.tokens.participant, memberKey('a'))
    const watcher = client(w.id, w.tokens.viewer, memberKey('v'))
    await waitFor(
      () => [ana, watcher].every((c) => c.provider.synced && c.control.some((m) => m.kind === 'state' && m.self)),
      10_000,
      'connected',
    )
    const anaId = self(ana).memberId
    // The board client publishes '' as its member id until the server's `self` arrives.
    ana.provider.awareness.setLocalState(presence({ name: 'Ana', role: 'participant', memberId: '' }, 10))
    await waitFor(() => stateOf(watcher, ana)?.view?.camera.x === 10, 10_000, 'first state')
    expect(stateOf(watcher, ana)?.user).toMatchObject({ name: 'Ana', role: 'participant', memberId: anaId })
    // Names hidden by the facilitator: the client publishes '' and the server keeps it so.
    ana.provider.awareness.setLocalState(presence({ name: '', role: 'participant', memberId: anaId }, 20))
    await waitFor(() => stateOf(watcher, ana)?.view?.camera.x === 20, 10_000, 'anonymous state')
    expect(stateOf(watcher, ana)?.user.name).toBe('')
  })
})
