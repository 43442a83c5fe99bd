import type { Role } from '../../shared/protocol'

/**
 * What a room needs from a connection, nothing more: the WebSocket endpoint adapts a `ws`
 * socket to it, and unit tests use an in-memory one that records frames.
 */
export interface Connection {
  /** Role of the token the connection was opened with. */
  readonly role: Role
  /** Public id of the member (derived from their member key). */
  readonly memberId: string
  /** Opened with `?bundle=deflate-raw`: can read a bundle frame (`shared/bundle.ts`). */
  readonly acceptsBundles?: boolean
  /** Queues one binary frame; dropped silently if the connection is closing. */
  send(data: Uint8Array): void
  /** Closes with one of `CloseCode` and its reason. */
  close(code: number, reason: string): void
}
