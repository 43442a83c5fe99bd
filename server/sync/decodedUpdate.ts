import * as Y from 'yjs'

/**
 * A client's update, read once.
 *
 * The room reads every update in full before anything of it is applied (`Y.decodeUpdate`,
 * for updatePlan.ts and the guards), then Yjs reads the same bytes again to integrate them.
 * Reading a record's value (`readAny`: a 660-byte card is a few dozen strings and numbers)
 * is most of both reads. So the values read while planning are kept by their position in
 * the bytes, and the integration takes them from there instead of reading them again: the
 * entries the board holds are then the very objects the guards judged.
 *
 * Both reads go through Yjs' own public decoders (`decodeUpdateV2` and `applyUpdateV2` take
 * the decoder class); the subclasses below only remember or replay `readAny`. A value
 * missing from the replay (a position the first read did not reach) is read from the bytes
 * as before, so a replay can only ever skip work, never change what is integrated.
 */

/** A value `readAny` returned, and where in the bytes it ended. */
interface ReadValue {
  end: number
  value: unknown
}

export interface DecodedUpdate {
  structs: (Y.Item | Y.GC | Y.Skip)[]
  ds: ReturnType<typeof Y.decodeUpdate>['ds']
  /** Every `readAny` of the first read, by the position it started at. */
  values: Map<number, ReadValue>
}

/** Yjs builds the decoder itself: the map it records into or replays from is passed here. */
let current: Map<number, ReadValue> | null = null

class RecordingDecoder extends Y.UpdateDecoderV1 {
  private readonly values = current

  override readAny(): unknown {
    const start = this.restDecoder.pos
    const value: unknown = super.readAny()
    this.values?.set(start, { end: this.restDecoder.pos, value })
    return value
  }
}

class ReplayingDecoder extends Y.UpdateDecoderV1 {
  private readonly values = current

  override readAny(): unknown {
    const read = this.values?.get(this.restDecoder.pos)
    if (read === undefined) return super.readAny()
    this.restDecoder.pos = read.end
    return read.value
  }
}

/** `Y.decodeUpdate`, keeping the values it read. Throws on malformed bytes. */
export function decodeUpdateOnce(update: Uint8Array): DecodedUpdate {
  const values = new Map<number, ReadValue>()
  current = values
  try {
    const { structs, ds } = Y.decodeUpdateV2(update, RecordingDecoder)
    return { structs, ds, values }
  } finally {
    current = null
  }
}

/** `Y.applyUpdate` of the same bytes, taking the values already read. */
export function applyDecodedUpdate(doc: Y.Doc, update: Uint8Array, decoded: DecodedUpdate, origin?: unknown): void {
  current = decoded.values
  try {
    Y.applyUpdateV2(doc, update, origin, ReplayingDecoder)
  } finally {
    current = null
  }
}
