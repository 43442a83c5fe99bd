import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { note, OPERATOR_TOKEN, roomsHeldBy } from '../helpers/cluster'
import { freePort, startNginx, type TestNginx } from '../helpers/nginx'
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
 * The README's § 8 configuration, run by nginx in front of two servers on one PostgreSQL
 * database (issue 15): people reach a workshop through the proxy only; one server is killed
 * (`kill -9`), comes back, then the other stops and comes back. Every HTTP request sent
 * through the proxy meanwhile is answered by a live server (no 502), people follow to the
 * live server and the board stays one; an import goes through the proxy. A plain
 * round-robin proxy spreads one workshop's people over both servers: still one board.
 */

const NGINX_TEST_MS = 240_000

let postgres: TestPostgres
let databases = 0
const servers: TestServer[] = []
const clients: TestClient[] = []
let nginx: TestNginx | null = null

beforeAll(async () => {
  postgres = await startPostgres()
}, 60_000)
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  await nginx?.stop()
  nginx = null
  for (const s of servers.splice(0).reverse()) await s.stop()
})
afterAll(async () => {
  await postgres?.stop()
})

async function start(databaseUrl: string, port: number): Promise<TestServer> {
  const s = await startServer({ env: { DATABASE_URL: databaseUrl, PORT: String(port), OPERATOR_TOKEN } })
  servers.push(s)
  return s
}

function person(id: string, token: string): TestClient {
  const c = connectClient(nginx!.url, id, token)
  clients.push(c)
  return c
}

async function roomsOf(server: TestServer): Promise<string[]> {
  return (await roomsHeldBy(server.url)).map((r) => r.id)
}

/** GETs through the proxy every 50 ms until stopped; every status it got. */
function poll(
  url: string,
  paths: { path: string; headers?: Record<string, string> }[],
): { statuses: number[]; stop(): Promise<void> } {
  const statuses: number[] = []
  let running = true
  const loop = (async () => {
    while (running) {
      for (const { path, headers } of paths) {
        try {
          const res = await fetch(`${url}${path}`, { headers })
          await res.arrayBuffer()
          statuses.push(res.status)
        } catch {
          statuses.push(0)
        }
      }
      await new Promise((r) => setTimeout(r, 50))
    }
  })()
  return {
    statuses,
    async stop() {
      running = false
      await loop
    },
  }
}

describe('nginx with the README configuration in front of two servers', () => {
  it(
    'fails over and back with no 502, people follow and the board stays one',
    async () => {
      databases += 1
      const db = await postgres.createDatabase(`nginx_${databases}`)
      const ports = [await freePort(), await freePort()]
      const live: TestServer[] = await Promise.all(ports.map((p) => start(db, p)))
      nginx = await startNginx(ports.map((p) => `127.0.0.1:${p}`))
      const w = await createWorkshop(nginx.url, { title: 'Derrière nginx' })
      const polls = poll(nginx.url, [
        { path: '/api/health' },
        { path: `/api/workshops/${w.id}`, headers: { authorization: `Bearer ${w.tokens.viewer}` } },
      ])

      const people = [0, 1, 2, 3].map(() => person(w.id, w.tokens.participant))
      await waitFor(() => people.every((p) => p.provider.synced), 20_000, 'sync through nginx')
      let round = 0
      let writing = true
      const writer = (async () => {
        while (writing) {
          people.forEach((p, i) => {
            if (p.provider.wsconnected) p.kv.set(`shape:n${i}-${round}`, note(`shape:n${i}-${round}`, `${i}/${round}`))
          })
          round += 1
          await new Promise((r) => setTimeout(r, 40))
        }
      })()
      const progress = async (what: string) => {
        const from = round
        await waitFor(() => round > from + 10, 20_000, what)
      }
      await progress('writing')

      // The server holding the workshop (the hash sends everyone to one) is killed.
      const holder = (await roomsOf(live[0])).includes(w.id) ? 0 : 1
      const other = 1 - holder
      expect(await roomsOf(live[holder])).toContain(w.id)
      await live[holder].kill()
      await waitFor(
        () => people.every((p) => p.provider.wsconnected && p.provider.synced),
        20_000,
        'people on the other server',
      )
      await progress('writing after the failover')
      expect(await roomsOf(live[other])).toContain(w.id)

      // It comes back on its port: newcomers hash to it again while the others stay put.
      live[holder] = await start(db, ports[holder])
      const newcomer = person(w.id, w.tokens.participant)
      await waitFor(() => newcomer.provider.synced, 20_000, 'newcomer after the failback')
      await waitFor(
        async () => (await roomsOf(live[holder])).includes(w.id),
        20_000,
        'newcomer on the returning server',
      )
      newcomer.kv.set('shape:newcomer', note('shape:newcomer', 'de retour'))
      await waitFor(
        () => people.every((p) => p.kv.has('shape:newcomer')),
        20_000,
        'the newcomer reaches the people on the other server',
      )

      // The other one stops (a restart for an upgrade): its people follow to the first.
      await live[other].stop()
      await waitFor(
        () => people.every((p) => p.provider.wsconnected && p.provider.synced),
        20_000,
        'people back on the first server',
      )
      await progress('writing after the second failover')
      live[other] = await start(db, ports[other])
      await progress('writing after both returned')

      // An import through the proxy (the route is not a workshop id), of a workshop made there
      // (this test's notes are not full tldraw records: the import would refuse them).
      const small = await createWorkshop(nginx.url, { title: 'À importer' })
      const exported = await fetch(`${nginx.url}/api/workshops/${small.id}/export?format=json`, {
        headers: { authorization: `Bearer ${small.tokens.facilitator}` },
      })
      expect(exported.status).toBe(200)
      const imported = await fetch(`${nginx.url}/api/workshops/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: await exported.text(),
      })
      expect(imported.status, await imported.clone().text()).toBe(201)

      writing = false
      await writer
      await polls.stop()
      const last = round - 1
      const everyone = [...people, newcomer]
      const written = (c: TestClient) =>
        [0, 1, 2, 3].every((i) => c.kv.has(`shape:n${i}-${last}`)) && c.kv.has('shape:newcomer')
      await waitFor(() => everyone.every(written), 30_000, 'everyone holds everything')
      const keys = (c: TestClient) => [...c.kv.map.keys()].sort()
      for (const c of everyone) expect(keys(c)).toEqual(keys(people[0]))

      // Every request through the proxy was answered by a live server.
      expect(polls.statuses.length).toBeGreaterThan(20)
      expect(polls.statuses.filter((s) => s !== 200)).toEqual([])
    },
    NGINX_TEST_MS,
  )

  it(
    'round robin spreads one workshop over both servers and it stays one board',
    async () => {
      databases += 1
      const db = await postgres.createDatabase(`nginx_${databases}`)
      const ports = [await freePort(), await freePort()]
      const live = await Promise.all(ports.map((p) => start(db, p)))
      nginx = await startNginx(
        ports.map((p) => `127.0.0.1:${p}`),
        { roundRobin: true },
      )
      const w = await createWorkshop(nginx.url, { title: 'Tourniquet' })
      const people = [0, 1, 2, 3].map(() => person(w.id, w.tokens.participant))
      await waitFor(() => people.every((p) => p.provider.synced), 20_000, 'sync')
      await waitFor(
        async () => (await roomsOf(live[0])).includes(w.id) && (await roomsOf(live[1])).includes(w.id),
        20_000,
        'the workshop on both servers',
      )
      people.forEach((p, i) => p.kv.set(`shape:rr${i}`, note(`shape:rr${i}`, `${i}`)))
      await waitFor(() => people.every((p) => [0, 1, 2, 3].every((i) => p.kv.has(`shape:rr${i}`))), 20_000, 'one board')
    },
    NGINX_TEST_MS,
  )
})
