import { afterEach, describe, expect, it } from 'vitest'
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
import { frameShape, noteShape } from '../helpers/records'

/**
 * Facilitator controls against a real server process and real y-websocket clients: the
 * server, not the UI, decides who may run the workshop. A participant's facilitator command
 * is refused and changes nothing; a locked record cannot be changed with a participant's
 * token even by a hand-made client; the timer survives a restart.
 */

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0).reverse()) await s.stop()
})

async function start(dataDir?: string): Promise<TestServer> {
  const s = await startServer({ dataDir })
  servers.push(s)
  return s
}

function client(server: TestServer, id: string, token: string, member?: string): TestClient {
  const c = connectClient(server.url, id, token, { member })
  clients.push(c)
  return c
}

/** The latest public view of a section this client received. */
function latest<K extends keyof ControlPublicState>(c: TestClient, key: K): ControlPublicState[K] | undefined {
  for (let i = c.control.length - 1; i >= 0; i--) {
    const m = c.control[i]
    if (m.kind === 'state' && m.public && key in m.public) return m.public[key] as ControlPublicState[K]
  }
  return undefined
}

/** Every state message the client received, for "nothing changed" checks. */
const stateCount = (c: TestClient) => c.control.filter((m): m is StateMessage => m.kind === 'state').length

const note = (id: string, parentId = 'page:page', x = 0) => noteShape(id, id, { parentId, x })
const frame = (id: string) => frameShape(id, 'Zone')

async function connected(...cs: TestClient[]): Promise<void> {
  await waitFor(
    () => cs.every((c) => c.provider.synced && c.control.some((m) => m.kind === 'state')),
    10_000,
    'sync and control state',
  )
}

describe('facilitator controls', () => {
  it('refuses every facilitator action from a participant, and nothing changes', async () => {
    const server = await start()
    const w = await createWorkshop(server.url, { title: 'Atelier', template: 'full-workshop' })
    const facilitator = client(server, w.id, w.tokens.facilitator)
    const participant = client(server, w.id, w.tokens.participant)
    await connected(facilitator, participant)
    facilitator.kv.set('shape:card', note('shape:card'))
    await waitFor(() => participant.kv.has('shape:card'), 10_000, 'card relayed')

    const before = stateCount(facilitator)
    const phases = latest(participant, 'agenda')!.phases
    const attempts = [
      { type: 'timer.start', durationMs: 60_000 },
      { type: 'agenda.setCurrent', id: phases[1].id },
      { type: 'agenda.next' },
      { type: 'agenda.updatePhase', id: phases[0].id, name: 'Piraté' },
      { type: 'lock.setBoard', locked: true },
      { type: 'lock.lockRecords', ids: ['shape:card'] },
      { type: 'facilitation.follow', memberId: 'someone' },
      { type: 'facilitation.setAnonymous', anonymous: true },
      { type: 'votes.start', label: 'Vote', cardIds: ['shape:card'], budget: 3 },
    ]
    for (const attempt of attempts) {
      const result = await command(participant, attempt)
      expect(result, attempt.type).toMatchObject({ ok: false, code: 'forbidden' })
    }
    // A facilitator action after them is the first change anyone hears of.
    expect(
      (await command(facilitator, { type: 'votes.start', label: 'Priorités', cardIds: ['shape:card'], budget: 1 })).ok,
    ).toBe(true)
    await waitFor(() => (latest(participant, 'votes')?.rounds.length ?? 0) === 1, 10_000, 'round visible')
    const roundId = latest(participant, 'votes')!.rounds[0].id
    expect(await command(participant, { type: 'votes.reveal', roundId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(await command(participant, { type: 'votes.close', roundId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })

    const states = facilitator.control.filter((m): m is StateMessage => m.kind === 'state').slice(before)
    const changedKeys = new Set(states.flatMap((m) => Object.keys(m.public ?? {})))
    expect([...changedKeys]).toEqual(['votes'])
    expect(latest(facilitator, 'timer')!.status).toBe('idle')
    expect(latest(facilitator, 'agenda')!.currentId).toBeNull()
    expect(latest(facilitator, 'agenda')!.phases[0].name).toBe(phases[0].name)
    expect(latest(facilitator, 'lock')).toEqual({ board: false, records: [] })
    expect(latest(facilitator, 'votes')!.rounds[0].revealed).toBe(false)
  })

  it('enforces the dot budget and hides dots until reveal', async () => {
    const server = await start()
    const w = await createWorkshop(server.url)
    const facilitator = client(server, w.id, w.tokens.facilitator)
    const alice = client(server, w.id, w.tokens.participant, 'alice-member-key-0000000000')
    const bob = client(server, w.id, w.tokens.participant, 'bob-member-key-00000000000000')
    const viewer = client(server, w.id, w.tokens.viewer)
    await connected(facilitator, alice, bob, viewer)
    for (const id of ['shape:a', 'shape:b', 'shape:c']) facilitator.kv.set(id, note(id))
    await waitFor(() => alice.kv.has('shape:c') && bob.kv.has('shape:c'), 10_000, 'cards relayed')

    expect(
      await command(facilitator, {
        type: 'votes.start',
        label: 'Priorités',
        cardIds: ['shape:a', 'shape:b', 'shape:c'],
        budget: 2,
      }),
    ).toMatchObject({ ok: true })
    await waitFor(() => latest(alice, 'votes')?.rounds.length === 1, 10_000, 'round')
    const roundId = latest(alice, 'votes')!.rounds[0].id

    expect(await command(alice, { type: 'votes.place', roundId, cardId: 'shape:a' })).toMatchObject({ ok: true })
    expect(await command(alice, { type: 'votes.place', roundId, cardId: 'shape:a' })).toMatchObject({
      ok: false,
      code: 'one-dot-per-card',
    })
    expect(await command(alice, { type: 'votes.place', roundId, cardId: 'shape:b' })).toMatchObject({ ok: true })
    expect(await command(alice, { type: 'votes.place', roundId, cardId: 'shape:c' })).toMatchObject({
      ok: false,
      code: 'no-dots-left',
    })
    expect(await command(bob, { type: 'votes.place', roundId, cardId: 'shape:a' })).toMatchObject({ ok: true })
    expect(await command(viewer, { type: 'votes.place', roundId, cardId: 'shape:b' })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    expect(await command(alice, { type: 'votes.place', roundId, cardId: 'shape:zzz' })).toMatchObject({ ok: false })

    // Hidden: Bob sees two voters and no tally; nothing he received names a card Alice chose.
    await waitFor(() => latest(bob, 'votes')?.rounds[0].voterCount === 2, 10_000, 'voter count')
    expect(latest(bob, 'votes')!.rounds[0].tallies).toBeNull()
    const bobOwn = bob.control.flatMap((m) =>
      m.kind === 'state' && m.own ? [JSON.stringify(m.own.votes ?? null)] : [],
    )
    expect(bobOwn.some((text) => text.includes('shape:b'))).toBe(false)

    expect(await command(facilitator, { type: 'votes.reveal', roundId })).toMatchObject({ ok: true })
    await waitFor(
      () => latest(bob, 'votes')?.rounds[0].revealed === true && latest(viewer, 'votes')?.rounds[0].revealed === true,
      10_000,
      'reveal',
    )
    const expected = { 'shape:a': 2, 'shape:b': 1, 'shape:c': 0 }
    expect(latest(bob, 'votes')!.rounds[0].tallies).toEqual(expected)
    expect(latest(viewer, 'votes')!.rounds[0].tallies).toEqual(expected)
    expect(latest(alice, 'votes')!.rounds[0].ranking!.map((r) => r.cardId)).toEqual(['shape:a', 'shape:b', 'shape:c'])
  })

  it('reverts a locked record changed through a raw client with a participant token; unlock restores editing', async () => {
    const server = await start()
    const w = await createWorkshop(server.url)
    const facilitator = client(server, w.id, w.tokens.facilitator)
    const participant = client(server, w.id, w.tokens.participant)
    const watcher = client(server, w.id, w.tokens.viewer)
    await connected(facilitator, participant, watcher)
    facilitator.doc.transact(() => {
      facilitator.kv.set('shape:zone', frame('shape:zone'))
      facilitator.kv.set('shape:in', note('shape:in', 'shape:zone', 10))
      facilitator.kv.set('shape:out', note('shape:out', 'page:page', 900))
    })
    await waitFor(() => participant.kv.has('shape:out') && watcher.kv.has('shape:out'), 10_000, 'board relayed')

    expect(await command(facilitator, { type: 'lock.lockRecords', ids: ['shape:zone'] })).toMatchObject({ ok: true })
    await waitFor(() => latest(participant, 'lock')?.records.includes('shape:zone') === true, 10_000, 'lock seen')

    // A hand-made client ignores the lock: edit inside, delete, add into the frame, and an allowed edit.
    participant.doc.transact(() => {
      participant.kv.set('shape:in', note('shape:in', 'shape:zone', 555))
      participant.kv.delete('shape:zone')
      participant.kv.set('shape:sneaky', note('shape:sneaky', 'shape:zone'))
      participant.kv.set('shape:out', note('shape:out', 'page:page', 901))
    })
    const reverted = () =>
      (participant.kv.get('shape:in') as { x: number }).x === 10 &&
      participant.kv.has('shape:zone') &&
      !participant.kv.has('shape:sneaky')
    await waitFor(reverted, 10_000, 'participant reverted by the server')
    await waitFor(
      () => (watcher.kv.get('shape:out') as { x: number } | undefined)?.x === 901,
      10_000,
      'allowed edit relayed',
    )
    expect((watcher.kv.get('shape:in') as { x: number }).x).toBe(10)
    expect(watcher.kv.has('shape:zone')).toBe(true)
    expect(watcher.kv.has('shape:sneaky')).toBe(false)

    // The facilitator is not blocked by the lock.
    facilitator.kv.set('shape:in', note('shape:in', 'shape:zone', 20))
    await waitFor(() => (watcher.kv.get('shape:in') as { x: number }).x === 20, 10_000, 'facilitator edit')

    // Whole board lock: even the free shape is refused.
    expect(await command(facilitator, { type: 'lock.setBoard', locked: true })).toMatchObject({ ok: true })
    await waitFor(() => latest(participant, 'lock')?.board === true, 10_000, 'board lock seen')
    participant.kv.set('shape:out', note('shape:out', 'page:page', 1234))
    await waitFor(() => (participant.kv.get('shape:out') as { x: number }).x === 901, 10_000, 'board lock revert')

    expect(await command(facilitator, { type: 'lock.setBoard', locked: false })).toMatchObject({ ok: true })
    expect(await command(facilitator, { type: 'lock.unlockAll' })).toMatchObject({ ok: true })
    await waitFor(
      () => latest(participant, 'lock')?.board === false && latest(participant, 'lock')?.records.length === 0,
      10_000,
      'unlock seen',
    )
    participant.kv.set('shape:in', note('shape:in', 'shape:zone', 777))
    await waitFor(() => (watcher.kv.get('shape:in') as { x: number }).x === 777, 10_000, 'edit after unlock')
    await waitFor(() => (participant.kv.get('shape:in') as { x: number }).x === 777, 10_000, 'edit kept')
  })

  it('keeps the timer, agenda and lock across a restart', async () => {
    const first = await start()
    const w = await createWorkshop(first.url)
    const facilitator = client(first, w.id, w.tokens.facilitator)
    await connected(facilitator)
    expect(await command(facilitator, { type: 'timer.start', durationMs: 10 * 60_000 })).toMatchObject({ ok: true })
    expect(await command(facilitator, { type: 'agenda.next' })).toMatchObject({ ok: true })
    expect(await command(facilitator, { type: 'lock.setBoard', locked: true })).toMatchObject({ ok: true })
    await waitFor(
      () => latest(facilitator, 'timer')?.status === 'running' && latest(facilitator, 'lock')?.board === true,
      10_000,
      'state',
    )
    const timer = latest(facilitator, 'timer')!
    const currentId = latest(facilitator, 'agenda')!.currentId

    await first.kill()
    for (const c of clients.splice(0)) c.destroy()
    const second = await start(first.dataDir)
    const participant = client(second, w.id, w.tokens.participant)
    await connected(participant)
    expect(latest(participant, 'timer')).toEqual(timer)
    expect(latest(participant, 'agenda')!.currentId).toBe(currentId)
    expect(latest(participant, 'lock')!.board).toBe(true)
  })

  it('refuses malformed commands with a reason and rate-limits a flood', async () => {
    const server = await start()
    const w = await createWorkshop(server.url)
    const facilitator = client(server, w.id, w.tokens.facilitator)
    await connected(facilitator)
    expect(await command(facilitator, { type: 'timer.start', durationMs: -5 })).toMatchObject({
      ok: false,
      code: 'invalid-command',
      params: { details: 'the timer lasts at least 1 second' },
    })
    expect(await command(facilitator, { type: 'timer.start', durationMs: '60' })).toMatchObject({ ok: false })
    expect(
      await command(facilitator, { type: 'votes.start', label: 'x', cardIds: ['shape:a'], budget: 11 }),
    ).toMatchObject({ ok: false, code: 'invalid-command', params: { details: 'budget must be between 1 and 10 dots' } })
    expect(await command(facilitator, { type: 'nothing.here' })).toMatchObject({ ok: false, code: 'unknown-command' })

    const results = await Promise.all(
      Array.from({ length: 80 }, () => command(facilitator, { type: 'facilitation.setAnonymous', anonymous: false })),
    )
    const limited = results.filter((r) => !r.ok && r.code === 'rate-limited').length
    expect(limited).toBeGreaterThan(0)
    expect(results.filter((r) => r.ok).length).toBeGreaterThan(0)
    // The connection stays open: the flood is refused, not fatal.
    expect(facilitator.closeCodes).toEqual([])
  })
})
