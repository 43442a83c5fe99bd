import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'

/**
 * Who may speak for an awareness client id (a cursor, a name in the presence list).
 *
 * y-protocols' awareness trusts every update: any socket could move, rename or remove
 * anybody's cursor, and a socket that removed and re-set someone else's state would then
 * have it removed only when the victim left. Here the first connection that sets a state
 * for a client id owns it for the connection's life; entries for ids owned by another
 * connection are dropped (not applied, not relayed). That is not treated as an attack:
 * stock y-websocket clients echo the states they receive (finding A), so dropping is the
 * whole answer. A connection claiming many ids is hostile (a tab has one): the room closes it.
 *
 * A reconnecting tab may come back on a new socket before the server noticed its old one
 * died; its id is then owned by the dead socket. The same member (member key, which only
 * that browser holds) takes the id over, so its cursor does not freeze until the old
 * socket times out.
 */

/** More awareness ids than this from one connection: clearly not a y-websocket client. */
export const MAX_AWARENESS_IDS_PER_CONNECTION = 8

export interface AwarenessEntry {
  clientId: number
  clock: number
  /** The state as JSON text, unparsed ("null" = removal). */
  json: string
}

/** Reads an awareness update (`encodeAwarenessUpdate`'s format); throws on malformed bytes. */
export function decodeAwarenessEntries(update: Uint8Array): AwarenessEntry[] {
  const decoder = decoding.createDecoder(update)
  const len = decoding.readVarUint(decoder)
  const entries: AwarenessEntry[] = []
  for (let i = 0; i < len; i++) {
    const clientId = decoding.readVarUint(decoder)
    const clock = decoding.readVarUint(decoder)
    const json = decoding.readVarString(decoder)
    entries.push({ clientId, clock, json })
  }
  if (decoding.hasContent(decoder)) throw new Error('bytes after the awareness entries')
  return entries
}

export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, entries.length)
  for (const e of entries) {
    encoding.writeVarUint(encoder, e.clientId)
    encoding.writeVarUint(encoder, e.clock)
    encoding.writeVarString(encoder, e.json)
  }
  return encoding.toUint8Array(encoder)
}

export interface Owner {
  readonly memberId: string
}

export interface Admitted<C> {
  /** Entries this connection may apply. */
  allowed: AwarenessEntry[]
  /** Entries dropped: the id belongs to another connection (or is unknown and removed). */
  dropped: number
  /** Ids taken over from an earlier connection of the same member (reconnect). */
  takenFrom: { clientId: number; from: C }[]
  /** The connection claimed more ids than a client ever does. */
  hostile: boolean
}

export class AwarenessOwners<C extends Owner> {
  private readonly owners = new Map<number, C>()
  private readonly owned = new Map<C, Set<number>>()

  /**
   * Which of `entries` `conn` may apply; it claims the free ids it sets a state for.
   * `knownClock` is the room's last clock for an id (y-protocols keeps it after a removal).
   */
  admit(
    conn: C,
    entries: readonly AwarenessEntry[],
    knownClock: (clientId: number) => number | undefined = () => undefined,
  ): Admitted<C> {
    const result: Admitted<C> = { allowed: [], dropped: 0, takenFrom: [], hostile: false }
    for (const entry of entries) {
      const owner = this.owners.get(entry.clientId)
      if (owner === conn) {
        result.allowed.push(entry)
        continue
      }
      if (owner !== undefined && owner.memberId !== conn.memberId) {
        result.dropped += 1
        continue
      }
      // Free (nobody set it, or its owner left: its state was removed then): there is
      // nothing to remove, so only a state claims it.
      if (owner === undefined && entry.json === 'null') {
        result.dropped += 1
        continue
      }
      // A free id whose state the room has already seen at this clock or later: an echo of a
      // state that just left with its owner (stock clients re-send what they receive, and
      // the removal may cross their echo). Claiming it would bring back a ghost cursor and,
      // with a few departed people, make an honest client look like it speaks for many ids.
      // Only a newer clock — a new id, or its owner coming back — claims it.
      const seen = owner === undefined ? knownClock(entry.clientId) : undefined
      if (seen !== undefined && entry.clock <= seen) {
        result.dropped += 1
        continue
      }
      const mine = this.owned.get(conn) ?? new Set<number>()
      if (mine.size >= MAX_AWARENESS_IDS_PER_CONNECTION) {
        result.hostile = true
        return result
      }
      if (owner !== undefined) {
        this.owned.get(owner)?.delete(entry.clientId)
        result.takenFrom.push({ clientId: entry.clientId, from: owner })
      }
      mine.add(entry.clientId)
      this.owned.set(conn, mine)
      this.owners.set(entry.clientId, conn)
      result.allowed.push(entry)
    }
    return result
  }

  /** The ids `conn` owns. */
  idsOf(conn: C): ReadonlySet<number> {
    return this.owned.get(conn) ?? new Set()
  }

  /** Forgets `conn` (it left); returns the ids it owned, whose states the room removes. */
  release(conn: C): number[] {
    const ids = [...(this.owned.get(conn) ?? [])]
    this.owned.delete(conn)
    for (const id of ids) if (this.owners.get(id) === conn) this.owners.delete(id)
    return ids
  }
}
