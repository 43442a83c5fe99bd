import pg from 'pg'
import type { Logger } from 'pino'
import type { PostgresStorage } from '../storage/postgres/postgresStorage'
import { readUpdatesSince } from '../storage/documentLog/postgres'
import { toNumber } from '../storage/postgres/db'
import type { Cluster, ClusterListener } from './Cluster'
import { CLUSTER_CHANNEL, MAX_PAYLOAD_BYTES, parseClusterMessage } from './messages'
import { chunkAwareness } from './awarenessChunks'

/**
 * The cluster link over PostgreSQL: one dedicated connection LISTENs on the channel (a
 * pooled one could be handed to someone else); announcements of documents, control state
 * and deletes are sent by the storage's own statements, in the transaction that writes
 * (messages.ts); awareness is sent from here through the pool.
 *
 * If the listening connection breaks (database restart, network), it is opened again after
 * a growing pause, and the listener is told to resync: whatever was announced meanwhile is
 * read back from the tables, so a lost notification costs a read, never an edit.
 */

const RECONNECT_FIRST_MS = 250
const RECONNECT_MAX_MS = 5_000

export function postgresCluster(storage: PostgresStorage, connectionString: string, log: Logger): Cluster {
  const { pool, writer } = storage
  let listener: ClusterListener | null = null
  let client: pg.Client | null = null
  let closed = false
  let retryMs = 0
  let everConnected = false

  const connect = async (): Promise<void> => {
    if (closed) return
    const c = new pg.Client({
      connectionString,
      application_name: 'coalition-board-listen',
      connectionTimeoutMillis: 10_000,
    })
    const lost = (err?: Error): void => {
      if (client !== c) return
      client = null
      c.removeAllListeners('notification')
      void c.end().catch(() => {})
      if (closed) return
      log.warn({ err }, 'cluster link lost; reconnecting')
      retryMs = Math.min(RECONNECT_MAX_MS, retryMs === 0 ? RECONNECT_FIRST_MS : retryMs * 2)
      setTimeout(() => void connect(), retryMs).unref()
    }
    c.on('error', lost)
    c.on('end', () => lost())
    c.on('notification', (n) => {
      const message = parseClusterMessage(n.payload)
      if (!message) return log.warn({ channel: n.channel }, 'unreadable cluster message ignored')
      if (message.s === writer) return
      listener?.message(message)
    })
    client = c
    try {
      await c.connect()
      await c.query(`LISTEN ${CLUSTER_CHANNEL}`)
    } catch (err) {
      lost(err as Error)
      return
    }
    retryMs = 0
    if (everConnected) listener?.resync()
    everConnected = true
  }

  return {
    enabled: true,
    writer,
    listen(l) {
      listener = l
      void connect()
    },
    publishAwareness(workshopId, update) {
      const overhead = JSON.stringify({ k: 'a', w: workshopId, s: writer, b: '' }).length
      for (const chunk of chunkAwareness(update, MAX_PAYLOAD_BYTES - overhead)) {
        const payload = JSON.stringify({ k: 'a', w: workshopId, s: writer, b: chunk })
        pool
          .query('SELECT pg_notify($1, $2)', [CLUSTER_CHANNEL, payload])
          .catch((err: unknown) => log.debug({ err, workshopId }, 'awareness not announced'))
      }
    },
    publishConnections(counts) {
      const payload = JSON.stringify({ k: 'n', s: writer, c: counts })
      pool
        .query('SELECT pg_notify($1, $2)', [CLUSTER_CHANNEL, payload])
        .catch((err: unknown) => log.debug({ err }, 'connection counts not announced'))
    },
    updatesSince: (workshopId, afterSeq, seqs) => readUpdatesSince(pool, writer, workshopId, afterSeq, seqs),
    async controlSection(workshopId, section) {
      const { rows } = await pool.query<{ json: string; version: string }>(
        'SELECT json, version FROM control_state WHERE workshop_id = $1 AND section = $2',
        [workshopId, section],
      )
      return rows[0] ? { state: JSON.parse(rows[0].json), version: toNumber(rows[0].version) } : null
    },
    async close() {
      closed = true
      const c = client
      client = null
      await c?.end().catch(() => {})
    },
  }
}
