import type { Clock, TimerHandle } from '../clock'
import type { Cluster } from './Cluster'
import { MAX_PAYLOAD_BYTES } from './messages'

/**
 * How many people each other server has in each workshop, so the per-workshop connection
 * cap (`MAX_CONNECTIONS_PER_WORKSHOP`) counts the whole cluster, not one server.
 *
 * A server announces its own counts of the workshops whose count changed, at most once a
 * `COUNT_TICK_MS`, and all of its non-empty counts every `COUNT_HEARTBEAT_MS`; what another
 * server announced is believed for `COUNT_STALE_MS` (a server killed without a word stops
 * counting after that). The cap is therefore approximate by up to a tick's arrivals on each
 * server: two servers admitting at the same moment may both let one more in. A count is
 * two numbers per workshop per few seconds: cheap next to the document traffic.
 */

export const COUNT_TICK_MS = 1_000
export const COUNT_HEARTBEAT_MS = 5_000
export const COUNT_STALE_MS = 15_000

export class ClusterConnections {
  /** workshop → server → last count it announced and when. */
  private readonly others = new Map<string, Map<string, { count: number; at: number }>>()
  private readonly changed = new Set<string>()
  private tick: TimerHandle | null = null
  private heartbeat: TimerHandle | null = null
  private stopped = false

  constructor(
    private readonly cluster: Cluster,
    private readonly clock: Clock,
    /** This server's connections to a workshop. */
    private readonly local: (workshopId: string) => number,
    /** The workshops this server holds. */
    private readonly held: () => Iterable<string>,
  ) {
    if (cluster.enabled) this.scheduleHeartbeat()
  }

  /** Connections to this workshop on the other servers (fresh announcements only). */
  elsewhere(workshopId: string): number {
    const servers = this.others.get(workshopId)
    if (!servers) return 0
    const now = this.clock.now()
    let sum = 0
    for (const [server, { count, at }] of servers) {
      if (now - at > COUNT_STALE_MS) servers.delete(server)
      else sum += count
    }
    if (servers.size === 0) this.others.delete(workshopId)
    return sum
  }

  /** Another server's counts (`counts`: workshop → connections; 0 = it has none there now). */
  heard(server: string, counts: Record<string, number>): void {
    const at = this.clock.now()
    for (const [workshopId, count] of Object.entries(counts)) {
      let servers = this.others.get(workshopId)
      if (count <= 0) {
        servers?.delete(server)
        if (servers?.size === 0) this.others.delete(workshopId)
        continue
      }
      if (!servers) this.others.set(workshopId, (servers = new Map()))
      servers.set(server, { count, at })
    }
  }

  /** This server's count of a workshop changed: announced on the next tick. */
  localChanged(workshopId: string): void {
    if (!this.cluster.enabled || this.stopped) return
    this.changed.add(workshopId)
    this.tick ??= this.clock.setTimeout(() => {
      this.tick = null
      const ids = [...this.changed]
      this.changed.clear()
      this.announce(ids)
    }, COUNT_TICK_MS)
  }

  /** Stops announcing; the last word is that this server has nobody left in what it held. */
  stop(): void {
    if (this.stopped) return
    if (this.cluster.enabled) {
      const zeros = [...this.held()]
      if (zeros.length > 0) this.publishZeros(zeros)
    }
    this.stopped = true
    if (this.tick) this.clock.clearTimeout(this.tick)
    if (this.heartbeat) this.clock.clearTimeout(this.heartbeat)
    this.tick = this.heartbeat = null
  }

  private scheduleHeartbeat(): void {
    this.heartbeat = this.clock.setTimeout(() => {
      if (this.stopped) return
      this.announce([...this.held()].filter((id) => this.local(id) > 0))
      this.scheduleHeartbeat()
    }, COUNT_HEARTBEAT_MS)
  }

  private publishZeros(workshopIds: string[]): void {
    this.announce(workshopIds, () => 0)
  }

  /** Counts of these workshops, in as few notifications as fit. */
  private announce(workshopIds: string[], count: (workshopId: string) => number = this.local): void {
    let batch: Record<string, number> = {}
    let size = 0
    const budget = MAX_PAYLOAD_BYTES - 200
    for (const id of workshopIds) {
      const entry = id.length + 16
      if (size + entry > budget) {
        this.cluster.publishConnections(batch)
        batch = {}
        size = 0
      }
      batch[id] = count(id)
      size += entry
    }
    if (size > 0) this.cluster.publishConnections(batch)
  }
}
