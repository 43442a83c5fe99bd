import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { META_MAP, META_SCHEMA_KEY } from '../../shared/board'
import { CloseCode } from '../../shared/protocol'
import { serializedBoardSchema } from '../../shared/tldrawSchema'
import { arrowBetween, documentRecord, geoShape, pageRecord } from '../helpers/records'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type CreatedTestWorkshop,
  type TestClient,
  type TestServer,
} from '../helpers/server'

/**
 * The room is the one authority over its board (issue 14), over real sockets with stock
 * y-websocket clients: a participant's write outside the board's layout (tl_meta.schema,
 * a root type the board does not use) is refused whole — not applied, stored or relayed —
 * and every record a client writes must be one tldraw itself would accept, whose parent and
 * binding targets exist. Each attack is followed by the facilitator editing as before.
 */

const dataDir = mkdtempSync(join(tmpdir(), 'coalition-authority-'))
let server: TestServer
const clients: TestClient[] = []

beforeAll(async () => {
  server = await startServer({ dataDir })
})
afterEach(() => {
  for (const c of clients.splice(0)) c.destroy()
})
afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

function connect(w: CreatedTestWorkshop, role: 'facilitator' | 'participant' | 'viewer', member?: string): TestClient {
  const c = connectClient(server.url, w.id, w.tokens[role], member ? { member } : {})
  clients.push(c)
  return c
}

/** Every byte stored for a workshop (snapshot and log), read from the SQLite file. */
function storedBytes(workshopId: string): Buffer[] {
  const db = new Database(join(dataDir, 'coalition.db'), { readonly: true, fileMustExist: true })
  try {
    const rows = db.prepare('SELECT data FROM doc_updates WHERE workshop_id = ?').all(workshopId) as { data: Buffer }[]
    const snap = db.prepare('SELECT data FROM doc_snapshots WHERE workshop_id = ?').all(workshopId) as {
      data: Buffer
    }[]
    return [...rows, ...snap].map((r) => r.data)
  } finally {
    db.close()
  }
}

const storedContains = (workshopId: string, marker: string) => storedBytes(workshopId).some((b) => b.includes(marker))

/** A facilitator's board with its page, synced with the server. */
async function boardWithFacilitator(): Promise<{ w: CreatedTestWorkshop; fac: TestClient }> {
  const w = await createWorkshop(server.url)
  const fac = connect(w, 'facilitator', 'fac-key-000000000000000')
  await waitFor(() => fac.provider.synced, 10_000, 'facilitator synced')
  fac.doc.transact(() => {
    fac.kv.set(documentRecord().id, documentRecord())
    fac.kv.set(pageRecord().id, pageRecord())
  })
  return { w, fac }
}

/** The facilitator adds shapes; a newcomer sees all of them (the board is editable and syncs). */
async function facilitatorStillEdits(
  w: CreatedTestWorkshop,
  fac: TestClient,
  count: number,
  prefix: string,
): Promise<void> {
  for (let i = 0; i < count; i++) fac.kv.set(`shape:${prefix}-${i}`, geoShape(`${prefix}-${i}`, { x: i * 10 }))
  const newcomer = connect(w, 'viewer')
  await waitFor(
    () => newcomer.provider.synced && newcomer.kv.has(`shape:${prefix}-${count - 1}`),
    20_000,
    `${count} new shapes at a newcomer`,
  )
  for (let i = 0; i < count; i++)
    expect(newcomer.kv.get(`shape:${prefix}-${i}`)).toEqual(geoShape(`${prefix}-${i}`, { x: i * 10 }))
  expect(fac.closeCodes).toEqual([])
}

describe('outside the board’s layout: refused whole', () => {
  it('schema poisoning: a participant’s tl_meta.schema is refused (4422), not stored or relayed; the board stays editable, also after a restart', async () => {
    const { w, fac } = await boardWithFacilitator()
    const part = connect(w, 'participant', 'part-key-00000000000000')
    await waitFor(() => part.provider.synced, 10_000, 'participant synced')
    expect(fac.doc.getMap(META_MAP).get(META_SCHEMA_KEY)).toEqual(serializedBoardSchema())
    const poison = { schemaVersion: 2, sequences: { 'com.tldraw.shape': 999, 'poisoned-marker': 1 } }
    part.doc.getMap(META_MAP).set(META_SCHEMA_KEY, poison)
    await waitFor(() => part.closeCodes.includes(CloseCode.updateRefused), 10_000, 'the participant refused with 4422')
    part.destroy()
    await facilitatorStillEdits(w, fac, 5, 'after-poison')
    expect(fac.doc.getMap(META_MAP).get(META_SCHEMA_KEY)).toEqual(serializedBoardSchema())
    expect(storedContains(w.id, 'poisoned-marker')).toBe(false)

    // After a restart the board loads from storage: same schema, still editable.
    await server.stop()
    server = await startServer({ dataDir })
    const fac2 = connect(w, 'facilitator', 'fac-key-000000000000000')
    await waitFor(
      () => fac2.provider.synced && fac2.kv.has('shape:after-poison-4'),
      15_000,
      'the facilitator back after a restart',
    )
    expect(fac2.doc.getMap(META_MAP).get(META_SCHEMA_KEY)).toEqual(serializedBoardSchema())
    await facilitatorStillEdits(w, fac2, 5, 'after-restart')
  })

  it('junk root type: a participant’s doc.getMap("anything") is refused, not stored; the facilitator then adds 300 shapes', async () => {
    const { w, fac } = await boardWithFacilitator()
    const part = connect(w, 'participant', 'junk-key-00000000000000')
    await waitFor(() => part.provider.synced, 10_000, 'participant synced')
    // The attack as found: junk into a type the board does not use, ~1 MiB at a time.
    part.doc.getMap('anything').set('junk', 'JUNK-MARKER'.repeat(90_000))
    await waitFor(() => part.closeCodes.includes(CloseCode.updateRefused), 10_000, 'the participant refused with 4422')
    part.destroy()
    await facilitatorStillEdits(w, fac, 300, 'after-junk')
    expect(storedContains(w.id, 'JUNK-MARKER')).toBe(false)
  })
})

describe('every record validated', () => {
  it('a malformed geo shape, a shape whose parent does not exist and a binding to a missing shape are refused; the rest of the update stays', async () => {
    const { w, fac } = await boardWithFacilitator()
    fac.kv.set('shape:target', geoShape('target'))
    const part = connect(w, 'participant', 'bad-key-000000000000000')
    await waitFor(() => part.provider.synced && part.kv.has('shape:target'), 10_000, 'participant synced')
    const arrow = arrowBetween('arrow-ok', 'shape:target', 'shape:target')
    const dangling = arrowBetween('arrow-bad', 'shape:target', 'shape:missing')
    part.doc.transact(() => {
      part.kv.set('shape:bad-props', {
        ...geoShape('bad-props'),
        props: { ...geoShape('bad-props').props, geo: 'BAD-GEO-MARKER' },
      })
      part.kv.set('shape:orphan', { ...geoShape('orphan'), parentId: 'shape:nowhere' })
      part.kv.set('shape:good', geoShape('good'))
      for (const r of [...arrow, ...dangling]) part.kv.set(r.id, r)
    })
    const watcher = connect(w, 'viewer')
    await waitFor(
      () => watcher.provider.synced && watcher.kv.has('shape:good') && part.kv.has('shape:good'),
      10_000,
      'the good part everywhere',
    )
    // The refused ones were never applied: the author converged too.
    await waitFor(() => !part.kv.has('shape:bad-props') && !part.kv.has('shape:orphan'), 10_000, 'the author converged')
    for (const c of [watcher, fac, part]) {
      expect(c.kv.has('shape:bad-props')).toBe(false)
      expect(c.kv.has('shape:orphan')).toBe(false)
      expect(c.kv.has(dangling[2].id)).toBe(false)
      expect(c.kv.has(arrow[1].id)).toBe(true)
    }
    expect(storedContains(w.id, 'BAD-GEO-MARKER')).toBe(false)
    expect(part.closeCodes).toEqual([])
  })
})

describe('a member’s share of the document', () => {
  it('a participant filling the board is stopped at its share (4507); the facilitator keeps editing', async () => {
    const small = mkdtempSync(join(tmpdir(), 'coalition-share-'))
    const capped = await startServer({
      dataDir: small,
      env: { MAX_DOCUMENT_BYTES: '2097152', MAX_UPDATE_BYTES: '1048576' },
    })
    try {
      const w = await createWorkshop(capped.url)
      const fac = connectClient(capped.url, w.id, w.tokens.facilitator)
      const part = connectClient(capped.url, w.id, w.tokens.participant)
      clients.push(fac, part)
      await waitFor(() => fac.provider.synced && part.provider.synced, 10_000, 'synced')
      fac.doc.transact(() => {
        fac.kv.set(documentRecord().id, documentRecord())
        fac.kv.set(pageRecord().id, pageRecord())
      })
      await waitFor(() => part.kv.has(pageRecord().id), 10_000, 'page at the participant')
      // Valid shapes with a big `meta`: 100 KB each; the share is a quarter of 2 MiB.
      for (let i = 0; i < 8 && !part.closeCodes.includes(CloseCode.memberShareFull); i++) {
        part.kv.set(`shape:fill-${i}`, { ...geoShape(`fill-${i}`), meta: { text: 'x'.repeat(100_000) } })
        await new Promise((r) => setTimeout(r, 100))
      }
      await waitFor(
        () => part.closeCodes.includes(CloseCode.memberShareFull),
        10_000,
        'the participant stopped at its share',
      )
      part.provider.disconnect()
      for (let i = 0; i < 5; i++) fac.kv.set(`shape:fac-${i}`, geoShape(`fac-${i}`))
      const newcomer = connectClient(capped.url, w.id, w.tokens.viewer)
      clients.push(newcomer)
      await waitFor(
        () => newcomer.provider.synced && newcomer.kv.has('shape:fac-4'),
        10_000,
        'the facilitator’s shapes at a newcomer',
      )
      expect(fac.closeCodes).toEqual([])
    } finally {
      await capped.stop()
      rmSync(small, { recursive: true, force: true })
    }
  })
})
