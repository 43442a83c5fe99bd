/** What the connection badge shows. */
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline'

/** The facts the badge is derived from. */
export interface ConnectionFacts {
  /** The WebSocket provider's last status event. */
  socket: 'connecting' | 'connected' | 'disconnected'
  /** Whether this session was connected at least once. */
  everConnected: boolean
  /** `navigator.onLine`: false is a sure sign of being offline, true proves nothing. */
  browserOnline: boolean
  /** Closed connections since the last successful sync. */
  failedAttempts: number
  /** The server refused our changes as too large (4413, 4414): we stopped trying, edits stay local. */
  unsent: boolean
}

/**
 * After this many failed attempts in a row we say "offline" rather than "reconnecting":
 * the provider keeps retrying, but the person should know their edits stay local for now.
 */
export const OFFLINE_AFTER_FAILED_ATTEMPTS = 3

/** Derives the badge from the facts; pure so every case is unit tested. */
export function deriveConnectionStatus(facts: ConnectionFacts): ConnectionStatus {
  if (facts.unsent) return 'offline'
  if (facts.socket === 'connected') return 'online'
  if (!facts.browserOnline) return 'offline'
  if (facts.failedAttempts >= OFFLINE_AFTER_FAILED_ATTEMPTS) return 'offline'
  return facts.everConnected ? 'reconnecting' : 'connecting'
}
