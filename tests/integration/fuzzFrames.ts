import * as encoding from 'lib0/encoding'
import * as awarenessProtocol from 'y-protocols/awareness'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import { MessageType } from '../../shared/protocol'

/**
 * Seeded generator of hostile y-websocket frames for the fuzz test: everything is a pure
 * function of the seed, so a failing seed replays exactly. Frames come in categories; the
 * ones built to be invalid (`mustClose`) must make the server close the socket, the others
 * (random or mutated bytes that might, by chance, still be a valid message) may be
 * accepted, but must never hurt the server or the other people in the room.
 */

export interface FuzzFrame {
  category: string
  /** A string is sent as a text frame. */
  data: Uint8Array | string
  /** Built to be invalid: the server must close the socket. */
  mustClose: boolean
}

/** The fuzz server's `MAX_MESSAGE_BYTES`: the 'oversize' frames are just above it. */
export const FUZZ_MAX_MESSAGE_BYTES = 65_536
/** The fuzz server's `MAX_UPDATE_BYTES` (a writer's sync step 2 or update): oversize updates pass it. */
export const FUZZ_MAX_UPDATE_BYTES = 2 * FUZZ_MAX_MESSAGE_BYTES

/** Small, fast, seedable PRNG (mulberry32): `next()` in [0, 1). */
export class Rng {
  private state: number
  constructor(seed: number) {
    this.state = seed >>> 0
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive)
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]
  }
  bytes(length: number): Uint8Array {
    const out = new Uint8Array(length)
    for (let i = 0; i < length; i++) out[i] = this.int(256)
    return out
  }
}

function frame(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder()
  write(e)
  return encoding.toUint8Array(e)
}

export const syncFrame = (kind: 0 | 1 | 2, payload: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    encoding.writeVarUint(e, kind)
    encoding.writeVarUint8Array(e, payload)
  })

export const awarenessFrame = (payload: Uint8Array): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, payload)
  })

export const controlFrame = (text: string): Uint8Array =>
  frame((e) => {
    encoding.writeVarUint(e, MessageType.control)
    encoding.writeVarString(e, text)
  })

/** A sync step 1 with an empty state vector: the server answers with a sync step 2. */
export const SENTINEL = syncFrame(0, Y.encodeStateVector(new Y.Doc()))

const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

const varUint = (n: number): Uint8Array => frame((e) => encoding.writeVarUint(e, n))

/** Real updates of a board written by a seeded client: records added, changed, removed, text, meta. */
function sampleUpdates(rng: Rng): Uint8Array[] {
  const doc = new Y.Doc()
  doc.clientID = 1 + rng.int(2 ** 30)
  const kv = new YKeyValue(doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  const n = 1 + rng.int(4)
  for (let i = 0; i < n; i++) {
    const id = `shape:fuzz-${doc.clientID}-${i}`
    kv.set(id, {
      id,
      typeName: 'shape',
      type: 'geo',
      x: rng.int(1000),
      y: rng.int(1000),
      parentId: 'page:page',
      props: { w: 10, h: 10 },
    })
  }
  kv.set(`shape:fuzz-${doc.clientID}-0`, {
    id: `shape:fuzz-${doc.clientID}-0`,
    typeName: 'shape',
    type: 'geo',
    x: 1,
    y: 2,
    parentId: 'page:page',
    props: {},
  })
  if (n > 1) kv.delete(`shape:fuzz-${doc.clientID}-1`)
  doc.getText('notes').insert(0, 'texte ' + rng.int(1e6))
  doc.getMap('tl_meta').set('schema', { n: rng.int(100) })
  updates.push(Y.encodeStateAsUpdate(doc))
  doc.destroy()
  return updates
}

function sampleAwareness(rng: Rng): Uint8Array {
  const doc = new Y.Doc()
  doc.clientID = 1 + rng.int(2 ** 30)
  const awareness = new awarenessProtocol.Awareness(doc)
  awareness.setLocalState({ user: { name: 'Fuzz', color: '#123456' }, cursor: { x: rng.int(500), y: rng.int(500) } })
  const update = awarenessProtocol.encodeAwarenessUpdate(awareness, [doc.clientID])
  awareness.destroy()
  doc.destroy()
  return update
}

/** Flips, replaces, inserts, deletes or duplicates a few bytes. Never returns the input. */
function mutate(rng: Rng, input: Uint8Array): Uint8Array {
  let out: Uint8Array = Uint8Array.from(input)
  const edits = 1 + rng.int(4)
  for (let k = 0; k < edits; k++) {
    const at = out.length === 0 ? 0 : rng.int(out.length)
    switch (rng.int(5)) {
      case 0:
        if (out.length > 0) out[at] ^= 1 << rng.int(8)
        break
      case 1:
        if (out.length > 0) out[at] = rng.pick([0, 1, 0x7f, 0x80, 0xff, rng.int(256)])
        break
      case 2:
        out = concat(out.subarray(0, at), rng.bytes(1 + rng.int(8)), out.subarray(at))
        break
      case 3:
        out = concat(out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + rng.int(8))))
        break
      default:
        out = concat(out.subarray(0, at), out.subarray(at, Math.min(out.length, at + 16)), out.subarray(at))
    }
  }
  if (out.length === input.length && out.every((b, i) => b === input[i])) out = concat(out, Uint8Array.of(rng.int(256)))
  return out
}

const ROOT_NAMES = [RECORDS_ARRAY, 'tl_meta', 'notes', '', 'x'.repeat(300)]

/**
 * A Yjs v1 update written by hand: well-formed bytes whose meaning is hostile — parents
 * that are not types (or the struct itself), origins in other types, keys on arrays,
 * strings, embeds, formats and sub-documents inside `tl_records`, clock gaps, skips, huge
 * GC and delete ranges, other clients' ids. Yjs decodes all of it; integrating is the test.
 */
function craftedUpdate(rng: Rng): Uint8Array {
  const e = encoding.createEncoder()
  const client = rng.pick([1, 2, 3, 1 + rng.int(2 ** 30), 2 ** 53 - 1])
  const clock = rng.pick([0, 0, 0, 1, 50, 2 ** 32])
  const count = 1 + rng.int(5)
  const id = (): [number, number] =>
    rng.int(2) === 0 ? [client, clock + rng.int(count + 2)] : [rng.pick([1, 2, 3, client]), rng.int(10)]
  encoding.writeVarUint(e, 1)
  encoding.writeVarUint(e, count)
  encoding.writeVarUint(e, client)
  encoding.writeVarUint(e, clock)
  for (let i = 0; i < count; i++) {
    const ref = rng.pick([0, 1, 2, 3, 4, 4, 5, 6, 7, 8, 8, 9, 10])
    if (ref === 0 || ref === 10) {
      encoding.writeUint8(e, ref) // GC or Skip: just a length
      encoding.writeVarUint(e, rng.pick([1, 2, 2 ** 20, 2 ** 40]))
      continue
    }
    const withOrigin = rng.int(3) === 0
    const withRight = rng.int(4) === 0
    const withKey = rng.int(4) === 0
    encoding.writeUint8(e, ref | (withOrigin ? 0x80 : 0) | (withRight ? 0x40 : 0) | (withKey ? 0x20 : 0))
    if (withOrigin) for (const n of id()) encoding.writeVarUint(e, n)
    if (withRight) for (const n of id()) encoding.writeVarUint(e, n)
    if (!withOrigin && !withRight) {
      if (rng.int(2) === 0) {
        encoding.writeVarUint(e, 1)
        encoding.writeVarString(e, rng.pick(ROOT_NAMES))
      } else {
        encoding.writeVarUint(e, 0)
        for (const n of id()) encoding.writeVarUint(e, n)
      }
      if (withKey) encoding.writeVarString(e, rng.pick(['k', 'shape:x', '']))
    }
    switch (ref) {
      case 1: // deleted content
        encoding.writeVarUint(e, 1 + rng.int(1000))
        break
      case 2: // JSON
        encoding.writeVarUint(e, 1)
        encoding.writeVarString(e, rng.pick(['{"key":"shape:j","val":1}', 'undefined', '[1,2]']))
        break
      case 3: // binary
        encoding.writeVarUint8Array(e, rng.bytes(rng.int(16)))
        break
      case 4: // string
        encoding.writeVarString(e, rng.pick(['a', 'texte', '\u{1F600}', 'z'.repeat(1000)]))
        break
      case 5: // embed
        encoding.writeVarString(e, rng.pick(['{"a":1}', '{"key":"shape:e","val":{}}']))
        break
      case 6: // format
        encoding.writeVarString(e, 'bold')
        encoding.writeVarString(e, rng.pick(['true', 'null']))
        break
      case 7: // a nested type: array, map, text, xml…
        encoding.writeVarUint(e, rng.int(7))
        if (rng.int(4) === 0) encoding.writeVarString(e, 'p')
        break
      case 8: // any
        encoding.writeVarUint(e, 1)
        encoding.writeAny(
          e,
          rng.pick([
            { key: 'shape:a', val: { id: 'shape:a', typeName: 'shape' } },
            { key: 1 },
            null,
            'x',
            { key: 'shape:b' },
          ]),
        )
        break
      default: // sub-document
        encoding.writeVarString(e, 'guid-' + rng.int(100))
        encoding.writeAny(e, { autoLoad: true })
    }
  }
  const ranges = rng.int(3)
  encoding.writeVarUint(e, ranges === 0 ? 0 : 1)
  if (ranges > 0) {
    encoding.writeVarUint(e, rng.pick([1, 2, client]))
    encoding.writeVarUint(e, ranges)
    for (let r = 0; r < ranges; r++) {
      encoding.writeVarUint(e, rng.int(20))
      encoding.writeVarUint(e, rng.pick([1, 5, 2 ** 40]))
    }
  }
  return encoding.toUint8Array(e)
}

/** A varuint cut before its last byte (continuation bit set on the final byte). */
function truncatedVarint(rng: Rng): Uint8Array {
  const cont = Array.from({ length: 1 + rng.int(6) }, () => 0x80 | rng.int(128))
  return Uint8Array.from(cont)
}

const KNOWN_TYPES: readonly number[] = [
  MessageType.sync,
  MessageType.awareness,
  MessageType.queryAwareness,
  MessageType.control,
]

type Generator = (rng: Rng) => FuzzFrame

const GENERATORS: readonly { weight: number; gen: Generator }[] = [
  // Truncated varints: as the type, as the sync kind, as a length.
  {
    weight: 2,
    gen: (rng) => {
      const prefix = rng.pick([
        [],
        [MessageType.sync],
        [MessageType.sync, 2],
        [MessageType.awareness],
        [MessageType.control],
        [MessageType.sync, 0],
      ])
      return {
        category: 'truncated varint',
        data: concat(Uint8Array.from(prefix), truncatedVarint(rng)),
        mustClose: true,
      }
    },
  },
  // Unknown message types (2 = y-websocket auth is server → client only), with a plausible body.
  {
    weight: 2,
    gen: (rng) => {
      let type = rng.pick([2, 4, 5, 9, 11, 127, 128, 300, 2 ** 20, 2 ** 31, Number.MAX_SAFE_INTEGER])
      if (KNOWN_TYPES.includes(type)) type = 2
      return { category: 'unknown type', data: concat(varUint(type), rng.bytes(rng.int(32))), mustClose: true }
    },
  },
  // Unknown sync kinds.
  {
    weight: 1,
    gen: (rng) => ({
      category: 'unknown sync kind',
      data: concat(varUint(MessageType.sync), varUint(3 + rng.int(1000)), rng.bytes(rng.int(16))),
      mustClose: true,
    }),
  },
  // Lengths far beyond the frame: 2^31, 2^32, 2^53-1.
  {
    weight: 2,
    gen: (rng) => {
      const huge = rng.pick([2 ** 31, 2 ** 32, 2 ** 40, Number.MAX_SAFE_INTEGER, 1_000_000])
      const head = rng.pick([
        [MessageType.sync, 2],
        [MessageType.sync, 0],
        [MessageType.sync, 1],
        [MessageType.awareness],
        [MessageType.control],
      ])
      return {
        category: 'huge length',
        data: concat(Uint8Array.from(head), varUint(huge), rng.bytes(rng.int(64))),
        mustClose: true,
      }
    },
  },
  // A Yjs update whose own counts are huge (structs, clients, delete ranges).
  {
    weight: 1,
    gen: (rng) => {
      const update = concat(varUint(rng.pick([2 ** 30, 2 ** 40, 1_000_000])), rng.bytes(rng.int(24)))
      return { category: 'huge counts in update', data: syncFrame(2, update), mustClose: true }
    },
  },
  // Trailing garbage after an otherwise valid message.
  {
    weight: 1,
    gen: (rng) => {
      const base = rng.pick([Uint8Array.of(MessageType.queryAwareness), SENTINEL, awarenessFrame(sampleAwareness(rng))])
      return { category: 'trailing bytes', data: concat(base, rng.bytes(1 + rng.int(8))), mustClose: true }
    },
  },
  // One byte over the frame limit, or far over: a document update past MAX_UPDATE_BYTES is
  // refused before it is read; anything else past MAX_MESSAGE_BYTES too (a viewer's socket),
  // or as soon as it is read (a writer's awareness, control or step 1).
  {
    weight: 1,
    gen: (rng) => {
      const update = rng.int(2) === 0
      const head = update
        ? syncFrame(2, new Uint8Array(0)).subarray(0, 2)
        : rng.pick([
            Uint8Array.of(MessageType.awareness),
            Uint8Array.of(MessageType.control),
            Uint8Array.of(MessageType.sync, 0),
          ])
      const size = (update ? FUZZ_MAX_UPDATE_BYTES : FUZZ_MAX_MESSAGE_BYTES) + rng.pick([1, 1_000, 200_000])
      return { category: 'oversize', data: concat(head, rng.bytes(size)), mustClose: true }
    },
  },
  // Empty and text frames.
  {
    weight: 1,
    gen: (rng) =>
      rng.int(2) === 0
        ? { category: 'empty frame', data: new Uint8Array(0), mustClose: true }
        : { category: 'text frame', data: '\u0000' + 'x'.repeat(rng.int(40)), mustClose: true },
  },
  // Random bytes: anything may happen, but only by the rules.
  {
    weight: 4,
    gen: (rng) => ({
      category: 'random bytes',
      data: rng.bytes(1 + rng.int(rng.pick([8, 64, 512, 4096]))),
      mustClose: false,
    }),
  },
  // Random bytes behind a known type.
  {
    weight: 3,
    gen: (rng) => ({
      category: 'random body',
      data: concat(Uint8Array.of(rng.pick(KNOWN_TYPES)), rng.bytes(1 + rng.int(256))),
      mustClose: false,
    }),
  },
  // Valid framing, corrupt Yjs update inside (bit flips, insertions, cuts of a real update).
  {
    weight: 6,
    gen: (rng) => {
      const update = rng.pick(sampleUpdates(rng))
      return {
        category: 'corrupt update',
        data: syncFrame(rng.pick([1, 2] as const), mutate(rng, update)),
        mustClose: false,
      }
    },
  },
  // Hand-written updates, well-formed but hostile in meaning.
  {
    weight: 5,
    gen: (rng) => ({
      category: 'crafted update',
      data: syncFrame(rng.pick([1, 2] as const), craftedUpdate(rng)),
      mustClose: false,
    }),
  },
  // A valid frame, mutated as a whole.
  {
    weight: 3,
    gen: (rng) => {
      const base = rng.pick([
        syncFrame(2, rng.pick(sampleUpdates(rng))),
        awarenessFrame(sampleAwareness(rng)),
        SENTINEL,
      ])
      return { category: 'mutated frame', data: mutate(rng, base), mustClose: false }
    },
  },
  // Awareness updates with corrupt content (JSON, clocks, counts).
  {
    weight: 2,
    gen: (rng) => ({
      category: 'corrupt awareness',
      data: awarenessFrame(mutate(rng, sampleAwareness(rng))),
      mustClose: false,
    }),
  },
  // Control messages: not JSON, JSON of the wrong shape, commands that do not exist.
  {
    weight: 2,
    gen: (rng) => {
      const texts = [
        '{',
        'null',
        '[]',
        '{"kind":"command"}',
        '{"kind":"command","id":-1,"command":{"type":"x"}}',
        `{"kind":"command","id":${rng.int(1000)},"command":{"type":"${'a'.repeat(65)}"}}`,
        String.fromCharCode(...rng.bytes(1 + rng.int(32))),
        '\ud800',
      ]
      return { category: 'bad control', data: controlFrame(rng.pick(texts)), mustClose: true }
    },
  },
  // Well-formed commands a participant may or may not run: refused by `result`, never by a close.
  {
    weight: 1,
    gen: (rng) => {
      const commands = [
        { type: 'nope.nothing' },
        { type: 'lock.setBoard', locked: true },
        { type: 'compass.score', roundId: 'x', axis: 'frugal', value: 9 },
        { type: 'votes.start' },
      ]
      const text = JSON.stringify({ kind: 'command', id: rng.int(1e6), command: rng.pick(commands) })
      return { category: 'refused command', data: controlFrame(text), mustClose: false }
    },
  },
]

const TOTAL_WEIGHT = GENERATORS.reduce((n, g) => n + g.weight, 0)

/** The `count` frames of `seed`, in order. */
export function generateFrames(seed: number, count: number): FuzzFrame[] {
  const rng = new Rng(seed)
  const out: FuzzFrame[] = []
  for (let i = 0; i < count; i++) {
    let roll = rng.int(TOTAL_WEIGHT)
    let chosen = GENERATORS[0]
    for (const g of GENERATORS) {
      if (roll < g.weight) {
        chosen = g
        break
      }
      roll -= g.weight
    }
    out.push(chosen.gen(rng))
  }
  return out
}

/** Frames as stored in a regression fixture: base64 of the bytes, or `text:` + a text frame. */
export function encodeStoredFrame(data: Uint8Array | string): string {
  return typeof data === 'string' ? `text:${data}` : Buffer.from(data).toString('base64')
}

export function decodeStoredFrame(stored: string): Uint8Array | string {
  return stored.startsWith('text:') ? stored.slice(5) : new Uint8Array(Buffer.from(stored, 'base64'))
}
