import { z } from 'zod'
import type { Refusal } from './refusals'

/**
 * JSON messages of the control channel (`MessageType.control`), encoded as one lib0
 * varString after the message type.
 *
 * client → server: `{ kind: 'command', id, command: { type: '<section>.<verb>', … } }`
 * server → client: `{ kind: 'result', id, ok: true }` or `{ kind: 'result', id, ok: false, code,
 *                  params? }` answering one command (codes: `refusals.ts` and each section's
 *                  `refusals`), and
 *                  `{ kind: 'state', public?, own?, serverNow }` with the sections that
 *                  changed (a full state right after connecting).
 */
export const commandMessageSchema = z.object({
  kind: z.literal('command'),
  id: z.number().int().nonnegative(),
  command: z.object({ type: z.string().min(1).max(64) }).passthrough(),
})
export type CommandMessage = z.infer<typeof commandMessageSchema>

/** The answer to one command: accepted, or refused with a code (never a sentence). */
export type ResultMessage = { kind: 'result'; id: number } & ({ ok: true } | ({ ok: false } & Refusal))

export interface StateMessage {
  kind: 'state'
  /** Section key → public view for this connection's role (only sections that changed). */
  public?: Record<string, unknown>
  /** Section key → this member's own view (only sections that changed). */
  own?: Record<string, unknown>
  /** Server clock when sent, so clients can show the timer in server time. */
  serverNow: number
  /** This connection's identity as the server sees it. Sent once, on connect. */
  self?: {
    role: string
    memberId: string
    /** This member's number among their role's (`server/sync/awarenessIdentity.ts`): their label while names are hidden. */
    roleNumber?: number
  }
}

export type ServerControlMessage = ResultMessage | StateMessage

/** Largest control message accepted from a client, in bytes. */
export const MAX_COMMAND_BYTES = 16_384
