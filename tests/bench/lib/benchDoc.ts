import * as encoding from 'lib0/encoding'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import { defaultActorProps } from '../../../shared/cards/actor'
import { MessageType } from '../../../shared/protocol'
import { DEFAULT_PAGE_ID } from '../../../shared/templates/records'

/**
 * What bench clients write and say: a card-sized tldraw record (an actor card, as the app
 * stores it) carrying its send time, an awareness presence shaped like the app's, and the
 * y-websocket frames around them. Light and probe clients use the same builders so they
 * put the same bytes on the wire.
 */

/** Where a bench record carries its send time and sequence number (tldraw's free `meta`). */
export interface BenchMeta {
  sentAt: number
  seq: number
  [key: string]: number
}

export interface BenchRecord {
  id: string
  typeName: 'shape'
  type: 'actor'
  x: number
  y: number
  rotation: number
  index: string
  parentId: string
  isLocked: boolean
  opacity: number
  props: ReturnType<typeof defaultActorProps>
  meta: BenchMeta
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes. */
export function nowMs(): number {
  return performance.timeOrigin + performance.now()
}

/** The record id a bench client writes to (one card per client). */
export function benchRecordId(clientKey: string): string {
  return `shape:bench-${clientKey}`
}

/** An actor card of about the size people make in a workshop (≈ 400 bytes of JSON). */
export function benchCard(clientKey: string, slot: number, seq: number, sentAt: number): BenchRecord {
  const props = defaultActorProps()
  props.name = `Acteur ${clientKey}`
  props.kind = 'association'
  props.notes = `Réseau régional, contact pris le ${(seq % 28) + 1}/11 ; à relancer avant l'atelier.`
  props.power = (seq % 5) + 1
  return {
    id: benchRecordId(clientKey),
    typeName: 'shape',
    type: 'actor',
    x: (slot % 40) * 260 + (seq % 7),
    y: Math.floor(slot / 40) * 180,
    rotation: 0,
    index: benchIndex(slot),
    parentId: DEFAULT_PAGE_ID,
    isLocked: false,
    opacity: 1,
    props,
    meta: { sentAt, seq },
  }
}

const DIGITS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'

/**
 * The `i`-th tldraw fractional index, distinct and increasing for i < 62 + 62² + 62³
 * (`a0`…`az`, `b00`…`bzz`, `c000`…): integer keys of the fractional-indexing encoding,
 * so every bench card has its own place in the page's order.
 */
export function benchIndex(i: number): string {
  const digits = (n: number, width: number): string => {
    let out = ''
    for (let k = 0; k < width; k++) {
      out = DIGITS[n % 62] + out
      n = Math.floor(n / 62)
    }
    return out
  }
  if (i < 62) return `a${digits(i, 1)}`
  if (i < 62 + 62 ** 2) return `b${digits(i - 62, 2)}`
  return `c${digits(i - 62 - 62 ** 2, 3)}`
}

/** The send time of a bench record read from a document, or null for any other value. */
export function sentAtOf(value: unknown): { sentAt: number; seq: number } | null {
  if (typeof value !== 'object' || value === null) return null
  const meta = (value as { meta?: unknown }).meta
  if (typeof meta !== 'object' || meta === null) return null
  const { sentAt, seq } = meta as { sentAt?: unknown; seq?: unknown }
  return typeof sentAt === 'number' && typeof seq === 'number' ? { sentAt, seq } : null
}

/** An awareness state shaped like the app's presence, plus the send time. */
export function benchPresence(
  name: string,
  memberId: string,
  x: number,
  y: number,
  sentAt: number,
): Record<string, unknown> {
  return {
    user: { name, color: '#2E7D32', role: 'participant', memberId },
    cursor: { x, y, type: 'default', rotation: 0 },
    selection: [],
    pageId: DEFAULT_PAGE_ID,
    sentAt,
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    syncProtocol.writeSyncStep1(e, doc)
  })
}

export function syncStep2Frame(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    syncProtocol.writeSyncStep2(e, doc, stateVector)
  })
}

export function updateFrame(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    syncProtocol.writeUpdate(e, update)
  })
}

/**
 * One client's awareness update, written by hand (the wire format of y-protocols'
 * `encodeAwarenessUpdate`: count, then client id, clock and JSON state) so a light client
 * needs no Awareness instance.
 */
export function awarenessFrame(clientId: number, clock: number, state: Record<string, unknown> | null): Uint8Array {
  const inner = frame((e) => {
    encoding.writeVarUint(e, 1)
    encoding.writeVarUint(e, clientId)
    encoding.writeVarUint(e, clock)
    encoding.writeVarString(e, JSON.stringify(state))
  })
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, inner)
  })
}

/** Member `i`'s cursor at `clock` on a fixed path, as its awareness frame (the in-process benches). */
export function benchCursorFrame(clientId: number, clock: number, i: number): Uint8Array {
  return awarenessFrame(
    clientId,
    clock,
    benchPresence(`Bench ${i}`, `c${i}`, (clock * 37) % 2000, (clock * 53) % 1200, 0),
  )
}

/** Kind of an incoming frame from its first bytes only (no payload decoding). */
export type FrameKind = 'step1' | 'step2' | 'update' | 'awareness' | 'control' | 'other'

export function peekFrameKind(data: Uint8Array): FrameKind {
  // Message types and sync kinds are single-byte varuints (all < 128).
  const type = data[0]
  if (type === MessageType.sync) {
    const kind = data[1]
    if (kind === syncProtocol.messageYjsSyncStep1) return 'step1'
    if (kind === syncProtocol.messageYjsSyncStep2) return 'step2'
    if (kind === syncProtocol.messageYjsUpdate) return 'update'
    return 'other'
  }
  if (type === MessageType.awareness) return 'awareness'
  if (type === MessageType.control) return 'control'
  return 'other'
}
