import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * A bundle: the frames one room flush broadcasts (document updates, awareness), deflated
 * once for every recipient that asked for it. At 1,000 recipients the room sends the same
 * bytes 1,000 times, so compressing them once cuts what every socket carries; per-socket
 * `permessage-deflate` would compress the same bytes once per recipient instead.
 *
 * Opt-in: the client opens its socket with `?bundle=deflate-raw`. A stock y-websocket
 * client does not, and never receives a bundle (it could not parse one).
 *
 * Wire: varUint `MessageType.bundle`, then the raw DEFLATE (RFC 1951, `deflate-raw`) of
 * the frames, each as a lib0 varUint8Array, in the order they are to be handled.
 */

export const BUNDLE_PARAM = 'bundle'
export const BUNDLE_FORMAT = 'deflate-raw'

/** The uncompressed body: each frame length-prefixed, in order. */
export function joinFrames(frames: readonly Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder()
  for (const frame of frames) encoding.writeVarUint8Array(encoder, frame)
  return encoding.toUint8Array(encoder)
}

/** Inverse of `joinFrames`; throws on a truncated body. */
export function splitFrames(body: Uint8Array): Uint8Array[] {
  const decoder = decoding.createDecoder(body)
  const frames: Uint8Array[] = []
  while (decoding.hasContent(decoder)) frames.push(decoding.readVarUint8Array(decoder))
  return frames
}
