import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createTLStore, defaultBindingUtils, defaultShapeUtils, type TLRecord, type TLStore } from 'tldraw'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { bindStoreToDoc, type InvalidRecord, type StoreDocBinding } from '../../client/board/binding/storeDocBinding'
import { defaultDocumentRecords } from '../../client/board/binding/testFixtures'
import { CARD_SHAPE_UTILS } from '../../client/board/cards/cardShapeUtils'
import { defaultCardProps } from '../../shared/cards'
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
 * Big changes reach everyone: a paste of thousands of cards (one store change, written by
 * the binding in bounded updates) and a long offline session (one sync step 2 of more than
 * MAX_MESSAGE_BYTES on reconnect) both arrive at the other people and in storage, while
 * frames that are not a writer's document update keep the 1 MiB limit.
 */

const MIB = 1_048_576
/** Writers' updates up to 4 MiB here: room for the offline session, cheap to exceed. */
const MAX_UPDATE_BYTES = 4 * MIB

let dataDir: string
let server: TestServer
const clients: TestClient[] = []
const bound: { binding: StoreDocBinding; store: TLStore }[] = []

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'coalition-bigchange-'))
  server = await startServer({ dataDir, env: { MAX_UPDATE_BYTES: String(MAX_UPDATE_BYTES) } })
})

afterEach(() => {
  for (const { binding, store } of bound.splice(0)) {
    binding.dispose()
    store.dispose()
  }
  for (const c of clients.splice(0)) c.destroy()
})

afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

function client(id: string, token: string): TestClient {
  const c = connectClient(server.url, id, token)
  clients.push(c)
  return c
}

const synced = (c: TestClient) => waitFor(() => c.provider.synced, 15_000, 'sync')

/** An actor card as a paste brings it: a name and notes of a few words. */
function actorCard(prefix: string, i: number): TLRecord {
  const props = {
    ...defaultCardProps('actor'),
    name: `Acteur ${prefix}-${i} du territoire`,
    notes: `Rôle : porte le volet achats responsables (${i}).`,
  }
  return {
    id: `shape:${prefix}-${i}`,
    typeName: 'shape',
    type: 'actor',
    parentId: 'page:page',
    index: 'a1',
    x: (i % 80) * 280,
    y: Math.floor(i / 80) * 200,
    rotation: 0,
    isLocked: false,
    opacity: 1,
    meta: {},
    props,
  } as unknown as TLRecord
}

function cardCount(c: TestClient, prefix: string): number {
  let n = 0
  for (const key of c.kv.map.keys()) if (key.startsWith(`shape:${prefix}-`)) n++
  return n
}

describe('big changes reach everyone', () => {
  it('a paste of 4,000 cards through the binding leaves in bounded updates, reaches the other person, and is stored (kill -9, restart)', async () => {
    const w = await createWorkshop(server.url)
    const a = client(w.id, w.tokens.participant)
    const b = client(w.id, w.tokens.facilitator)
    await Promise.all([synced(a), synced(b)])

    const store = createTLStore({
      shapeUtils: [...defaultShapeUtils, ...CARD_SHAPE_UTILS],
      bindingUtils: defaultBindingUtils,
    })
    const invalid: InvalidRecord[] = []
    const binding = bindStoreToDoc({ store, doc: a.doc, readOnly: false, onInvalidRecord: (r) => invalid.push(r) })
    bound.push({ binding, store })
    store.put(defaultDocumentRecords())

    const sizes: number[] = []
    a.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== a.provider) sizes.push(update.byteLength)
    })
    const cards = Array.from({ length: 4_000 }, (_, i) => actorCard('paste', i))
    store.put(cards)

    // One change of more than 1 MiB, sent as several updates each well under the limit.
    const total = sizes.reduce((sum, n) => sum + n, 0)
    expect(total).toBeGreaterThan(DEFAULT_LIMITS.maxMessageBytes)
    expect(Math.max(...sizes)).toBeLessThan(DEFAULT_LIMITS.maxMessageBytes / 2)
    await waitFor(() => cardCount(b, 'paste') === 4_000, 60_000, 'the other person has every card')
    expect(b.kv.get('shape:paste-3999')).toEqual(cards[3999])
    expect(a.closeCodes).toEqual([])
    expect(invalid).toEqual([])

    // Stored before it was relayed: it survives a kill -9.
    await server.kill()
    server = await startServer({ dataDir, env: { MAX_UPDATE_BYTES: String(MAX_UPDATE_BYTES) } })
    const late = client(w.id, w.tokens.viewer)
    await synced(late)
    expect(cardCount(late, 'paste')).toBe(4_000)
    expect(late.kv.get('shape:paste-1234')).toEqual(cards[1234])
  })

  it('a long offline session (more than 1 MiB of edits) reaches the others on reconnect, in one sync step 2', async () => {
    const w = await createWorkshop(server.url)
    const a = client(w.id, w.tokens.participant)
    const b = client(w.id, w.tokens.participant)
    await Promise.all([synced(a), synced(b)])
    const serverState = Y.encodeStateVector(a.doc)

    a.provider.disconnect()
    // Many small edits over a long session, each its own transaction, none of them sent.
    for (let batch = 0; batch < 80; batch++) {
      a.doc.transact(() => {
        for (let i = batch * 50; i < (batch + 1) * 50; i++) a.kv.set(`shape:offline-${i}`, actorCard('offline', i))
      })
    }
    const offlineDiff = Y.encodeStateAsUpdate(a.doc, serverState).byteLength
    expect(offlineDiff).toBeGreaterThan(DEFAULT_LIMITS.maxMessageBytes)
    expect(offlineDiff).toBeLessThan(MAX_UPDATE_BYTES)
    expect(cardCount(b, 'offline')).toBe(0)

    a.provider.connect()
    await waitFor(() => cardCount(b, 'offline') === 4_000, 60_000, 'the others get the offline session')
    expect(a.closeCodes).toEqual([])
    expect(b.closeCodes).toEqual([])

    // A newcomer gets it from the server, not from a.
    a.destroy()
    const late = client(w.id, w.tokens.viewer)
    await synced(late)
    expect(cardCount(late, 'offline')).toBe(4_000)
  })

  it("keeps MAX_MESSAGE_BYTES for everything but a writer's document update, and MAX_UPDATE_BYTES for those", async () => {
    const w = await createWorkshop(server.url)
    const watcher = client(w.id, w.tokens.facilitator)
    await synced(watcher)
    const over = DEFAULT_LIMITS.maxMessageBytes + 1
    const frame = (head: number[], size: number) => {
      const bytes = new Uint8Array(size)
      bytes.set(head)
      return bytes
    }
    const tooLarge = { code: CloseCode.messageTooLarge, reason: 'message too large' }
    const participant = `/sync/${w.id}?token=${w.tokens.participant}`
    const viewer = `/sync/${w.id}?token=${w.tokens.viewer}`

    // A viewer's update is not read past 1 MiB (its socket's frame limit).
    expect(await closeOf(server.url, viewer, [frame([MessageType.sync, 2], over)])).toEqual(tooLarge)
    // A writer's awareness, control or sync step 1 past 1 MiB: read, then refused by type.
    expect(await closeOf(server.url, participant, [frame([MessageType.awareness], over)])).toEqual(tooLarge)
    expect(await closeOf(server.url, participant, [frame([MessageType.control], over)])).toEqual(tooLarge)
    expect(await closeOf(server.url, participant, [frame([MessageType.sync, 0], over)])).toEqual(tooLarge)
    // A writer's update past MAX_UPDATE_BYTES: refused as before.
    expect(await closeOf(server.url, participant, [frame([MessageType.sync, 2], MAX_UPDATE_BYTES + 1)])).toEqual(
      tooLarge,
    )

    // A writer's valid update of 1.5 MiB in one message (one record, one transaction) goes through.
    const writer = client(w.id, w.tokens.participant)
    await synced(writer)
    const sizes: number[] = []
    writer.doc.on('update', (update: Uint8Array) => sizes.push(update.byteLength))
    const note = 'é'.repeat(760_000)
    writer.kv.set('shape:big', { ...geoShape('shape:big'), meta: { note } })
    expect(sizes).toHaveLength(1)
    expect(sizes[0]).toBeGreaterThan(DEFAULT_LIMITS.maxMessageBytes)
    await waitFor(() => watcher.kv.has('shape:big'), 30_000, 'the 1.5 MiB update relayed')
    expect((watcher.kv.get('shape:big') as { meta: { note: string } }).meta.note).toBe(note)
    expect(writer.closeCodes).toEqual([])
  })
})
