import { z } from 'zod'
import { ROLES } from '../../shared/protocol'

/**
 * What servers sharing one PostgreSQL database tell each other, on one LISTEN/NOTIFY
 * channel. A payload stays small (PostgreSQL refuses one past 8,000 bytes): a document
 * update is announced by its position in the log, never carried (the listeners read the
 * rows); a control change by its section and version (they read the state); a delete and
 * a replacement of links by the workshop id (and the roles); connection counts and
 * awareness are carried, in pieces that fit.
 *
 * `s` is the sending server's writer id (the `writer` column of the document log): a
 * server ignores what it said itself.
 */

export const CLUSTER_CHANNEL = 'coalition_board'

/** Largest NOTIFY payload PostgreSQL accepts is 8,000 bytes; ours stay under this. */
export const MAX_PAYLOAD_BYTES = 7_800

export const clusterMessageSchema = z.discriminatedUnion('k', [
  /** A document update appended at log position `q`. */
  z.object({ k: z.literal('d'), w: z.string(), s: z.string(), q: z.number().int() }),
  /** Control section `n` saved at version `v`. */
  z.object({ k: z.literal('c'), w: z.string(), s: z.string(), n: z.string(), v: z.number().int() }),
  /** The workshop was deleted. */
  z.object({ k: z.literal('x'), w: z.string(), s: z.string() }),
  /** The links of roles `r` were replaced (« Nouveaux liens »): sockets opened with the old ones close. */
  z.object({ k: z.literal('l'), w: z.string(), s: z.string(), r: z.array(z.enum(ROLES)) }),
  /** Server `s`'s connection counts, workshop id → connections (0: none left there); `w` unused. */
  z.object({ k: z.literal('n'), s: z.string(), c: z.record(z.string(), z.number().int().min(0)) }),
  /** An awareness update (base64) of the people connected to server `s`. */
  z.object({ k: z.literal('a'), w: z.string(), s: z.string(), b: z.string() }),
])
export type ClusterMessage = z.infer<typeof clusterMessageSchema>

/** A payload from the channel, or null if it is not one of ours (logged by the caller). */
export function parseClusterMessage(payload: string | undefined): ClusterMessage | null {
  if (!payload) return null
  try {
    const parsed = clusterMessageSchema.safeParse(JSON.parse(payload))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}
