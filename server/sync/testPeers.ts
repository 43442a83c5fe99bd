import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import pino from 'pino'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as syncProtocol from 'y-protocols/sync'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import { geo } from '../../shared/export/testWorkshop'
import type { ServerControlMessage } from '../../shared/control/messages'
import { DEFAULT_LIMITS, MessageType, type Role } from '../../shared/protocol'
import type { Connection } from './Connection'
import type { RoomLimits } from './Room'

/**
 * Test helpers for driving a Room in memory: a connection that records frames and a
 * client-side Y.Doc that applies them, the way y-websocket would. Used only by tests.
 */

export const silentLog = pino({ level: 'silent' })

export const TEST_LIMITS: RoomLimits = {
  maxDocumentBytes: DEFAULT_LIMITS.maxDocumentBytes,
  commandsPerSecond: DEFAULT_LIMITS.commandsPerSecond,
  commandBurst: DEFAULT_LIMITS.commandBurst,
  awarenessStatesPerSecond: DEFAULT_LIMITS.awarenessStatesPerSecond,
}

/** A frame as the client would read it. */
export type Frame =
  | { type: 'sync-step1' }
  | { type: 'sync-step2'; update: Uint8Array }
  | { type: 'sync-update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'control'; message: ServerControlMessage }

export function decodeFrame(data: Uint8Array): Frame {
  const decoder = decoding.createDecoder(data)
  const type = decoding.readVarUint(decoder)
  if (type === MessageType.sync) {
    const kind = decoding.readVarUint(decoder)
    const payload = decoding.readVarUint8Array(decoder)
    if (kind === syncProtocol.messageYjsSyncStep1) return { type: 'sync-step1' }
    return { type: kind === syncProtocol.messageYjsSyncStep2 ? 'sync-step2' : 'sync-update', update: payload }
  }
  if (type === MessageType.awareness) return { type: 'awareness', update: decoding.readVarUint8Array(decoder) }
  if (type === MessageType.control) return { type: 'control', message: JSON.parse(decoding.readVarString(decoder)) }
  throw new Error(`unexpected frame type ${type}`)
}

/** An in-memory client: a Connection for the room, a Y.Doc and awareness for the test. */
export class TestPeer implements Connection {
  readonly sent: Uint8Array[] = []
  closed: { code: number; reason: string } | null = null
  readonly doc = new Y.Doc()
  readonly kv: YKeyValue<unknown>
  readonly awareness: awarenessProtocol.Awareness
  private applied = 0

  constructor(
    readonly role: Role,
    readonly memberId: string,
  ) {
    this.kv = new YKeyValue(this.doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
    this.awareness = new awarenessProtocol.Awareness(this.doc)
  }

  send(data: Uint8Array): void {
    if (!this.closed) this.sent.push(data)
  }

  close(code: number, reason: string): void {
    this.closed ??= { code, reason }
  }

  frames(): Frame[] {
    return this.sent.map(decodeFrame)
  }

  /** Applies the frames received since the last call to the local doc and awareness. */
  catchUp(): void {
    for (; this.applied < this.sent.length; this.applied++) {
      const frame = decodeFrame(this.sent[this.applied])
      if (frame.type === 'sync-step2' || frame.type === 'sync-update') Y.applyUpdate(this.doc, frame.update, 'remote')
      if (frame.type === 'awareness') awarenessProtocol.applyAwarenessUpdate(this.awareness, frame.update, 'remote')
    }
  }

  controlMessages(): ServerControlMessage[] {
    return this.frames().flatMap((f) => (f.type === 'control' ? [f.message] : []))
  }

  destroy(): void {
    this.awareness.destroy()
    this.doc.destroy()
  }
}

export function syncStep1Frame(doc: Y.Doc): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  syncProtocol.writeSyncStep1(e, doc)
  return encoding.toUint8Array(e)
}

export function updateFrame(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.sync)
  syncProtocol.writeUpdate(e, update)
  return encoding.toUint8Array(e)
}

export function awarenessFrame(awareness: awarenessProtocol.Awareness): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.awareness)
  encoding.writeVarUint8Array(e, awarenessProtocol.encodeAwarenessUpdate(awareness, [awareness.clientID]))
  return encoding.toUint8Array(e)
}

export function commandFrame(id: number, command: { type: string; [field: string]: unknown }): Uint8Array {
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.control)
  encoding.writeVarString(e, JSON.stringify({ kind: 'command', id, command }))
  return encoding.toUint8Array(e)
}

/** The update a client would send after running `change` on a copy of its doc. */
export function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  const updates: Uint8Array[] = []
  const listener = (u: Uint8Array, origin: unknown): void => {
    if (origin !== 'remote') updates.push(u)
  }
  doc.on('update', listener)
  try {
    change()
  } finally {
    doc.off('update', listener)
  }
  return Y.mergeUpdates(updates)
}

/** A rectangle as tldraw's geo tool makes it, on the default page (valid for the server's record guards). */
export function shape(id: string, x = 0): Record<string, unknown> {
  return geo(id, { x })
}

/** The default page (the parent of `shape`s): the server refuses shapes whose parent is not on the board. */
export function page(): Record<string, unknown> {
  return { id: 'page:page', typeName: 'page', name: 'Page 1', index: 'a1', meta: {} }
}

/** Stores a board holding only the default page, as a client's first write would (before a room loads it). */
export async function storePage(
  storage: { appendUpdate(id: string, update: Uint8Array): Promise<number> },
  workshopId: string,
): Promise<void> {
  const doc = new Y.Doc()
  new YKeyValue(doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY)).set('page:page', page())
  await storage.appendUpdate(workshopId, Y.encodeStateAsUpdate(doc))
  doc.destroy()
}

/**
 * An update whose dependencies never came: client 78 pushes `shape:o` and `shape:p` to
 * `tl_records` after a first change (one character of a text) that nobody ever receives.
 */
export function orphanShapesUpdate(): Uint8Array {
  const orphan = new Y.Doc()
  orphan.clientID = 78
  orphan.getArray(RECORDS_ARRAY).push([
    { key: 'shape:o', val: shape('shape:o') },
    { key: 'shape:p', val: shape('shape:p') },
  ])
  const firstChange = new Y.Doc()
  firstChange.clientID = 78
  firstChange.getText('t').insert(0, 'x')
  return Y.diffUpdate(Y.encodeStateAsUpdate(orphan), Y.encodeStateVector(firstChange))
}
