import pg from 'pg'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { WebsocketProvider } from 'y-websocket'
import { WebSocket } from 'ws'
import type { CompassPublicView } from '../../shared/control/compass'
import type { LockState } from '../../shared/control/lock'
import type { TimerState } from '../../shared/control/timer'
import { CloseCode, MessageType } from '../../shared/protocol'
import { command, latestPublic, note, OPERATOR_TOKEN, percentile, roomsHeldBy } from '../helpers/cluster'
import { startPostgres, type TestPostgres } from '../helpers/postgres'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * Several servers on one PostgreSQL database, each serving the same workshop (issue 15):
 * nothing holds a workshop on one server, so a live board must stay one board whichever
 * server each person reaches — every edit crosses, newcomers on either side see all, both
 * export the same; control commands through both at once are all kept (no lost update,
 * round ids allocated against the stored state); a delete closes sockets everywhere; a
 * `kill -9` loses nothing any peer saw and the returning server does not split the board.
 */

const CLUSTER_TEST_MS = 180_000

let postgres: TestPostgres
let databases = 0
const servers: TestServer[] = []
const clients: TestClient[] = []

beforeAll(async () => {
  postgres = await startPostgres()
}, 60_000)
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0).reverse()) await s.stop()
})
afterAll(async () => {
  await postgres?.stop()
})

async function twoServers(
  env: Record<string, string> = {},
): Promise<{ url: string; one: TestServer; two: TestServer }> {
  databases += 1
  const url = await postgres.createDatabase(`cluster_${databases}`)
  const [one, two] = await Promise.all([start(url, env), start(url, env)])
  return { url, one, two }
}

async function start(databaseUrl: string, env: Record<string, string> = {}): Promise<TestServer> {
  const s = await startServer({ env: { DATABASE_URL: databaseUrl, OPERATOR_TOKEN, ...env } })
  servers.push(s)
  return s
}

function client(server: TestServer, id: string, token: string, member?: string): TestClient {
  const c = connectClient(server.url, id, token, member ? { member } : {})
  clients.push(c)
  return c
}

const synced = (...cs: TestClient[]) => waitFor(() => cs.every((c) => c.provider.synced), 20_000, 'sync')
const memberKey = (name: string) => `${name}-member-key-`.padEnd(30, 'x')

async function exportJson(server: TestServer, id: string, token: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${server.url}/api/workshops/${id}/export?format=json`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(res.status).toBe(200)
  const { exportedAt: _time, ...rest } = (await res.json()) as Record<string, unknown>
  return rest
}

/** Milliseconds from `write` until `reader` holds `key`, measured in this process. */
function arrivals(reader: TestClient): Map<string, number> {
  const seen = new Map<string, number>()
  reader.kv.on('change', (changes: Map<string, unknown>) => {
    const now = performance.now()
    for (const key of changes.keys()) if (!seen.has(key)) seen.set(key, now)
  })
  return seen
}

describe('two servers on one database, one workshop', () => {
  it(
    'relays every edit to the other server, a newcomer on either sees all, exports agree',
    async () => {
      const { one, two } = await twoServers()
      const w = await createWorkshop(one.url, { title: 'Atelier à deux serveurs' })
      const alice = client(one, w.id, w.tokens.participant)
      const bob = client(two, w.id, w.tokens.participant)
      const nearAlice = client(one, w.id, w.tokens.viewer)
      await synced(alice, bob, nearAlice)
      const seenByBob = arrivals(bob)
      const seenNear = arrivals(nearAlice)
      const sentAt = new Map<string, number>()
      const edits = 120
      for (let i = 0; i < edits; i++) {
        const key = `shape:a${i}`
        sentAt.set(key, performance.now())
        alice.kv.set(key, note(key, `alice ${i}`))
        bob.kv.set(`shape:b${i}`, note(`shape:b${i}`, `bob ${i}`))
        await new Promise((r) => setTimeout(r, 15))
      }
      await waitFor(
        () => bob.kv.has(`shape:a${edits - 1}`) && alice.kv.has(`shape:b${edits - 1}`),
        30_000,
        'edits crossing both ways',
      )
      await waitFor(
        () => [...sentAt.keys()].every((k) => seenByBob.has(k) && seenNear.has(k)),
        30_000,
        'every edit arrived',
      )
      for (let i = 0; i < edits; i++) {
        expect(bob.kv.get(`shape:a${i}`)).toEqual(note(`shape:a${i}`, `alice ${i}`))
        expect(alice.kv.get(`shape:b${i}`)).toEqual(note(`shape:b${i}`, `bob ${i}`))
      }
      const cross = [...sentAt].map(([k, t]) => seenByBob.get(k)! - t)
      const same = [...sentAt].map(([k, t]) => seenNear.get(k)! - t)
      const figure = (xs: number[]) =>
        `p50 ${percentile(xs, 50).toFixed(1)} ms, p99 ${percentile(xs, 99).toFixed(1)} ms`
      // A figure for PERFORMANCE.md, not an assertion.
      console.log(
        `[cluster] edit latency over ${edits} edits — other server: ${figure(cross)}; same server: ${figure(same)}`,
      )

      for (const server of [one, two]) {
        const fresh = client(server, w.id, w.tokens.viewer)
        await waitFor(
          () => fresh.provider.synced && fresh.kv.has(`shape:a${edits - 1}`) && fresh.kv.has(`shape:b${edits - 1}`),
          20_000,
          'newcomer sees all',
        )
        for (let i = 0; i < edits; i++) expect(fresh.kv.has(`shape:a${i}`) && fresh.kv.has(`shape:b${i}`)).toBe(true)
      }
      const [fromOne, fromTwo] = await Promise.all([
        exportJson(one, w.id, w.tokens.facilitator),
        exportJson(two, w.id, w.tokens.facilitator),
      ])
      expect(JSON.stringify(fromOne)).toContain('alice 119')
      expect(JSON.stringify(fromOne)).toContain('bob 119')
      expect(fromTwo).toEqual(fromOne)

      // Cursors cross too.
      alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
      await waitFor(
        () =>
          [...bob.provider.awareness.getStates().values()].some(
            (s) => (s as { user?: { name?: string } }).user?.name === 'Alice',
          ),
        20_000,
        "alice's presence on the other server",
      )
      // The health route names the rooms each server holds.
      for (const server of [one, two]) expect((await roomsHeldBy(server.url)).map((r) => r.id)).toContain(w.id)
    },
    CLUSTER_TEST_MS,
  )

  it(
    'keeps every control command that reported ok when two facilitators use two servers at once',
    async () => {
      const { one, two } = await twoServers()
      const w = await createWorkshop(one.url, { title: 'Deux animateurs' })
      const anna = client(one, w.id, w.tokens.facilitator, memberKey('anna'))
      const marc = client(two, w.id, w.tokens.facilitator, memberKey('marc'))
      await synced(anna, marc)
      anna.kv.set('shape:card1', note('shape:card1', 'carte 1'))
      marc.kv.set('shape:card2', note('shape:card2', 'carte 2'))
      await waitFor(() => anna.kv.has('shape:card2') && marc.kv.has('shape:card1'), 20_000, 'cards on both servers')

      const results = await Promise.all([
        command(anna, { type: 'compass.openRound', label: 'Tour A', subject: { kind: 'coalition' } }),
        command(marc, { type: 'compass.openRound', label: 'Tour M', subject: { kind: 'coalition' } }),
        command(anna, { type: 'votes.start', label: 'Vote A', cardIds: ['shape:card1', 'shape:card2'], budget: 3 }),
        command(marc, { type: 'votes.start', label: 'Vote M', cardIds: ['shape:card1'], budget: 2 }),
        command(anna, { type: 'lock.lockRecords', ids: ['shape:card1'] }),
        command(marc, { type: 'lock.lockRecords', ids: ['shape:card2'] }),
        command(anna, { type: 'timer.start', durationMs: 600_000 }),
        command(anna, { type: 'compass.openRound', label: 'Tour A2', subject: { kind: 'coalition' } }),
        command(marc, { type: 'compass.openRound', label: 'Tour M2', subject: { kind: 'coalition' } }),
      ])
      expect(results.map((r) => r.ok)).toEqual(results.map(() => true))

      const expectations = (c: TestClient): boolean => {
        const compass = latestPublic<CompassPublicView>(c, 'compass')
        const lock = latestPublic<LockState>(c, 'lock')
        const timer = latestPublic<TimerState>(c, 'timer')
        const votes = latestPublic<{ rounds: { id: string; label: string }[] }>(c, 'votes')
        return (
          compass?.rounds.length === 4 &&
          votes?.rounds.length === 2 &&
          lock?.records.includes('shape:card1') === true &&
          lock.records.includes('shape:card2') &&
          timer?.status === 'running'
        )
      }
      await waitFor(
        () => expectations(anna) && expectations(marc),
        20_000,
        'every command in the views of both servers',
      )
      for (const c of [anna, marc]) {
        const compass = latestPublic<CompassPublicView>(c, 'compass')!
        expect(compass.rounds.map((r) => r.id).sort()).toEqual(['compass-1', 'compass-2', 'compass-3', 'compass-4'])
        expect(compass.rounds.map((r) => r.label).sort()).toEqual(['Tour A', 'Tour A2', 'Tour M', 'Tour M2'])
        const votes = latestPublic<{ rounds: { id: string; label: string }[] }>(c, 'votes')!
        expect(votes.rounds.map((r) => r.id).sort()).toEqual(['votes-1', 'votes-2'])
      }
      // A newcomer on either server, and the exports of both, read the same state.
      const [fromOne, fromTwo] = await Promise.all([
        exportJson(one, w.id, w.tokens.facilitator),
        exportJson(two, w.id, w.tokens.facilitator),
      ])
      expect(fromTwo).toEqual(fromOne)
      expect(JSON.stringify(fromOne)).toContain('Tour M2')
      const late = client(two, w.id, w.tokens.viewer)
      await waitFor(
        () => latestPublic<CompassPublicView>(late, 'compass')?.rounds.length === 4,
        20_000,
        'newcomer state',
      )

      // The lock taken through one server is enforced by the other: a participant there is reverted.
      const pia = client(two, w.id, w.tokens.participant)
      await synced(pia)
      await waitFor(
        () => latestPublic<LockState>(pia, 'lock')?.records.includes('shape:card1') === true,
        20_000,
        'lock seen',
      )
      pia.kv.set('shape:card1', note('shape:card1', 'modifiée'))
      await waitFor(
        () =>
          JSON.stringify((pia.kv.get('shape:card1') as { props: { richText: unknown } }).props.richText).includes(
            'carte 1',
          ),
        20_000,
        'locked card reverted',
      )
    },
    CLUSTER_TEST_MS,
  )

  it(
    'closes the sockets of the other server with 4410 when the workshop is deleted',
    async () => {
      const { one, two } = await twoServers()
      const w = await createWorkshop(one.url, { title: 'À supprimer' })
      const there = client(two, w.id, w.tokens.participant)
      const here = client(one, w.id, w.tokens.participant)
      await synced(there, here)
      const res = await fetch(`${one.url}/api/workshops/${w.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${w.tokens.facilitator}` },
      })
      expect(res.status).toBe(204)
      await waitFor(() => here.closeCodes.includes(CloseCode.workshopDeleted), 5_000, '4410 on the same server')
      await waitFor(() => there.closeCodes.includes(CloseCode.workshopDeleted), 5_000, '4410 on the other server')
      await waitFor(
        async () => !(await roomsHeldBy(two.url)).some((r) => r.id === w.id),
        5_000,
        'room gone from the other server',
      )
    },
    CLUSTER_TEST_MS,
  )

  it(
    "closes the old links' sockets on the other server with 4411 when the links are replaced",
    async () => {
      const { one, two } = await twoServers()
      const w = await createWorkshop(one.url, { title: 'Nouveaux liens' })
      const participant = client(two, w.id, w.tokens.participant)
      const viewer = client(two, w.id, w.tokens.viewer)
      const facilitator = client(two, w.id, w.tokens.facilitator)
      const here = client(one, w.id, w.tokens.participant)
      await synced(participant, viewer, facilitator, here)
      const res = await fetch(`${one.url}/api/workshops/${w.id}/links/rotate`, {
        method: 'POST',
        headers: { authorization: `Bearer ${w.tokens.facilitator}` },
      })
      expect(res.status).toBe(200)
      await waitFor(() => here.closeCodes.includes(CloseCode.linkReplaced), 5_000, '4411 on the same server')
      await waitFor(
        () =>
          participant.closeCodes.includes(CloseCode.linkReplaced) && viewer.closeCodes.includes(CloseCode.linkReplaced),
        5_000,
        '4411 on the other server',
      )
      expect(facilitator.closeCodes).toEqual([])
    },
    CLUSTER_TEST_MS,
  )

  it(
    'counts the connections to a workshop over every server for its cap (4430)',
    async () => {
      const { one, two } = await twoServers({ MAX_CONNECTIONS_PER_WORKSHOP: '3' })
      const w = await createWorkshop(one.url, { title: 'Salle pleine' })
      const present = [client(one, w.id, w.tokens.participant), client(one, w.id, w.tokens.participant)]
      present.push(client(two, w.id, w.tokens.participant))
      await synced(...present)
      // The counts travel between servers: a newcomer admitted before they arrived is let go
      // and tries again, until each server refuses the fourth connection.
      for (const server of [two, one]) {
        let refused = false
        const deadline = Date.now() + 15_000
        while (!refused && Date.now() < deadline) {
          const extra = connectClient(server.url, w.id, w.tokens.participant)
          try {
            await waitFor(
              () => extra.provider.synced || extra.closeCodes.length > 0,
              10_000,
              'the fourth connection admitted or refused',
            )
            refused = extra.closeCodes.includes(CloseCode.tooManyConnections)
          } finally {
            extra.destroy()
          }
          if (!refused) await new Promise((r) => setTimeout(r, 250))
        }
        expect(refused, `the fourth connection refused on ${server === one ? 'one' : 'two'}`).toBe(true)
      }
      expect(present.every((c) => c.closeCodes.length === 0)).toBe(true)
    },
    CLUSTER_TEST_MS,
  )

  it(
    'keeps both sides whole while both servers compact the shared log',
    async () => {
      const { url, one, two } = await twoServers()
      const w = await createWorkshop(one.url, { title: 'Compactions' })
      const onOne = client(one, w.id, w.tokens.participant)
      const onTwo = client(two, w.id, w.tokens.participant)
      await synced(onOne, onTwo)
      // Over 1 MB from each side, in many rows: both rooms compact (each folding rows the
      // other wrote, some before the other server has read them) while reading each other.
      const big = 'x'.repeat(40_000)
      for (let i = 0; i < 30; i++) {
        onOne.kv.set(`shape:one${i}`, note(`shape:one${i}`, `${i}${big}`))
        onTwo.kv.set(`shape:two${i}`, note(`shape:two${i}`, `${i}${big}`))
        await new Promise((r) => setTimeout(r, 20))
      }
      const whole = (c: TestClient) =>
        [...Array(30).keys()].every((i) => c.kv.has(`shape:one${i}`) && c.kv.has(`shape:two${i}`))
      await waitFor(() => whole(onOne) && whole(onTwo), 30_000, 'both sides whole')
      const snapshots = new pg.Client({ connectionString: url })
      await snapshots.connect()
      try {
        expect((await snapshots.query('SELECT 1 FROM doc_snapshots WHERE workshop_id = $1', [w.id])).rowCount).toBe(1)
      } finally {
        await snapshots.end()
      }
      for (const server of [one, two]) {
        const fresh = client(server, w.id, w.tokens.viewer)
        await waitFor(() => fresh.provider.synced && whole(fresh), 30_000, 'a newcomer on each server sees all')
      }
    },
    CLUSTER_TEST_MS,
  )

  it(
    "drops the cursors of a server's people on the others when it stops gracefully",
    async () => {
      const { one, two } = await twoServers()
      const w = await createWorkshop(one.url, { title: 'Curseurs' })
      const alice = client(one, w.id, w.tokens.participant)
      const bob = client(two, w.id, w.tokens.participant)
      await synced(alice, bob)
      alice.provider.awareness.setLocalStateField('user', { name: 'Alice' })
      const seesAlice = () => bob.provider.awareness.getStates().has(alice.doc.clientID)
      await waitFor(seesAlice, 20_000, "alice's cursor on the other server")
      await one.stop()
      // Well before awareness's own 30 s timeout.
      await waitFor(() => !seesAlice(), 10_000, "alice's cursor gone from the other server")
    },
    CLUSTER_TEST_MS,
  )

  it(
    'catches up after its link to the database was cut (announcements missed meanwhile)',
    async () => {
      const { url, one, two } = await twoServers()
      const w = await createWorkshop(one.url, { title: 'Coupure' })
      const onOne = client(one, w.id, w.tokens.participant)
      const onTwo = client(two, w.id, w.tokens.participant)
      await synced(onOne, onTwo)
      onTwo.kv.set('shape:before', note('shape:before', 'avant'))
      await waitFor(() => onOne.kv.has('shape:before'), 20_000, 'before the cut')
      // Every server's listening connection is cut; edits made meanwhile are announced to nobody.
      const admin = new pg.Client({ connectionString: url })
      await admin.connect()
      try {
        const cut = await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'coalition-board-listen'",
        )
        expect(cut.rowCount).toBe(2)
      } finally {
        await admin.end()
      }
      for (let i = 0; i < 10; i++) onTwo.kv.set(`shape:during${i}`, note(`shape:during${i}`, `pendant ${i}`))
      await waitFor(
        () => [...Array(10).keys()].every((i) => onOne.kv.has(`shape:during${i}`)),
        20_000,
        'what was written during the cut',
      )
    },
    CLUSTER_TEST_MS,
  )

  it(
    'loses nothing any peer saw when one server is killed while six people write, and does not split when it returns',
    async () => {
      const { url, one, two } = await twoServers()
      const w = await createWorkshop(one.url, { title: 'Panne' })
      const people = [0, 1, 2, 3, 4, 5].map((i) => client(i % 2 === 0 ? one : two, w.id, w.tokens.participant))
      await synced(...people)
      let writing = true
      let round = 0
      const writer = (async () => {
        while (writing) {
          people.forEach((p, i) => p.kv.set(`shape:p${i}-${round}`, note(`shape:p${i}-${round}`, `${i}/${round}`)))
          round += 1
          await new Promise((r) => setTimeout(r, 25))
        }
      })()
      await waitFor(() => round > 20, 20_000, 'writing')
      await one.kill()
      const seenAtKill = new Set(people.flatMap((p) => [...p.kv.map.keys()]))
      // The dead server's people reconnect to the other one with what they hold (as through the proxy).
      for (const [i, p] of people.entries()) {
        if (i % 2 !== 0) continue
        p.provider.destroy()
        p.provider = new WebsocketProvider(`${two.url.replace(/^http/, 'ws')}/sync`, w.id, p.doc, {
          WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
          params: { token: w.tokens.participant },
          disableBc: true,
          maxBackoffTime: 500,
        })
        p.provider.messageHandlers[MessageType.control] = () => {}
      }
      const roundAfterKill = round
      await waitFor(() => round > roundAfterKill + 20, 20_000, 'writing after the kill')
      writing = false
      await writer
      const last = round - 1
      const all = (c: TestClient) =>
        [...seenAtKill].every((k) => c.kv.has(k)) && [0, 1, 2, 3, 4, 5].every((i) => c.kv.has(`shape:p${i}-${last}`))
      await waitFor(() => people.every(all), 30_000, 'everyone holds everything on the surviving server')

      const back = await start(url)
      const onBack = client(back, w.id, w.tokens.participant)
      const onTwo = client(two, w.id, w.tokens.participant)
      await waitFor(() => onBack.provider.synced && all(onBack), 30_000, 'the returning server serves everything')
      onBack.kv.set('shape:after-return', note('shape:after-return', 'retour'))
      onTwo.kv.set('shape:on-two', note('shape:on-two', 'resté'))
      await waitFor(
        () =>
          onTwo.kv.has('shape:after-return') &&
          onBack.kv.has('shape:on-two') &&
          people.every((p) => p.kv.has('shape:after-return')),
        20_000,
        'no split after the return',
      )
    },
    CLUSTER_TEST_MS,
  )
})
