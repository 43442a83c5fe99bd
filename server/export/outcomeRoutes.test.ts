import type { FastifyInstance } from 'fastify'
import { afterEach, describe, expect, it } from 'vitest'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import type { ControlState } from '../../shared/control/index'
import { type ExportDocument } from '../../shared/export'
import { boardSchema } from '../../shared/tldrawSchema'
import { copyTitle } from '../../shared/export/copyTitle'
import { workshopControl, workshopRecords } from '../../shared/export/testWorkshop'
import { systemClock } from '../clock'
import { buildTestApp, type TestApp } from '../http/testApp'
import { captureUpdate, shape, syncStep1Frame, TestPeer, updateFrame } from '../sync/testPeers'
import { docFromStored, encodeBoard } from './boardDoc'

/**
 * Export, import and checkpoints through the HTTP app (`inject`, no port), on the memory
 * storage and real rooms with in-memory peers. The real server process is tested in
 * tests/integration/export.test.ts.
 */

const open: TestApp[] = []
afterEach(async () => {
  for (const s of open.splice(0)) {
    await s.rooms.closeAll()
    await s.app.close()
  }
})

async function setup(env: Record<string, string> = {}): Promise<TestApp> {
  const s = await buildTestApp(
    { DIST_DIR: '/nonexistent', ...env },
    { clock: systemClock, roomGraceMs: 60_000, publicUrl: 'https://board.example.org' },
  )
  open.push(s)
  return s
}

interface Created {
  id: string
  tokens: { facilitator: string; participant: string; viewer: string }
}

function created(body: { id: string; links: Record<'facilitator' | 'participant' | 'viewer', string> }): Created {
  const token = (link: string) => new URL(link).hash.replace('#token=', '')
  return {
    id: body.id,
    tokens: {
      facilitator: token(body.links.facilitator),
      participant: token(body.links.participant),
      viewer: token(body.links.viewer),
    },
  }
}

/** A workshop with the realistic test board and control state, written into storage. */
async function workshopWithBoard({ app, storage }: TestApp): Promise<Created> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/workshops',
    payload: {
      title: 'Mobilités partagées',
      coalition: 'Pour une mobilité partagée | inclusive',
      template: 'full-workshop',
    },
  })
  const w = created(res.json())
  await storage.appendUpdate(w.id, encodeBoard({ records: workshopRecords(), schema: boardSchema().serialize() }))
  const control = workshopControl()
  for (const key of Object.keys(control) as (keyof ControlState)[]) {
    if (key !== 'meta') await storage.saveControl(w.id, key, control[key])
  }
  await storage.recordParticipant(w.id, 'member-a')
  await storage.recordParticipant(w.id, 'member-b')
  return w
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` })

function exportOf(app: FastifyInstance, w: Created, format = 'json', token = w.tokens.facilitator) {
  return app.inject({ url: `/api/workshops/${w.id}/export?format=${format}`, headers: bearer(token) })
}

/** An export without its time: what must survive a round trip. */
function content(doc: ExportDocument): Omit<ExportDocument, 'exportedAt'> {
  const { exportedAt: _ignored, ...rest } = doc
  return rest
}

async function joinPeer(s: TestApp, id: string): Promise<TestPeer> {
  const peer = new TestPeer('participant', 'peer-1')
  const room = s.rooms.join(id, peer)
  await room.loaded
  room.receive(peer, syncStep1Frame(peer.doc))
  await room.whenIdle()
  peer.catchUp()
  return peer
}

describe('export', () => {
  it('is for facilitators: 401 without a token, 403 for participant and viewer, 404 for an unknown workshop, 400 for a bad format', async () => {
    const s = await setup()
    const w = await workshopWithBoard(s)
    expect((await s.app.inject({ url: `/api/workshops/${w.id}/export?format=json` })).statusCode).toBe(401)
    for (const role of ['participant', 'viewer'] as const) {
      const res = await exportOf(s.app, w, 'json', w.tokens[role])
      expect(res.statusCode).toBe(403)
      expect(res.json()).toEqual({ error: 'only a facilitator may export a workshop' })
    }
    expect(
      (
        await s.app.inject({
          url: `/api/workshops/BBBBBBBBBBBBBBBBBBBBBB/export?format=json`,
          headers: bearer(w.tokens.facilitator),
        })
      ).statusCode,
    ).toBe(404)
    for (const format of ['pdf', '', 'toString']) {
      const res = await exportOf(s.app, w, format)
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toBe('format must be json, md or csv')
    }
  })

  it('sends JSON, Markdown and CSV as attachments named after the workshop and the day', async () => {
    const s = await setup()
    const w = await workshopWithBoard(s)
    const expected = {
      json: 'application/json; charset=utf-8',
      md: 'text/markdown; charset=utf-8',
      csv: 'text/csv; charset=utf-8',
    }
    for (const [format, type] of Object.entries(expected)) {
      const res = await exportOf(s.app, w, format)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe(type)
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="mobilites-partagees-\\d{4}-\\d{2}-\\d{2}\\.${format}"$`),
      )
      expect(res.headers['cache-control']).toBe('no-store')
    }
    const doc = (await exportOf(s.app, w)).json() as ExportDocument
    expect(doc.format).toBe('coalition-board/workshop@1')
    expect(doc.workshop).toMatchObject({ title: 'Mobilités partagées', template: 'full-workshop', locale: 'fr' })
    expect(doc.participantCount).toBe(2)
    expect(doc.cards.actor.map((c) => c.title)).toContain('Collectivité de Lyon')
    expect(doc.compass.rounds).toHaveLength(2)
    expect(doc.votes.rounds[0].tallies?.[0]).toMatchObject({ cardId: 'shape:lever-data', dots: 3 })
    const md = (await exportOf(s.app, w, 'md')).body
    expect(md).toContain('Collectivité de Lyon')
    const csv = (await exportOf(s.app, w, 'csv')).body
    expect(csv.startsWith('\uFEFF')).toBe(true)
    expect(csv).toContain('Concentration de NO₂')
  })

  it('sends the CSV as three tables, each its own file: cards, votes, compass', async () => {
    const s = await setup()
    const w = await workshopWithBoard(s)
    const names: Record<string, string> = { cards: '', votes: '-votes', compass: '-boussole' }
    for (const [table, suffix] of Object.entries(names)) {
      const res = await exportOf(s.app, w, `csv&table=${table}`)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="mobilites-partagees-\\d{4}-\\d{2}-\\d{2}${suffix}\\.csv"$`),
      )
    }
    // No table: the cards, as before three tables existed.
    expect((await exportOf(s.app, w, 'csv')).body).toBe((await exportOf(s.app, w, 'csv&table=cards')).body)
    const votes = (await exportOf(s.app, w, 'csv&table=votes')).body
    expect(votes.split('\r\n')[0]).toContain('"Rang"')
    expect(votes).toContain('"Ouvrir les données de trafic"')
    const compass = (await exportOf(s.app, w, 'csv&table=compass')).body
    expect(compass).toContain('"Situation actuelle"')
    expect(compass).toContain('"Équitable"')
    for (const query of ['csv&table=pdf', 'csv&table=', 'md&table=votes']) {
      const res = await exportOf(s.app, w, query)
      expect(res.statusCode).toBe(400)
      expect(res.json().error).toMatch(/^table /)
    }
  })

  it('reads the live room when it is loaded, including what a client just sent', async () => {
    const s = await setup()
    const w = await workshopWithBoard(s)
    const peer = await joinPeer(s, w.id)
    const room = s.rooms.get(w.id)!
    room.receive(
      peer,
      updateFrame(
        captureUpdate(peer.doc, () =>
          peer.kv.set('shape:fresh', {
            ...shape('shape:fresh'),
            index: 'a1',
            rotation: 0,
            isLocked: false,
            opacity: 1,
            meta: {},
          }),
        ),
      ),
    )
    const doc = (await exportOf(s.app, w)).json() as ExportDocument
    expect(doc.board.records.map((r) => (r as { id: string }).id)).toContain('shape:fresh')
    peer.destroy()
  })
})

describe('import', () => {
  it('creates a new workshop, with new links, titled as a copy, whose export is otherwise the same', async () => {
    const s = await setup()
    const w = await workshopWithBoard(s)
    const first = (await exportOf(s.app, w)).json() as ExportDocument
    const res = await s.app.inject({ method: 'POST', url: '/api/workshops/import', payload: first })
    expect(res.statusCode).toBe(201)
    const copy = created(res.json())
    expect(copy.id).not.toBe(w.id)
    expect(res.json().links.facilitator).toMatch(new RegExp(`^https://board\\.example\\.org/w/${copy.id}#token=`))
    expect(copy.tokens.facilitator).not.toBe(w.tokens.facilitator)
    const second = (await exportOf(s.app, copy)).json() as ExportDocument
    const copyName = copyTitle(first.workshop.title, first.exportedAt, first.workshop.locale)
    expect(copyName).toMatch(/ \((copie du|copy of) .+\)$/)
    expect(second.workshop.title).toBe(copyName)
    expect(second.control.meta.title).toBe(copyName)
    const asOriginal = { ...second, workshop: first.workshop, control: { ...second.control, meta: first.control.meta } }
    expect(content(asOriginal)).toEqual(content(first))
    // The original's tokens open nothing of the copy.
    expect((await exportOf(s.app, copy, 'json', w.tokens.facilitator)).statusCode).toBe(401)
  })

  it('answers 400 with what and where for bad JSON and bad content, 413 beyond the limit', async () => {
    const s = await setup({ MAX_IMPORT_BYTES: '200000' })
    const w = await workshopWithBoard(s)
    const doc = (await exportOf(s.app, w)).json() as ExportDocument
    const post = (payload: string) =>
      s.app.inject({
        method: 'POST',
        url: '/api/workshops/import',
        headers: { 'content-type': 'application/json' },
        payload,
      })

    const badJson = await post('{\n  "format": "coalition-board/workshop@1",\n  oops\n}')
    expect(badJson.statusCode).toBe(400)
    expect(badJson.json().error).toBe('import is not valid JSON')
    expect(badJson.json().details[0]).toMatch(/line 3, column 3/)

    const wrongTag = await post(JSON.stringify({ ...doc, format: 'other@2' }))
    expect(wrongTag.statusCode).toBe(400)
    expect(wrongTag.json().details).toEqual(['format: "other@2" is not "coalition-board/workshop@1"'])

    const records = doc.board.records.map((r) =>
      (r as { id: string }).id === 'shape:actor-lyon'
        ? { ...(r as object), props: { ...(r as { props: object }).props, power: 9 } }
        : r,
    )
    const badCard = await post(JSON.stringify({ ...doc, board: { ...doc.board, records } }))
    expect(badCard.statusCode).toBe(400)
    expect(badCard.json().details.join('\n')).toMatch(
      /\(shape:actor-lyon\) props\.power: power must be between 1 and 5/,
    )

    const tooBig = await post(JSON.stringify({ ...doc, padding: 'x'.repeat(200_000) }))
    expect(tooBig.statusCode).toBe(413)
    expect(tooBig.json()).toHaveProperty('error')

    const notJson = await s.app.inject({
      method: 'POST',
      url: '/api/workshops/import',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    })
    expect(notJson.statusCode).toBe(415)
  })
})

describe('checkpoints', () => {
  const names = (s: TestApp, w: Created) =>
    s.app
      .inject({ url: `/api/workshops/${w.id}/checkpoints`, headers: bearer(w.tokens.facilitator) })
      .then(
        (r) =>
          r.json().checkpoints as { id: string; name: string; author: string; automatic: boolean; createdAt: number }[],
      )

  it('saves, lists and restores into the live board; the restore is undone by the automatic checkpoint', async () => {
    const s = await setup()
    const w = await workshopWithBoard(s)
    const peer = await joinPeer(s, w.id)
    const room = s.rooms.get(w.id)!
    expect(peer.kv.has('shape:actor-lyon')).toBe(true)

    const saved = await s.app.inject({
      method: 'POST',
      url: `/api/workshops/${w.id}/checkpoints`,
      headers: bearer(w.tokens.facilitator),
      payload: { name: 'Après le cadrage', author: 'Awa' },
    })
    expect(saved.statusCode).toBe(201)
    const checkpoint = saved.json().checkpoint as { id: string }
    expect(saved.json().checkpoint).toMatchObject({ name: 'Après le cadrage', author: 'Awa', automatic: false })

    // After the checkpoint: one card deleted, one added, one moved.
    room.receive(
      peer,
      updateFrame(
        captureUpdate(peer.doc, () => {
          peer.kv.delete('shape:actor-lyon')
          peer.kv.set('shape:later', {
            ...shape('shape:later'),
            index: 'a1',
            rotation: 0,
            isLocked: false,
            opacity: 1,
            meta: {},
          })
          peer.kv.set('shape:actor-velo', { ...(peer.kv.get('shape:actor-velo') as object), x: 5 })
        }),
      ),
    )
    await room.whenIdle()

    const restore = await s.app.inject({
      method: 'POST',
      url: `/api/workshops/${w.id}/checkpoints/${checkpoint.id}/restore`,
      headers: bearer(w.tokens.facilitator),
      payload: { author: 'Bruno' },
    })
    expect(restore.statusCode).toBe(200)
    expect(restore.json().before).toMatchObject({
      name: 'Avant restauration de «\u202fAprès le cadrage\u202f»',
      author: 'Bruno',
      automatic: true,
    })
    peer.catchUp()
    expect(peer.kv.has('shape:actor-lyon')).toBe(true)
    expect(peer.kv.has('shape:later')).toBe(false)
    expect((peer.kv.get('shape:actor-velo') as { x: number }).x).toBe(900)

    const list = await names(s, w)
    expect(list.map((c) => [c.name, c.automatic])).toEqual([
      ['Avant restauration de «\u202fAprès le cadrage\u202f»', true],
      ['Après le cadrage', false],
    ])

    // Restoring the automatic checkpoint undoes the restore.
    const undo = await s.app.inject({
      method: 'POST',
      url: `/api/workshops/${w.id}/checkpoints/${list[0].id}/restore`,
      headers: bearer(w.tokens.facilitator),
      payload: {},
    })
    expect(undo.statusCode).toBe(200)
    peer.catchUp()
    expect(peer.kv.has('shape:actor-lyon')).toBe(false)
    expect(peer.kv.has('shape:later')).toBe(true)
    expect((peer.kv.get('shape:actor-velo') as { x: number }).x).toBe(5)
    // …and what the peer sees is what is stored.
    const stored = new Y.Doc()
    const { snapshot, updates } = await s.storage.loadDoc(w.id)
    if (snapshot) Y.applyUpdate(stored, snapshot)
    for (const u of updates) Y.applyUpdate(stored, u)
    expect(
      stored
        .getArray('tl_records')
        .toJSON()
        .map((e: { key: string }) => e.key)
        .sort(),
    ).toEqual([...peer.kv.map.keys()].sort())
    peer.destroy()
  })

  it('restores with no room loaded, through a room that then unloads', async () => {
    const s = await setup()
    const w = await workshopWithBoard(s)
    const saved = (
      await s.app.inject({
        method: 'POST',
        url: `/api/workshops/${w.id}/checkpoints`,
        headers: bearer(w.tokens.facilitator),
        payload: { name: 'Point A' },
      })
    ).json().checkpoint as { id: string }
    expect(s.rooms.get(w.id)).toBeUndefined()
    // Someone deletes a card, and everybody leaves: only storage holds the board.
    const doc = docFromStored(await s.storage.loadDoc(w.id))
    const kv = new YKeyValue<unknown>(doc.getArray<{ key: string; val: unknown }>('tl_records'))
    await s.storage.appendUpdate(
      w.id,
      captureUpdate(doc, () => kv.delete('shape:actor-lyon')),
    )
    expect(((await exportOf(s.app, w)).json() as ExportDocument).cards.actor.map((c) => c.id)).not.toContain(
      'shape:actor-lyon',
    )
    const res = await s.app.inject({
      method: 'POST',
      url: `/api/workshops/${w.id}/checkpoints/${saved.id}/restore`,
      headers: bearer(w.tokens.facilitator),
    })
    expect(res.statusCode).toBe(200)
    expect(s.rooms.get(w.id)?.connectionCount()).toBe(0)
    expect((await names(s, w)).length).toBe(2)
    expect(((await exportOf(s.app, w)).json() as ExportDocument).cards.actor.map((c) => c.id)).toContain(
      'shape:actor-lyon',
    )
  })

  it('refuses participants, viewers, unknown checkpoints and bad names', async () => {
    const s = await setup()
    const w = await workshopWithBoard(s)
    for (const role of ['participant', 'viewer'] as const) {
      expect(
        (await s.app.inject({ url: `/api/workshops/${w.id}/checkpoints`, headers: bearer(w.tokens[role]) })).statusCode,
      ).toBe(403)
      expect(
        (
          await s.app.inject({
            method: 'POST',
            url: `/api/workshops/${w.id}/checkpoints`,
            headers: bearer(w.tokens[role]),
            payload: { name: 'x' },
          })
        ).statusCode,
      ).toBe(403)
    }
    const restore = (cid: string) =>
      s.app.inject({
        method: 'POST',
        url: `/api/workshops/${w.id}/checkpoints/${cid}/restore`,
        headers: bearer(w.tokens.facilitator),
        payload: {},
      })
    expect((await restore('AAAAAAAAAAAAAAAA')).statusCode).toBe(404)
    expect((await restore('../../etc')).statusCode).toBe(404)
    const bad = await s.app.inject({
      method: 'POST',
      url: `/api/workshops/${w.id}/checkpoints`,
      headers: bearer(w.tokens.facilitator),
      payload: { name: '   ' },
    })
    expect(bad.statusCode).toBe(400)
    expect(bad.json().details[0]).toEqual({ path: 'name', message: 'name is required' })
    const del = await s.app.inject({
      method: 'DELETE',
      url: `/api/workshops/${w.id}/checkpoints/AAAAAAAAAAAAAAAA`,
      headers: bearer(w.tokens.facilitator),
    })
    expect(del.statusCode).toBe(404)
  })
})
