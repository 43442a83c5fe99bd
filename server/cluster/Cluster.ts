import type { ClusterMessage } from './messages'

/**
 * The link between servers that share one database, as a room and the registry see it.
 * Every server can serve every workshop: what one accepts is stored, announced here, and
 * each other server holding that workshop's room reads it back and relays it to its own
 * clients (roomFeed.ts). With SQLite or in memory there is one server: `noCluster`
 * announces nothing and hears nothing, and the rooms work exactly as before.
 */

export interface ClusterListener {
  /** Something another server said (this server's own announcements are filtered out). */
  message(message: ClusterMessage): void
  /**
   * The link was down and is back: announcements may have been missed, so every room
   * reads its workshop again (and finds out whether it still exists).
   */
  resync(): void
}

export interface Cluster {
  /** False for a single server (SQLite, memory): nothing to announce or read. */
  readonly enabled: boolean
  /** This process's writer id (the document log's `writer` column). */
  readonly writer: string
  listen(listener: ClusterListener): void
  /** Sends an awareness update of this server's clients of a workshop to the others (chunked to fit). */
  publishAwareness(workshopId: string, update: Uint8Array): void
  /** Announces this server's connection counts (workshop id → connections) to the others. */
  publishConnections(counts: Record<string, number>): void
  /** Rows other writers appended past `afterSeq`, and those at `seqs`; `missing` = some was compacted meanwhile. */
  updatesSince(
    workshopId: string,
    afterSeq: number,
    seqs: readonly number[],
  ): Promise<{ rows: { seq: number; data: Uint8Array }[]; missing: boolean }>
  /** One section's stored state and version, or null if it was never saved. */
  controlSection(workshopId: string, section: string): Promise<{ state: unknown; version: number } | null>
  close(): Promise<void>
}

/** One server alone: nothing to tell anyone. */
export const noCluster: Cluster = {
  enabled: false,
  writer: '',
  listen() {},
  publishAwareness() {},
  publishConnections() {},
  async updatesSince() {
    return { rows: [], missing: false }
  },
  async controlSection() {
    return null
  },
  async close() {},
}
