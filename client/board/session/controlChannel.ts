import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { WebsocketProvider } from 'y-websocket'
import type { ServerControlMessage, StateMessage } from '../../../shared/control/messages'
import { MessageType } from '../../../shared/protocol'

type Listener = (message: ServerControlMessage) => void

/**
 * The control channel (message type 10, JSON in a lib0 varString) carried on the board's
 * WebSocket. This module only decodes what the server sends and lets others listen; the
 * facilitator controls build on it. It also remembers `self`, this connection's role and
 * public member id as the server sees them.
 */
export class ControlChannel {
  private listeners = new Set<Listener>()
  private self: StateMessage['self'] | null = null
  private nextId = 1

  constructor(private readonly provider: WebsocketProvider) {
    // Without a handler y-websocket logs "Unable to compute message" for every frame.
    provider.messageHandlers[MessageType.control] = (_encoder, decoder) => {
      let message: ServerControlMessage
      try {
        message = JSON.parse(decoding.readVarString(decoder)) as ServerControlMessage
      } catch (error) {
        console.warn('[control] undecodable message', error)
        return
      }
      if (message.kind === 'state' && message.self) this.self = message.self
      for (const listener of this.listeners) listener(message)
    }
  }

  /** Role and member id the server gave this connection (null before the first state). */
  getSelf(): StateMessage['self'] | null {
    return this.self
  }

  /** Calls `listener` for every control message; returns the unsubscribe function. */
  listen(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Sends a command; returns its id (the server answers with a `result` of the same id), or null when offline. */
  send(command: { type: string } & Record<string, unknown>): number | null {
    const ws = this.provider.ws
    if (!ws || !this.provider.wsconnected || ws.readyState !== ws.OPEN) return null
    const id = this.nextId++
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, MessageType.control)
    encoding.writeVarString(encoder, JSON.stringify({ kind: 'command', id, command }))
    ws.send(encoding.toUint8Array(encoder))
    return id
  }
}
