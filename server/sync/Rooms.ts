import { CloseCode } from '../../shared/protocol'
import type { TimerHandle } from '../clock'
import { ClusterConnections } from '../cluster/connectionCounts'
import type { ClusterMessage } from '../cluster/messages'
import { noCluster } from '../cluster/Cluster'
import type { Connection } from './Connection'
import { Room, type RoomOptions } from './Room'

/**
 * The loaded rooms, by workshop id. A room is created by its first connection, stays
 * while anybody is connected plus a grace period (a page reload should not reload the
 * document), and is unloaded only once everything it accepted is saved: if saving keeps
 * failing, it stays in memory and the unload is retried.
 */
export interface RoomsOptions extends Omit<RoomOptions, 'workshopId' | 'onClosed'> {
  roomGraceMs: number
  /** Called when an unload leaves no room loaded (the server may give back memory: server/heap.ts). */
  onAllUnloaded?: () => void
}

export class Rooms {
  private readonly rooms = new Map<string, Room>()
  private readonly unloadTimers = new Map<string, TimerHandle>()
  private closing = false
  /** Other servers' connections to each workshop (the cap counts the whole cluster). */
  private readonly counts: ClusterConnections

  constructor(private readonly opts: RoomsOptions) {
    this.counts = new ClusterConnections(
      opts.cluster ?? noCluster,
      opts.clock,
      (id) => this.rooms.get(id)?.connectionCount() ?? 0,
      () => this.rooms.keys(),
    )
    // What other servers on the same database say about the workshops held here.
    opts.cluster?.listen({
      message: (m) => this.fromOtherServer(m),
      resync: () => {
        for (const room of this.rooms.values()) room.feed.resync()
      },
    })
  }

  /** Adds a connection to its workshop's room, creating (and loading) the room if needed. */
  join(workshopId: string, conn: Connection): Room {
    let room = this.rooms.get(workshopId)
    if (!room || room.isClosed()) {
      room = new Room({ ...this.opts, workshopId, onClosed: (r) => this.forget(r) })
      this.rooms.set(workshopId, room)
    }
    this.cancelUnload(workshopId)
    room.join(conn)
    this.counts.localChanged(workshopId)
    if (this.closing) room.discard(CloseCode.serverRestarting)
    return room
  }

  leave(room: Room, conn: Connection): void {
    room.leave(conn)
    this.counts.localChanged(room.workshopId)
    if (room.connectionCount() === 0 && this.rooms.get(room.workshopId) === room) this.scheduleUnload(room.workshopId)
  }

  /** Connections to one workshop, on this server and (as they last said) the others: the per-workshop limit. */
  connectionCount(workshopId: string): number {
    return (this.rooms.get(workshopId)?.connectionCount() ?? 0) + this.counts.elsewhere(workshopId)
  }

  /** Loaded rooms (for health and tests). */
  size(): number {
    return this.rooms.size
  }

  get(workshopId: string): Room | undefined {
    return this.rooms.get(workshopId)
  }

  /** The loaded rooms with their connection counts (operators: `/api/health/rooms`). */
  list(): { id: string; connections: number }[] {
    return [...this.rooms.values()].map((room) => ({ id: room.workshopId, connections: room.connectionCount() }))
  }

  private fromOtherServer(m: ClusterMessage): void {
    if (m.k === 'n') return this.counts.heard(m.s, m.c)
    if (m.k === 'x') return this.evict(m.w, CloseCode.workshopDeleted)
    const room = this.rooms.get(m.w)
    if (!room || room.isClosed()) return
    if (m.k === 'l') room.closeRoles(m.r, CloseCode.linkReplaced)
    else if (m.k === 'd') room.feed.documentAnnounced(m.q)
    else if (m.k === 'c') room.feed.controlAnnounced(m.n, m.v)
    else room.feed.awarenessAnnounced(new Uint8Array(Buffer.from(m.b, 'base64')))
  }

  /** The workshop was deleted: close its connections with `code`, drop its room unsaved. */
  evict(workshopId: string, code: CloseCode = CloseCode.workshopDeleted): void {
    this.cancelUnload(workshopId)
    const room = this.rooms.get(workshopId)
    if (!room) return
    this.rooms.delete(workshopId)
    room.discard(code)
  }

  /** Shutdown: close every connection with `serverRestarting`, save and free every room. */
  async closeAll(): Promise<{ unsaved: string[] }> {
    this.closing = true
    this.counts.stop()
    for (const id of [...this.unloadTimers.keys()]) this.cancelUnload(id)
    const rooms = [...this.rooms.values()]
    this.rooms.clear()
    const saved = await Promise.all(rooms.map((room) => room.close(CloseCode.serverRestarting)))
    return { unsaved: rooms.filter((_, i) => !saved[i]).map((r) => r.workshopId) }
  }

  private forget(room: Room): void {
    if (this.rooms.get(room.workshopId) === room) {
      this.rooms.delete(room.workshopId)
      this.cancelUnload(room.workshopId)
    }
  }

  private scheduleUnload(workshopId: string): void {
    this.cancelUnload(workshopId)
    const timer = this.opts.clock.setTimeout(() => {
      this.unloadTimers.delete(workshopId)
      void this.unload(workshopId)
    }, this.opts.roomGraceMs)
    this.unloadTimers.set(workshopId, timer)
  }

  private cancelUnload(workshopId: string): void {
    const timer = this.unloadTimers.get(workshopId)
    if (timer) {
      this.opts.clock.clearTimeout(timer)
      this.unloadTimers.delete(workshopId)
    }
  }

  private async unload(workshopId: string): Promise<void> {
    const room = this.rooms.get(workshopId)
    if (!room || room.connectionCount() > 0) return
    if (room.hasUnsaved()) {
      // Never unload what is not saved: wait for the outbox, then look again.
      this.scheduleUnload(workshopId)
      return
    }
    this.rooms.delete(workshopId)
    const saved = await room.close()
    this.opts.log.info({ workshopId, saved }, 'room unloaded')
    if (this.rooms.size === 0 && !this.closing) this.opts.onAllUnloaded?.()
  }
}
