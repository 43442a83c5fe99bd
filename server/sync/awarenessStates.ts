import * as encoding from 'lib0/encoding'
import { equalityDeep } from 'lib0/function'
import * as time from 'lib0/time'
import type { Awareness } from 'y-protocols/awareness'

/**
 * The room's awareness states, applied and encoded from JSON the room has already read.
 *
 * y-protocols' `applyAwarenessUpdate` parses every state from its bytes, and
 * `encodeAwarenessUpdate` stringifies every state again for each relay. The room parses each
 * state once anyway, to write the server's identity into it (awarenessIdentity.ts), and
 * holds its final JSON text: with 1,000 cursors at 5 Hz, reading and writing the same JSON
 * two or three more times was the largest part of the room's CPU (PERFORMANCE.md § 0d).
 * So states enter here parsed, with their text, and leave as that text.
 *
 * `apply` and `encode` keep y-protocols' semantics exactly (clocks, removals, the local
 * state guard, the `change` and `update` events; `awarenessStates.test.ts` runs both on the
 * same random traffic). The text is remembered per client with the state it belongs to; a state
 * that entered another way (another server's, through y-protocols) is stringified as before.
 */

/** One awareness entry, parsed: `state` null is a removal. */
export interface ParsedAwarenessEntry {
  clientId: number
  clock: number
  state: unknown
  /** `state` as JSON text, as it will be relayed. */
  json: string
}

export class AwarenessStates {
  /**
   * Each client's state as last applied here, with its text. Keyed by client id: a WeakMap
   * keyed by state, set on every cursor move, cost the room nearly what the parse saved.
   */
  private readonly texts = new Map<number, { state: object; json: string }>()

  constructor(readonly awareness: Awareness) {
    awareness.on('update', this.forgetRemoved)
  }

  private readonly forgetRemoved = ({ removed }: { removed: number[] }): void => {
    for (const clientId of removed) this.texts.delete(clientId)
  }

  /** `applyAwarenessUpdate` for entries already parsed. */
  apply(entries: readonly ParsedAwarenessEntry[], origin: unknown): void {
    const { awareness } = this
    const timestamp = time.getUnixTime()
    const added: number[] = []
    const updated: number[] = []
    const filteredUpdated: number[] = []
    const removed: number[] = []
    for (const entry of entries) {
      const { clientId, state } = entry
      let { clock } = entry
      const meta = awareness.meta.get(clientId)
      const previous: unknown = awareness.states.get(clientId)
      const known = this.texts.get(clientId)
      const currentClock = meta === undefined ? 0 : meta.clock
      if (!(currentClock < clock || (currentClock === clock && state === null && awareness.states.has(clientId))))
        continue
      if (state === null) {
        // Never let a remote client remove this side's own state (y-protocols' rule).
        if (clientId === awareness.clientID && awareness.getLocalState() != null) clock++
        else awareness.states.delete(clientId)
      } else {
        awareness.states.set(clientId, state as Record<string, unknown>)
        if (typeof state === 'object') this.texts.set(clientId, { state, json: entry.json })
        else this.texts.delete(clientId)
      }
      awareness.meta.set(clientId, { clock, lastUpdated: timestamp })
      if (meta === undefined && state !== null) added.push(clientId)
      else if (meta !== undefined && state === null) removed.push(clientId)
      else if (state !== null) {
        if (!sameState(state, entry.json, previous, known)) filteredUpdated.push(clientId)
        updated.push(clientId)
      }
    }
    if (added.length > 0 || filteredUpdated.length > 0 || removed.length > 0)
      awareness.emit('change', [{ added, updated: filteredUpdated, removed }, origin])
    if (added.length > 0 || updated.length > 0 || removed.length > 0)
      awareness.emit('update', [{ added, updated, removed }, origin])
  }

  /** `encodeAwarenessUpdate`, reusing the text each state arrived with. */
  encode(clientIds: readonly number[]): Uint8Array {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, clientIds.length)
    for (const clientId of clientIds) {
      const state: unknown = this.awareness.states.get(clientId) || null
      const clock = (this.awareness.meta.get(clientId) as { clock: number }).clock
      encoding.writeVarUint(encoder, clientId)
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarString(encoder, this.textOf(clientId, state))
    }
    return encoding.toUint8Array(encoder)
  }

  private textOf(clientId: number, state: unknown): string {
    const known = this.texts.get(clientId)
    return known !== undefined && known.state === state ? known.json : JSON.stringify(state)
  }
}

/**
 * y-protocols compares with `equalityDeep` (for `change` only; the room listens to
 * `update`). Two texts are compared instead where both are known: a state sent again in
 * other words (spaces, key order) then counts as changed, which no client does.
 */
function sameState(
  state: unknown,
  json: string,
  previous: unknown,
  known: { state: object; json: string } | undefined,
): boolean {
  if (known !== undefined && known.state === previous) return known.json === json
  return equalityDeep(state, previous)
}
