import type { ControlMemberState, ControlPublicState, ControlRefusal } from '../../../shared/control/index'
import type { ServerControlMessage, StateMessage } from '../../../shared/control/messages'
import type { ControlChannel } from '../session/controlChannel'

/**
 * What a command came back with: accepted, or a refusal code (the server's, or `offline` /
 * `no-answer` when it could not be sent or nothing came back).
 */
export type CommandOutcome = { ok: true } | ({ ok: false } & ControlRefusal)

const OFFLINE: CommandOutcome = { ok: false, code: 'offline' }

type Listener = () => void

/** How long a command may wait for its result before it is reported as lost. */
const RESULT_TIMEOUT_MS = 10_000

/**
 * The one client module that talks to the server about control state (STYLE §7): it keeps
 * the latest public and own views the server sent on the control channel, the offset
 * between the server's clock and ours (so every screen shows the same timer), and turns
 * commands into promises of their result. React reads it through `useControl.ts`.
 */
export class ControlClient {
  private publicState: Partial<ControlPublicState> = {}
  private ownState: Partial<ControlMemberState> = {}
  private self: StateMessage['self'] | null = null
  /** serverNow − Date.now(), from the latest state message. */
  private clockOffset = 0
  private listeners = new Set<Listener>()
  private pending = new Map<number, { resolve: (o: CommandOutcome) => void; timer: ReturnType<typeof setTimeout> }>()
  private readonly stopListening: () => void

  constructor(private readonly channel: ControlChannel) {
    this.self = channel.getSelf()
    this.stopListening = channel.listen((message) => this.receive(message))
  }

  private receive(message: ServerControlMessage): void {
    if (message.kind === 'result') {
      const waiting = this.pending.get(message.id)
      if (!waiting) return
      clearTimeout(waiting.timer)
      this.pending.delete(message.id)
      // The server's codes are the ones `ControlRefusal` lists (one build serves both ends).
      const { kind: _kind, id: _id, ...outcome } = message
      waiting.resolve(outcome as CommandOutcome)
      return
    }
    this.clockOffset = message.serverNow - Date.now()
    // New objects on every change so React's useSyncExternalStore sees a new snapshot.
    if (message.public) this.publicState = { ...this.publicState, ...(message.public as Partial<ControlPublicState>) }
    if (message.own) this.ownState = { ...this.ownState, ...(message.own as Partial<ControlMemberState>) }
    if (message.self) this.self = message.self
    for (const listener of this.listeners) listener()
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getPublic<K extends keyof ControlPublicState>(key: K): ControlPublicState[K] | undefined {
    return this.publicState[key]
  }

  getOwn<K extends keyof ControlMemberState>(key: K): ControlMemberState[K] | undefined {
    return this.ownState[key]
  }

  /** This connection's role and member id as the server sees them (null before the first state). */
  getSelf(): StateMessage['self'] | null {
    return this.self
  }

  /** The server's clock now, in ms since epoch (never trust the local clock for shared time). */
  serverNow(): number {
    return Date.now() + this.clockOffset
  }

  /** Sends a command; resolves with the server's answer, or a refusal when offline or lost. */
  send(command: { type: string } & Record<string, unknown>): Promise<CommandOutcome> {
    const id = this.channel.send(command)
    if (id === null) return Promise.resolve(OFFLINE)
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id)
        resolve({ ok: false, code: 'no-answer' })
      }, RESULT_TIMEOUT_MS)
      this.pending.set(id, { resolve, timer })
    })
  }

  dispose(): void {
    this.stopListening()
    for (const { resolve, timer } of this.pending.values()) {
      clearTimeout(timer)
      resolve(OFFLINE)
    }
    this.pending.clear()
    this.listeners.clear()
  }
}
