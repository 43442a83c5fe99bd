import { parseArgs } from 'node:util'
import * as encoding from 'lib0/encoding'
import pino from 'pino'
import * as syncProtocol from 'y-protocols/sync'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import { createCardTexts, fieldText } from '../../shared/cardText/cardTexts'
import { defaultCardProps } from '../../shared/cards'
import { CloseCode, DEFAULT_LIMITS, MessageType, type Role } from '../../shared/protocol'
import { createManualClock } from '../../server/clock'
import { CONTROL_SECTIONS } from '../../server/control/sections'
import { createMemoryStorage } from '../../server/storage/memoryStorage'
import type { Connection } from '../../server/sync/Connection'
import { Room } from '../../server/sync/Room'

/**
 * `npx tsx tests/bench/typingCost.ts [--chars=2000]`
 *
 * What typing in a card costs, the two ways a field can be edited: `record` (before shared
 * texts, and still for a card without them: every keystroke rewrites the whole card record
 * in `tl_records`) and `text` (a keystroke is a splice on the field's Y.Text in
 * `card_texts`). Two people type `chars` characters each, one key at a time, into the notes
 * of one card (one in ten keys a backspace), through a real Room in memory (guards and
 * reverts included, no sockets). Prints the bytes one keystroke sends and the room relays,
 * the stored document after the session, and the room's CPU per keystroke.
 */

const { values } = parseArgs({ options: { chars: { type: 'string', default: '2000' } } })
const CHARS = Number(values.chars)

class CountingConnection implements Connection {
  bytes = 0
  frames = 0
  constructor(
    readonly role: Role,
    readonly memberId: string,
  ) {}
  send(data: Uint8Array): void {
    this.frames += 1
    this.bytes += data.byteLength
  }
  close(): void {}
}

function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  syncProtocol.writeUpdate(e, update)
  return encoding.toUint8Array(e)
}

const CARD = 'shape:bench-card'
const SENTENCE = 'La commune achète 40 % de produits locaux pour ses cantines en 2026. '

function cardRecord(notes: string) {
  return {
    id: CARD,
    typeName: 'shape',
    type: 'actor',
    x: 0,
    y: 0,
    rotation: 0,
    index: 'a1',
    parentId: 'page:page',
    isLocked: false,
    opacity: 1,
    meta: {},
    props: { ...defaultCardProps('actor'), name: 'Mairie de Rennes', notes },
  }
}

/** Each key one person presses, as the update their client sends (prepared before timing). */
function keystrokes(mode: 'record' | 'text', start: Y.Doc, clientId: number, offset: number): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = clientId
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(start))
  const kv = new YKeyValue<unknown>(doc.getArray(RECORDS_ARRAY))
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  let notes = (kv.get(CARD) as { props: { notes: string } }).props.notes
  for (let i = 0; i < CHARS; i++) {
    const backspace = i % 10 === 9
    const next = backspace ? notes.slice(0, -1) : notes + SENTENCE[(i + offset) % SENTENCE.length]
    if (mode === 'record') {
      kv.set(CARD, cardRecord(next))
    } else {
      const text = fieldText(doc, CARD, 'notes')!
      if (backspace) text.delete(text.length - 1, 1)
      else text.insert(text.length, next.slice(-1))
    }
    notes = next
  }
  return updates
}

async function run(mode: 'record' | 'text') {
  const storage = createMemoryStorage()
  const workshop = {
    id: 'TTTTTTTTTTTTTTTTTTTTTT',
    title: 'Bench',
    coalition: '',
    template: 'blank' as const,
    locale: 'fr' as const,
    createdAt: 0,
  }
  await storage.createWorkshop(workshop, [])
  // The board holds the card (with its texts) before anyone types.
  const seed = new Y.Doc()
  seed.transact(() => {
    new YKeyValue<unknown>(seed.getArray(RECORDS_ARRAY)).set(CARD, cardRecord(''))
    createCardTexts(seed, CARD, 'actor', cardRecord('').props)
  })
  await storage.appendUpdate(workshop.id, Y.encodeStateAsUpdate(seed))
  const clock = createManualClock()
  const room = new Room({
    workshopId: workshop.id,
    storage,
    clock,
    log: pino({ level: 'silent' }),
    limits: {
      maxDocumentBytes: 1 << 30,
      commandsPerSecond: 1000,
      commandBurst: 1000,
      awarenessStatesPerSecond: DEFAULT_LIMITS.awarenessStatesPerSecond,
    },
    sections: CONTROL_SECTIONS,
  })
  const a = new CountingConnection('participant', 'a')
  const b = new CountingConnection('participant', 'b')
  const watcher = new CountingConnection('viewer', 'w')
  for (const c of [a, b, watcher]) room.join(c)
  await room.loaded
  const start = new Y.Doc()
  Y.applyUpdate(start, Y.encodeStateAsUpdate(room.doc))
  const fromA = keystrokes(mode, start, 101, 0)
  const fromB = keystrokes(mode, start, 202, 31)
  const sent = [...fromA, ...fromB].reduce((sum, u) => sum + u.byteLength, 0)
  const relayedBefore = watcher.bytes
  const cpu = process.cpuUsage()
  for (let i = 0; i < CHARS; i++) {
    room.receive(a, updateFrame(fromA[i]))
    room.receive(b, updateFrame(fromB[i]))
    if (i % 20 === 19) {
      clock.advance(0)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  const used = process.cpuUsage(cpu)
  clock.advance(0)
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve))
  const keys = 2 * CHARS
  const docBytes = Y.encodeStateAsUpdate(room.doc).byteLength
  const notes =
    mode === 'record'
      ? (new YKeyValue<{ props: { notes: string } }>(room.doc.getArray(RECORDS_ARRAY)).get(CARD)?.props.notes ?? '')
      : (fieldText(room.doc, CARD, 'notes')?.toString() ?? '')
  await room.close(CloseCode.serverRestarting)
  return {
    mode,
    keys,
    bytesSentPerKey: +(sent / keys).toFixed(1),
    bytesRelayedPerKey: +((watcher.bytes - relayedBefore) / keys).toFixed(1),
    documentBytes: docBytes,
    finalTextChars: notes.length,
    roomCpuMicrosPerKey: +((used.user + used.system) / keys).toFixed(1),
  }
}

const results = [await run('record'), await run('text')]
console.table(results)
