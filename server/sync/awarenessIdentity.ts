import type { Role } from '../../shared/protocol'
import type { AwarenessEntry } from './awarenessOwners'
import type { ParsedAwarenessEntry } from './awarenessStates'

/**
 * Who a presence says it is, as the server knows it. An awareness state carries
 * `user.name`, `user.role` and `user.memberId`, which every page shows in cursors and the
 * presence list and which follow-me uses to find the leader's camera (the presence whose
 * member id is the follow target). A client could claim anything there — a participant
 * copying the facilitator's public member id was merged with her and followed in her place
 * (issue 14) — so the room writes them itself before a state is applied or relayed:
 * - `role` and `memberId`: the connection's (its token and member key), always;
 * - `name`: the first name the connection published (the one it joined with) for the
 *   connection's life; an empty name stays empty (the client hides it while the
 *   facilitator hides names);
 * - `roleNumber`: this member's number among the workshop's members of their role, in
 *   order of first arrival in the room (1, 2, 3…), kept when they leave and come back: the
 *   label every screen shows while names are hidden (« Participant·e 3 »), the same for all.
 * A state that claimed another role or member is relayed corrected, not dropped: the
 * person stays visible, as who they are. Only states with a `user` object are presences
 * (the client ignores the others); a top-level `name` is held to the same rule because the
 * room reads it as a fallback. A state is written to text again only when something changed;
 * the parsed states go on to the room's awareness as they are (awarenessStates.ts).
 */

export interface Speaker {
  readonly role: Role
  readonly memberId: string
}

/** Longest name kept (the client shows 40 characters; longer names are cut the same way). */
export const MAX_PRESENCE_NAME = 100

export interface Stamped {
  /** The entries to apply and relay, parsed, with their final text (unchanged when nothing was rewritten). */
  entries: ParsedAwarenessEntry[]
  /** Whether any entry was rewritten (the update must be re-encoded). */
  changed: boolean
  /** Entries that claimed another role or member id (corrected). */
  impersonations: number
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function normalizeName(raw: string): string {
  return raw.replace(/\s+/g, ' ').trim().slice(0, MAX_PRESENCE_NAME)
}

export class AwarenessIdentity<C extends Speaker> {
  private readonly names = new WeakMap<C, string>()
  /** `role member` → number; never reused, so a number stays with its person. */
  private readonly numbers = new Map<string, number>()
  private readonly lastNumber = new Map<Role, number>()

  /** Each connection's number, read on every state it publishes (5 a second per cursor). */
  private readonly connectionNumbers = new WeakMap<C, number>()

  /** This member's number among the members of their role (assigned on first call). */
  roleNumberOf(conn: C): number {
    const known = this.connectionNumbers.get(conn)
    if (known !== undefined) return known
    const key = `${conn.role} ${conn.memberId}`
    let n = this.numbers.get(key)
    if (n === undefined) {
      n = (this.lastNumber.get(conn.role) ?? 0) + 1
      this.lastNumber.set(conn.role, n)
      this.numbers.set(key, n)
    }
    this.connectionNumbers.set(conn, n)
    return n
  }

  /** The name `conn` joined with, or '' if it has published none yet. */
  nameOf(conn: C): string {
    return this.names.get(conn) ?? ''
  }

  /**
   * Writes the server's identity into each state `conn` publishes. Throws on a state that
   * is not JSON (y-protocols would throw on it too: the frame is malformed).
   */
  stamp(conn: C, entries: readonly AwarenessEntry[]): Stamped {
    const out: ParsedAwarenessEntry[] = []
    let changed = false
    let impersonations = 0
    for (const entry of entries) {
      const state: unknown = entry.json === 'null' ? null : JSON.parse(entry.json)
      if (!isPlainObject(state)) {
        out.push({ ...entry, state })
        continue
      }
      const result = this.stampState(conn, state)
      if (result.impersonation) impersonations += 1
      if (result.changed) changed = true
      out.push({ ...entry, state, json: result.changed ? JSON.stringify(state) : entry.json })
    }
    return { entries: out, changed, impersonations }
  }

  /** Rewrites `state` in place; says whether it changed and whether it claimed someone else. */
  private stampState(conn: C, state: Record<string, unknown>): { changed: boolean; impersonation: boolean } {
    let changed = false
    let impersonation = false
    const user = state.user
    const claimed =
      isPlainObject(user) && typeof user.name === 'string'
        ? user.name
        : typeof state.name === 'string'
          ? state.name
          : ''
    if (claimed !== '' && !this.names.has(conn)) {
      const name = normalizeName(claimed)
      if (name) this.names.set(conn, name)
    }
    // The pinned name, or '' where the client hid it.
    const pinned = this.names.get(conn) ?? ''
    if (typeof state.name === 'string' && state.name !== '' && state.name !== pinned) {
      state.name = pinned
      changed = true
    }
    if (isPlainObject(user)) {
      if (
        (user.role !== undefined && user.role !== conn.role) ||
        (typeof user.memberId === 'string' && user.memberId !== '' && user.memberId !== conn.memberId)
      ) {
        impersonation = true
      }
      const name = user.name === '' ? '' : pinned
      const roleNumber = this.roleNumberOf(conn)
      if (
        user.role !== conn.role ||
        user.memberId !== conn.memberId ||
        user.name !== name ||
        user.roleNumber !== roleNumber
      ) {
        state.user = { ...user, name, role: conn.role, memberId: conn.memberId, roleNumber }
        changed = true
      }
    }
    return { changed, impersonation }
  }
}
