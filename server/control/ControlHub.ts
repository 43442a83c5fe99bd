import type { Logger } from 'pino'
import { commandMessageSchema, type ResultMessage, type StateMessage } from '../../shared/control/messages'
import { hubRefusal, type Refused } from '../../shared/control/refusals'
import type { Actor } from '../../shared/control/section'
import { CloseCode, type Role } from '../../shared/protocol'
import type { Clock } from '../clock'
import { encodeControlFrame, ProtocolError } from '../sync/wire'
import type { AnySection } from './sections'

/**
 * The control state of one room: every registered section's state, loaded with the room,
 * changed only through commands, persisted before anyone hears of the change.
 *
 * A command goes: parse (a broken message closes the connection) → find the section by
 * the prefix of its type → validate with the section's schema → check the actor's role →
 * `apply` on the server clock → persist → reply `result`. Changed sections are then pushed
 * by the room on its next tick (`push`): public views encoded once per role, own views only
 * to their member and only when they changed.
 */

/** Whoever can receive control frames: a connection as the hub sees it. */
export interface ControlPeer {
  readonly role: Role
  readonly memberId: string
  send(data: Uint8Array): void
}

export interface ControlHubDeps {
  sections: readonly AnySection[]
  clock: Clock
  log: Logger
  /** Stored states (section key → state). */
  load(): Promise<Record<string, unknown>>
  /**
   * Saves one section's next state, computed by `change` from the latest stored state
   * (`undefined`: never stored, the hub's own is current) — with several servers on one
   * database, another may have saved a newer one than this hub holds. `change` returns the
   * state to store, or `undefined` to store nothing. Resolves with the version stored (null
   * if nothing was); a rejection refuses the command.
   */
  commit(key: string, change: (stored: { state: unknown } | undefined) => unknown): Promise<number | null>
}

/** A parsed command message, ready to run. */
export interface ParsedCommand {
  id: number
  command: { type: string; [field: string]: unknown }
}

export class ControlHub {
  private readonly sections = new Map<string, AnySection>()
  private readonly states = new Map<string, unknown>()
  /** Version of each section's state as stored (0: unknown or single server). */
  private readonly versions = new Map<string, number>()
  private readonly dirty = new Set<string>()
  /** memberId → section → JSON of the own view last sent. */
  private readonly ownSent = new Map<string, Map<string, string>>()
  /** Commands run one after another, so persistence order is command order. */
  private chain: Promise<unknown> = Promise.resolve()
  private inFlight = 0

  constructor(private readonly deps: ControlHubDeps) {
    for (const section of deps.sections) this.sections.set(section.key, section)
  }

  /** Stored state, else the seed (e.g. the workshop row), else the section's initial state. */
  async load(seeds: Record<string, unknown>): Promise<void> {
    const stored = await this.deps.load()
    for (const [key, section] of this.sections) {
      this.states.set(key, key in stored ? stored[key] : key in seeds ? seeds[key] : section.initial())
    }
  }

  getState(key: string): unknown {
    return this.states.get(key)
  }

  /** The stored version this hub holds of a section (0 if unknown). */
  version(key: string): number {
    return this.versions.get(key) ?? 0
  }

  sectionKeys(): string[] {
    return [...this.sections.keys()]
  }

  /**
   * A section's state as another server saved it at `version` (newer than ours, or
   * ignored): pushed to the room's connections on its next tick like any change.
   */
  replaceState(key: string, state: unknown, version: number): void {
    if (!this.sections.has(key) || version <= this.version(key)) return
    this.states.set(key, state)
    this.versions.set(key, version)
    this.dirty.add(key)
  }

  /** The full view of a connection that just joined. */
  welcome(role: Role, memberId: string, roleNumber?: number): StateMessage {
    const pub: Record<string, unknown> = {}
    const own: Record<string, unknown> = {}
    const sent = this.ownSentFor(memberId)
    for (const [key, section] of this.sections) {
      const state = this.states.get(key)
      pub[key] = section.publicView(state, role)
      own[key] = section.memberView(state, memberId)
      sent.set(key, JSON.stringify(own[key]))
    }
    return {
      kind: 'state',
      public: pub,
      own,
      serverNow: this.deps.clock.now(),
      self: { role, memberId, ...(roleNumber === undefined ? {} : { roleNumber }) },
    }
  }

  /** Parses a control frame's text; throws `ProtocolError` (→ close 4400) if it is not a command. */
  parse(text: string): ParsedCommand {
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      throw new ProtocolError(CloseCode.malformedMessage, 'control message is not JSON')
    }
    const parsed = commandMessageSchema.safeParse(json)
    if (!parsed.success) throw new ProtocolError(CloseCode.malformedMessage, 'control message is not a command')
    return { id: parsed.data.id, command: parsed.data.command }
  }

  /** Runs a command; resolves with the result to send back (never rejects). */
  execute(parsed: ParsedCommand, actor: Actor, hasRecord?: (id: string) => boolean): Promise<ResultMessage> {
    this.inFlight += 1
    const run = this.chain.then(() => this.run(parsed, actor, hasRecord))
    this.chain = run.finally(() => {
      this.inFlight -= 1
    })
    return run
  }

  /**
   * A change the server makes on its own, not a member's command (a coalition's sheet taken
   * in): run in command order, applied to the latest stored state by `change` (undefined:
   * nothing to store), persisted, then pushed like a command's. Resolves with whether it stored.
   */
  serverChange(key: string, change: (state: unknown) => unknown): Promise<boolean> {
    this.inFlight += 1
    const run = this.chain.then(async () => {
      if (!this.sections.has(key)) return false
      let next: unknown
      const version = await this.deps.commit(key, (stored) => {
        next = change(stored ? stored.state : this.states.get(key))
        return next
      })
      if (next === undefined) return false
      if (version === null || version >= this.version(key)) {
        this.states.set(key, next)
        if (version !== null) this.versions.set(key, version)
        this.dirty.add(key)
      }
      return true
    })
    this.chain = run
      .catch(() => undefined)
      .finally(() => {
        this.inFlight -= 1
      })
    return run
  }

  /** Whether a command is still being applied or persisted. */
  isBusy(): boolean {
    return this.inFlight > 0
  }

  hasChanges(): boolean {
    return this.dirty.size > 0
  }

  /** Sends the changed sections' views to `peers`, then forgets the changes. */
  push(peers: Iterable<ControlPeer>): void {
    if (this.dirty.size === 0) return
    const changed = [...this.dirty]
    this.dirty.clear()
    const serverNow = this.deps.clock.now()
    const byRole = new Map<Role, Uint8Array>()
    const ownFrames = new Map<string, Uint8Array | null>()
    for (const peer of peers) {
      let publicFrame = byRole.get(peer.role)
      if (!publicFrame) {
        const pub: Record<string, unknown> = {}
        for (const key of changed) pub[key] = this.sections.get(key)!.publicView(this.states.get(key), peer.role)
        publicFrame = encodeControlFrame({ kind: 'state', public: pub, serverNow })
        byRole.set(peer.role, publicFrame)
      }
      peer.send(publicFrame)
      if (!ownFrames.has(peer.memberId)) ownFrames.set(peer.memberId, this.ownFrame(peer.memberId, changed, serverNow))
      const own = ownFrames.get(peer.memberId)
      if (own) peer.send(own)
    }
  }

  /** Drops what was remembered for a member who has no connection left. */
  forget(memberId: string): void {
    this.ownSent.delete(memberId)
  }

  private ownFrame(memberId: string, changed: readonly string[], serverNow: number): Uint8Array | null {
    const sent = this.ownSentFor(memberId)
    const own: Record<string, unknown> = {}
    let any = false
    for (const key of changed) {
      const view = this.sections.get(key)!.memberView(this.states.get(key), memberId)
      const json = JSON.stringify(view)
      if (sent.get(key) === json) continue
      sent.set(key, json)
      own[key] = view
      any = true
    }
    return any ? encodeControlFrame({ kind: 'state', own, serverNow }) : null
  }

  private ownSentFor(memberId: string): Map<string, string> {
    let sent = this.ownSent.get(memberId)
    if (!sent) {
      sent = new Map()
      this.ownSent.set(memberId, sent)
    }
    return sent
  }

  private async run(
    parsed: ParsedCommand,
    actor: Actor,
    hasRecord?: (id: string) => boolean,
    isFollowUp = false,
  ): Promise<ResultMessage> {
    const { id, command } = parsed
    const refused = (refusal: Refused): ResultMessage => ({ kind: 'result', id, ...refusal })
    const key = command.type.split('.')[0]
    const section = this.sections.get(key)
    if (!section) return refused(hubRefusal('unknown-command'))
    const valid = section.commandSchema.safeParse(command)
    if (!valid.success) {
      return refused(hubRefusal('invalid-command', { details: valid.error.issues.map((i) => i.message).join('; ') }))
    }
    if (!section.allowedRoles(valid.data.type).includes(actor.role)) return refused(hubRefusal('forbidden'))
    const held = this.states.get(key)
    let outcome: ReturnType<AnySection['apply']> | null = null
    // Applied to the stored state, the latest (ids such as `compass-N` are allocated
    // against it): with two servers, never to a copy another has already moved past.
    const change = (stored: { state: unknown } | undefined): unknown => {
      outcome = null
      try {
        outcome = section.apply(stored ? stored.state : held, valid.data, {
          now: this.deps.clock.now(),
          actor,
          hasRecord,
        })
      } catch (err) {
        this.deps.log.error({ err, section: key }, 'control section threw')
        return undefined
      }
      return outcome.ok ? outcome.state : undefined
    }
    let version: number | null
    try {
      version = await this.deps.commit(key, change)
    } catch (err) {
      this.deps.log.error({ err, section: key }, 'control state not saved')
      return refused(hubRefusal('server-error'))
    }
    const result = outcome as ReturnType<AnySection['apply']> | null
    if (!result) return refused(hubRefusal('server-error'))
    if (!result.ok) return refused(result)
    // A newer version (another server's, built on ours) may have arrived meanwhile: keep it.
    if (version === null || version >= this.version(key)) {
      this.states.set(key, result.state)
      if (version !== null) this.versions.set(key, version)
      this.dirty.add(key)
    }
    if (!isFollowUp) await this.runFollowUps(section, result.state, valid.data, id, actor, hasRecord)
    return { kind: 'result', id, ok: true }
  }

  /**
   * What the section asks next (launching a phase starts its timer): each run like any
   * command, one level deep, before the sender hears its result so it sees them done. A
   * refusal is logged and leaves the rest as they are.
   */
  private async runFollowUps(
    section: AnySection,
    state: unknown,
    command: { type: string },
    id: number,
    actor: Actor,
    hasRecord?: (id: string) => boolean,
  ): Promise<void> {
    for (const followUp of section.followUps?.(state, command) ?? []) {
      const outcome = await this.run({ id, command: followUp }, actor, hasRecord, true)
      if (!outcome.ok) this.deps.log.warn({ command: followUp.type, code: outcome.code }, 'follow-up refused')
    }
  }
}
