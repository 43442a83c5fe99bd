import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { AXIS_CODES } from '../../shared/compass/axes'
import type { CompassMemberView, CompassPublicView } from '../../shared/control/compass'
import type { ResultMessage, ServerControlMessage, StateMessage } from '../../shared/control/messages'
import { MessageType } from '../../shared/protocol'
import { createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'
import { geoShape } from '../helpers/records'

/**
 * The compass against a real server process: who may do what, scores keyed by the member id
 * the server derives from each member key, secrecy on the wire before reveal (every raw frame
 * a participant receives, doc and control, is searched for another's values), identical
 * aggregates after reveal, and everything kept across `kill -9`.
 */

interface Member {
  provider: WebsocketProvider
  doc: Y.Doc
  control: ServerControlMessage[]
  /** Every WebSocket frame received, raw, in arrival order. */
  frames: Uint8Array[]
  nextId: number
  destroy(): void
}

const servers: TestServer[] = []
const members: Member[] = []
afterEach(async () => {
  for (const m of members.splice(0)) m.destroy()
  for (const s of servers.splice(0).reverse()) await s.stop()
})

async function start(dataDir?: string): Promise<TestServer> {
  const s = await startServer({ dataDir })
  servers.push(s)
  return s
}

/** Member keys are the person's secret (22–64 base64url chars); the server derives the public id. */
const memberKey = (name: string) => `${name}-member-key-`.padEnd(30, 'x')

/**
 * A y-websocket client whose socket records every frame before y-websocket sees it, so
 * nothing the server sends (sync, awareness or control) escapes the search.
 */
function connect(server: TestServer, workshopId: string, token: string, member: string): Member {
  const frames: Uint8Array[] = []
  class RecordingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols)
      this.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)
        frames.push(new Uint8Array(bytes))
      })
    }
  }
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(`${server.url.replace(/^http/, 'ws')}/sync`, workshopId, doc, {
    WebSocketPolyfill: RecordingWebSocket as unknown as typeof globalThis.WebSocket,
    params: { token, member },
    disableBc: true,
    maxBackoffTime: 500,
  })
  const control: ServerControlMessage[] = []
  provider.messageHandlers[MessageType.control] = (_encoder, decoder: decoding.Decoder) => {
    control.push(JSON.parse(decoding.readVarString(decoder)) as ServerControlMessage)
  }
  const m: Member = {
    provider,
    doc,
    control,
    frames,
    nextId: 1,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
  members.push(m)
  return m
}

/** Sends a control command and resolves with the server's result for it. */
async function command(m: Member, cmd: { type: string } & Record<string, unknown>): Promise<ResultMessage> {
  await waitFor(() => m.provider.wsconnected && m.provider.ws?.readyState === WebSocket.OPEN, 10_000, 'socket open')
  const id = m.nextId++
  const frame = encoding.encode((e) => {
    encoding.writeVarUint(e, MessageType.control)
    encoding.writeVarString(e, JSON.stringify({ kind: 'command', id, command: cmd }))
  })
  m.provider.ws!.send(frame)
  let result: ResultMessage | undefined
  await waitFor(
    () =>
      (result = m.control.find((msg): msg is ResultMessage => msg.kind === 'result' && msg.id === id)) !== undefined,
    10_000,
    `result of ${cmd.type}`,
  )
  return result!
}

/** The latest compass public view and own view this member received. */
function latest(m: Member): {
  view: CompassPublicView | undefined
  own: CompassMemberView | undefined
  self: StateMessage['self']
} {
  let view: CompassPublicView | undefined
  let own: CompassMemberView | undefined
  let self: StateMessage['self']
  for (const msg of m.control) {
    if (msg.kind !== 'state') continue
    if (msg.public?.compass) view = msg.public.compass as CompassPublicView
    if (msg.own?.compass) own = msg.own.compass as CompassMemberView
    if (msg.self) self = msg.self
  }
  return { view, own, self }
}

const ready = (m: Member) =>
  waitFor(() => m.provider.synced && latest(m).self !== undefined, 10_000, 'sync and welcome')

/** Scores every axis of `roundId` with `value`, each with `comment`. */
async function scoreAll(m: Member, roundId: string, value: number | 'nc', comment?: string): Promise<void> {
  for (const axis of AXIS_CODES) {
    const result = await command(m, { type: 'compass.score', roundId, axis, value, ...(comment ? { comment } : {}) })
    expect(result, axis).toMatchObject({ ok: true })
  }
}

async function openRound(facilitator: Member, label: string): Promise<string> {
  const before = latest(facilitator).view?.rounds.length ?? 0
  expect(
    await command(facilitator, { type: 'compass.openRound', label, subject: { kind: 'coalition' } }),
  ).toMatchObject({ ok: true })
  await waitFor(() => (latest(facilitator).view?.rounds.length ?? 0) > before, 10_000, 'round opened')
  return latest(facilitator).view!.rounds.at(-1)!.id
}

describe('compass on a real server', () => {
  it('keys scores by member id: a participant changes only their own, a viewer none, only a facilitator runs rounds', async () => {
    const server = await start()
    const w = await createWorkshop(server.url)
    const fac = connect(server, w.id, w.tokens.facilitator, memberKey('fac'))
    // A and B share the participant link: only their member keys tell them apart.
    const a = connect(server, w.id, w.tokens.participant, memberKey('awa'))
    const b = connect(server, w.id, w.tokens.participant, memberKey('bruno'))
    const viewer = connect(server, w.id, w.tokens.viewer, memberKey('vera'))
    await Promise.all([fac, a, b, viewer].map(ready))
    const bId = latest(b).self!.memberId
    expect(latest(a).self!.memberId).not.toBe(bId)

    const roundId = await openRound(fac, 'Situation actuelle')
    expect(
      await command(b, { type: 'compass.score', roundId, axis: 'frugal', value: 1, comment: 'à moi' }),
    ).toMatchObject({ ok: true })
    // A names B in the command: the server ignores it and writes A's own sheet.
    expect(
      await command(a, {
        type: 'compass.score',
        roundId,
        axis: 'frugal',
        value: 4,
        memberId: bId,
        comment: 'écrasé ?',
      }),
    ).toMatchObject({ ok: true })
    await waitFor(() => latest(a).own?.[roundId]?.frugal?.value === 4, 10_000, 'A sees own score')
    await waitFor(() => latest(fac).view?.rounds[0].scoredCount === 2, 10_000, 'two scorers')
    expect(latest(b).own?.[roundId]).toEqual({ frugal: { value: 1, comment: 'à moi' } })
    expect(latest(fac).view?.rounds[0].scoredBy).toEqual([latest(a).self!.memberId, bId].sort())

    // The same person (same member key) on a second connection finds their own scores.
    const b2 = connect(server, w.id, w.tokens.participant, memberKey('bruno'))
    await ready(b2)
    expect(latest(b2).self!.memberId).toBe(bId)
    expect(latest(b2).own?.[roundId]).toEqual({ frugal: { value: 1, comment: 'à moi' } })

    expect(await command(viewer, { type: 'compass.score', roundId, axis: 'frugal', value: 2 })).toEqual(
      expect.objectContaining({ ok: false, code: 'forbidden' }),
    )
    expect(await command(viewer, { type: 'compass.clearScore', roundId })).toMatchObject({
      ok: false,
      code: 'forbidden',
    })
    for (const type of ['compass.reveal', 'compass.hide', 'compass.close', 'compass.reopen', 'compass.deleteRound']) {
      expect(await command(a, { type, roundId }), type).toMatchObject({ ok: false, code: 'forbidden' })
    }
    expect(
      await command(a, { type: 'compass.openRound', label: 'Pirate', subject: { kind: 'coalition' } }),
    ).toMatchObject({ ok: false, code: 'forbidden' })
    expect(
      await command(b, { type: 'compass.setQuestion', axis: 'frugal', locale: 'fr', text: 'Piratée ?' }),
    ).toMatchObject({ ok: false, code: 'forbidden' })

    // Bad values, unknown axes, over-long comments, unknown rounds: refused with a reason.
    expect(await command(a, { type: 'compass.score', roundId, axis: 'frugal', value: 5 })).toMatchObject({
      ok: false,
      code: 'invalid-command',
      params: { details: 'value must be 0, 1, 2, 3, 4 or "nc"' },
    })
    expect(await command(a, { type: 'compass.score', roundId, axis: 'frugal', value: '3' })).toMatchObject({
      ok: false,
    })
    const unknownAxis = await command(a, { type: 'compass.score', roundId, axis: 'rapide', value: 2 })
    expect(unknownAxis).toMatchObject({ ok: false })
    expect(unknownAxis).toMatchObject({ code: 'invalid-command' })
    expect(unknownAxis.ok ? '' : unknownAxis.params?.details).toContain('axis must be one of capacitant')
    expect(
      await command(a, { type: 'compass.score', roundId, axis: 'frugal', value: 2, comment: 'x'.repeat(501) }),
    ).toMatchObject({
      ok: false,
      code: 'invalid-command',
      params: { details: 'comment is longer than 500 characters' },
    })
    expect(await command(a, { type: 'compass.score', roundId: 'compass-99', axis: 'frugal', value: 2 })).toMatchObject({
      ok: false,
      code: 'unknown-round',
    })
    expect(
      await command(fac, {
        type: 'compass.openRound',
        label: 'Sur une carte',
        subject: { kind: 'card', cardId: 'shape:nowhere' },
      }),
    ).toMatchObject({
      ok: false,
      code: 'unknown-card',
      params: { id: 'shape:nowhere' },
    })

    // Closed: no more changes, for anyone; reopened: changes again.
    expect(await command(fac, { type: 'compass.close', roundId })).toMatchObject({ ok: true })
    expect(await command(a, { type: 'compass.score', roundId, axis: 'frugal', value: 2 })).toMatchObject({
      ok: false,
      code: 'round-closed',
    })
    expect(await command(fac, { type: 'compass.reopen', roundId })).toMatchObject({ ok: true })
    expect(await command(a, { type: 'compass.score', roundId, axis: 'frugal', value: 2 })).toMatchObject({ ok: true })
    await waitFor(() => latest(a).own?.[roundId]?.frugal?.value === 2, 10_000, 'changed score')
    // Nothing refused changed anything: B's sheet is exactly what B wrote.
    expect(latest(b).own?.[roundId]).toEqual({ frugal: { value: 1, comment: 'à moi' } })
    expect(latest(a).own?.[roundId]).toEqual({ frugal: { value: 2, comment: 'écrasé ?' } })
  })

  it('sends a participant nothing of another’s scores before reveal, then the same aggregates to all', async () => {
    const server = await start()
    const w = await createWorkshop(server.url)
    const fac = connect(server, w.id, w.tokens.facilitator, memberKey('fac'))
    const a = connect(server, w.id, w.tokens.participant, memberKey('awa'))
    const b = connect(server, w.id, w.tokens.participant, memberKey('bruno'))
    await Promise.all([fac, a, b].map(ready))
    const aId = latest(a).self!.memberId
    const roundId = await openRound(fac, 'Situation actuelle')

    // A's sheet is recognisable: 4 everywhere (B only ever uses 0) and a unique comment.
    const secret = 'Secret-de-Awa-7f3k9'
    await scoreAll(a, roundId, 4, secret)
    await scoreAll(b, roundId, 0, 'avis de Bruno')
    await waitFor(() => latest(b).view?.rounds[0].scoredCount === 2, 10_000, 'B sees the count')
    await waitFor(() => latest(fac).view?.rounds[0].scoredCount === 2, 10_000, 'facilitator sees the count')
    // A doc update travels after the scores: once B has it, every earlier frame has arrived.
    const marker = connect(server, w.id, w.tokens.facilitator, memberKey('marker'))
    await ready(marker)
    marker.doc.getArray('tl_records').push([{ key: 'shape:marker', val: geoShape('shape:marker') }])
    await waitFor(
      () =>
        b.doc
          .getArray<{ key: string }>('tl_records')
          .toArray()
          .some((e) => e.key === 'shape:marker'),
      10_000,
      'marker at B',
    )

    const framesBeforeReveal = b.frames.length
    expect(framesBeforeReveal).toBeGreaterThan(0)
    const seen = b.frames.map((f) => Buffer.from(f).toString('utf8')).join('\n')
    expect(seen).toContain('avis de Bruno') // the search does find what B may see…
    expect(seen).not.toContain(secret) // …and never A's comment,
    expect(seen).not.toMatch(/"value":\s*4/) // A's values,
    expect(seen).not.toContain(aId) // who scored (facilitators only),
    expect(seen).not.toMatch(/"mean"|"median"|"spread"/) // nor any statistic.
    expect(latest(b).view?.rounds[0]).toMatchObject({
      scoredCount: 2,
      aggregate: null,
      comments: null,
      revealed: false,
    })

    expect(await command(fac, { type: 'compass.reveal', roundId })).toMatchObject({ ok: true })
    await waitFor(
      () => [fac, a, b].every((m) => latest(m).view?.rounds[0].aggregate != null),
      10_000,
      'aggregates everywhere',
    )
    const agg = latest(a).view!.rounds[0].aggregate!
    expect(latest(b).view!.rounds[0].aggregate).toEqual(agg)
    expect(latest(fac).view!.rounds[0].aggregate).toEqual(agg)
    for (const axis of AXIS_CODES) {
      expect(agg[axis]).toEqual({ count: 2, ncCount: 0, mean: 2, median: 2, min: 0, max: 4, spread: 4, flagged: true })
    }
    // Comments come without author, and B now sees A's.
    expect(latest(b).view!.rounds[0].comments).toContainEqual({ axis: 'frugal', text: secret })
    expect(latest(b).view!.rounds[0].scoredBy).toBeUndefined()

    // Hidden again: the aggregate is withdrawn from everyone.
    expect(await command(fac, { type: 'compass.hide', roundId })).toMatchObject({ ok: true })
    await waitFor(() => latest(b).view?.rounds[0].aggregate === null, 10_000, 'hidden again')
    expect(latest(b).view!.rounds[0].comments).toBeNull()
  })

  it('keeps rounds, scores, questions and reveal across kill -9, and exports them with their aggregates', async () => {
    const first = await start()
    const w = await createWorkshop(first.url)
    const fac = connect(first, w.id, w.tokens.facilitator, memberKey('fac'))
    const a = connect(first, w.id, w.tokens.participant, memberKey('awa'))
    await Promise.all([fac, a].map(ready))
    const today = await openRound(fac, 'Situation actuelle')
    const aimed = await openRound(fac, 'Visée 2030')
    await scoreAll(a, today, 1, 'aujourd’hui')
    expect(await command(a, { type: 'compass.score', roundId: aimed, axis: 'inclusif', value: 'nc' })).toMatchObject({
      ok: true,
    })
    expect(await command(fac, { type: 'compass.score', roundId: aimed, axis: 'inclusif', value: 3 })).toMatchObject({
      ok: true,
    })
    expect(await command(fac, { type: 'compass.reveal', roundId: today })).toMatchObject({ ok: true })
    expect(await command(fac, { type: 'compass.close', roundId: today })).toMatchObject({ ok: true })
    expect(
      await command(fac, { type: 'compass.setQuestion', axis: 'frugal', locale: 'fr', text: 'Sobre en énergie ?' }),
    ).toMatchObject({ ok: true })
    // A command's result comes after it was persisted: kill right away.
    await first.kill()
    for (const m of members.splice(0)) m.destroy()

    const second = await start(first.dataDir)
    const a2 = connect(second, w.id, w.tokens.participant, memberKey('awa'))
    const b = connect(second, w.id, w.tokens.participant, memberKey('bruno'))
    await Promise.all([a2, b].map(ready))
    const view = latest(b).view!
    expect(view.rounds.map((r) => [r.label, r.open, r.revealed, r.scoredCount])).toEqual([
      ['Situation actuelle', false, true, 1],
      ['Visée 2030', true, false, 2],
    ])
    expect(view.rounds[0].aggregate?.capacitant).toMatchObject({ count: 1, mean: 1 })
    expect(view.rounds[1].aggregate).toBeNull()
    expect(view.questions.frugal.fr).toBe('Sobre en énergie ?')
    expect(latest(a2).own?.[aimed]).toEqual({ inclusif: { value: 'nc' } })
    expect(latest(a2).own?.[today]?.equitable).toEqual({ value: 1, comment: 'aujourd’hui' })
    expect(latest(b).own).toEqual({})
    // Still live after the restart: B scores the open round.
    expect(await command(b, { type: 'compass.score', roundId: aimed, axis: 'inclusif', value: 2 })).toMatchObject({
      ok: true,
    })
    await waitFor(() => latest(a2).view?.rounds[1].scoredCount === 3, 10_000, 'third scorer')

    // The export carries the rounds with their aggregates and comments; a hidden round only its count.
    const auth = { authorization: `Bearer ${w.tokens.facilitator}` }
    const res = await fetch(`${second.url}/api/workshops/${w.id}/export?format=json`, { headers: auth })
    expect(res.status).toBe(200)
    const exported = (await res.json()) as { compass: { rounds: Record<string, unknown>[] } }
    expect(exported.compass.rounds).toHaveLength(2)
    expect(exported.compass.rounds[0]).toMatchObject({
      label: 'Situation actuelle',
      status: 'closed',
      revealed: true,
      scoredCount: 1,
    })
    expect(exported.compass.rounds[0].axes).toMatchObject({
      capacitant: { count: 1, mean: 1, median: 1, spread: 0, flagged: false },
    })
    expect(exported.compass.rounds[0].comments).toContainEqual({ axis: 'frugal', text: 'aujourd’hui' })
    expect(exported.compass.rounds[1]).toMatchObject({
      label: 'Visée 2030',
      revealed: false,
      scoredCount: 3,
      axes: null,
      comments: null,
    })
    const sheet = await (await fetch(`${second.url}/api/workshops/${w.id}/export?format=md`, { headers: auth })).text()
    expect(sheet).toContain('Situation actuelle')
    expect(sheet).toContain('Capacitant')
  })
})
