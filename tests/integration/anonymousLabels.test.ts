import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { StateMessage } from '../../shared/control/messages'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * Anonymous labels (issue 16): while names are hidden every screen shows people as their role
 * and a number. Numbered by each client in order of arrival, one facilitator read « Animation 2 »
 * on one screen and « Animation 1 » on another, so nobody could call on « Participant·e 3 ». The
 * server now gives each member a number per role, stamped into their presence like their role
 * and member id: the same on every screen, and the same after a reconnection.
 */

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server.stop()
})

type Presence = { user?: { role?: string; memberId?: string; roleNumber?: number } }

/** Member id → role and number, as `observer` sees the others' presences. */
function labelsSeenBy(observer: TestClient): Map<string, string> {
  const seen = new Map<string, string>()
  for (const [clientId, state] of observer.provider.awareness.getStates()) {
    if (clientId === observer.provider.awareness.clientID) continue
    const user = (state as Presence).user
    if (user?.memberId && user.roleNumber) seen.set(user.memberId, `${user.role} ${user.roleNumber}`)
  }
  return seen
}

function selfOf(client: TestClient): NonNullable<StateMessage['self']> | undefined {
  return client.control.find((m): m is StateMessage => m.kind === 'state' && m.self !== undefined)?.self
}

describe('anonymous labels assigned by the server', () => {
  it('numbers members per role, the same on every screen and after a reconnection', async () => {
    const w = await createWorkshop(server.url)
    const people: TestClient[] = []
    const join = async (token: string, key: string, name: string, role: string) => {
      const client = connectClient(server.url, w.id, token, { member: `member-key-labels-${key}-abcdefghijklmnop` })
      people.push(client)
      await waitFor(() => client.provider.synced && selfOf(client) !== undefined, 10_000, `${name} synced`)
      // A client claiming a number gets the server's instead.
      client.provider.awareness.setLocalState({ user: { name, role, memberId: '', color: '#123456', roleNumber: 9 } })
      return client
    }
    try {
      const fatou = await join(w.tokens.facilitator, 'fatou', 'Fatou', 'facilitator')
      const ana = await join(w.tokens.participant, 'ana', 'Ana', 'participant')
      const bruno = await join(w.tokens.participant, 'bruno', 'Bruno', 'participant')
      const vera = await join(w.tokens.viewer, 'vera', 'Vera', 'viewer')
      const ids = {
        fatou: selfOf(fatou)!.memberId,
        ana: selfOf(ana)!.memberId,
        bruno: selfOf(bruno)!.memberId,
        vera: selfOf(vera)!.memberId,
      }
      expect([selfOf(fatou)!.roleNumber, selfOf(ana)!.roleNumber, selfOf(bruno)!.roleNumber]).toEqual([1, 1, 2])
      const expected = new Map([
        [ids.fatou, 'facilitator 1'],
        [ids.ana, 'participant 1'],
        [ids.bruno, 'participant 2'],
        [ids.vera, 'viewer 1'],
      ])
      const others = (me: string) => new Map([...expected].filter(([id]) => id !== me))
      await waitFor(
        () => people.every((p) => labelsSeenBy(p).size === 3),
        10_000,
        'everyone sees the three others numbered',
      )
      for (const p of people) expect(labelsSeenBy(p)).toEqual(others(selfOf(p)!.memberId))

      // Ana leaves and comes back (same member key): still participant 1; a newcomer is 3.
      ana.destroy()
      people.splice(people.indexOf(ana), 1)
      await waitFor(() => !labelsSeenBy(fatou).has(ids.ana), 10_000, 'Ana gone')
      const anaAgain = await join(w.tokens.participant, 'ana', 'Ana', 'participant')
      const cem = await join(w.tokens.participant, 'cem', 'Cem', 'participant')
      expect(selfOf(anaAgain)!.memberId).toBe(ids.ana)
      expect(selfOf(anaAgain)!.roleNumber).toBe(1)
      expected.set(selfOf(cem)!.memberId, 'participant 3')
      await waitFor(() => people.every((p) => labelsSeenBy(p).size === 4), 10_000, 'everyone sees the four others')
      for (const p of people) expect(labelsSeenBy(p)).toEqual(others(selfOf(p)!.memberId))
    } finally {
      for (const p of people) p.destroy()
    }
  })
})
