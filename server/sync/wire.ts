import * as encoding from 'lib0/encoding'
import { deflateRawSync } from 'node:zlib'
import * as syncProtocol from 'y-protocols/sync'
import type * as Y from 'yjs'
import type { ServerControlMessage } from '../../shared/control/messages'
import { joinFrames } from '../../shared/bundle'
import { CloseCode, MessageType } from '../../shared/protocol'

/**
 * Encoders of the frames the server sends, one function per frame, and the error that
 * turns a bad incoming frame into a close code. Frames are built once and the same bytes
 * go to every recipient.
 */

/** A frame broke the protocol: the room closes that connection (only) with `code`. */
export class ProtocolError extends Error {
  constructor(
    readonly code: CloseCode,
    message: string,
  ) {
    super(message)
    this.name = 'ProtocolError'
  }
}

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    syncProtocol.writeSyncStep1(e, doc)
  })
}

export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    syncProtocol.writeSyncStep2(e, doc, stateVector)
  })
}

export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.sync)
    syncProtocol.writeUpdate(e, update)
  })
}

/** `awarenessUpdate` as produced by `encodeAwarenessUpdate`. */
export function encodeAwarenessFrame(awarenessUpdate: Uint8Array): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.awareness)
    encoding.writeVarUint8Array(e, awarenessUpdate)
  })
}

export function encodeControlFrame(message: ServerControlMessage): Uint8Array {
  return frame((e) => {
    encoding.writeVarUint(e, MessageType.control)
    encoding.writeVarString(e, JSON.stringify(message))
  })
}

/**
 * Several frames deflated once, for every recipient that opted in (`shared/bundle.ts`).
 * Level 1: the tick's frames are mostly repeated record keys and props, which the fastest
 * level already shrinks by about as much as the default one, for a fraction of the time.
 */
export function encodeBundleFrame(frames: readonly Uint8Array[]): Uint8Array {
  const compressed = deflateRawSync(joinFrames(frames), { level: BUNDLE_DEFLATE_LEVEL })
  const out = new Uint8Array(1 + compressed.byteLength)
  out[0] = MessageType.bundle
  out.set(compressed, 1)
  return out
}

export const BUNDLE_DEFLATE_LEVEL = 1
