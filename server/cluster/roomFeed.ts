import type { Logger } from 'pino'
import type { DocumentLog } from '../storage/documentLog/port'
import type { WorkshopStore } from '../storage/workshops/port'
import type { Cluster } from './Cluster'

/**
 * One room's side of the cluster link: what other servers did to its workshop, read back
 * and handed to the room; what its own clients' cursors did, batched and announced.
 *
 * Documents: an announcement carries a log position. The feed keeps the highest position
 * the room holds (`position`: what it loaded, appended or read) and, per batch of
 * announcements, reads in ONE query every other writer's row past it plus the announced
 * rows at or below it (a row may commit after a later-numbered one). Those updates were
 * accepted — guarded and stored — by the server that announced them: the room applies and
 * relays them, never stores or guards them again. If an announced row is gone, a compaction
 * folded it into the snapshot: the feed reads the whole document instead (Yjs ignores what
 * the room has). Reads never overlap; announcements that come meanwhile wait for the next.
 *
 * Control: an announcement carries a section and its version; the feed reads that section
 * if the room holds an older one, and the room pushes the new views on its next tick.
 *
 * Awareness: changes made by this server's clients are announced at most every
 * `AWARENESS_TICK_MS`, all changed states in one update (chunked to fit a notification);
 * states from other servers are applied as they come and not announced again.
 *
 * Nothing happens before the room is loaded (`start`); what comes earlier is kept, and the
 * first read after loading also catches what was appended during the load.
 */

export const AWARENESS_TICK_MS = 50
/** After a failed read (database unreachable), try again after this long. */
const RETRY_MS = 1_000

/** What the feed needs from a room. */
export interface FeedTarget {
  readonly workshopId: string
  /** Applies updates another server already accepted and stored: apply and relay only (`whole`: the stored document). */
  applyFromOtherServer(updates: readonly Uint8Array[], whole?: boolean): void
  /** A control section's state saved by another server at `version`. */
  replaceControl(section: string, state: unknown, version: number): void
  controlVersion(section: string): number
  controlSections(): readonly string[]
  applyOtherServersAwareness(update: Uint8Array): void
  /** The current states of these local clients (absent = removed), encoded. */
  encodeAwareness(clientIds: number[]): Uint8Array
  /** The workshop no longer exists. */
  workshopGone(): void
}

export class RoomFeed {
  private started = false
  private position = 0
  private readonly announced = new Set<number>()
  private readonly sections = new Set<string>()
  private wholeDoc = false
  /** Read past the position even without an announcement (just loaded). */
  private catchUp = false
  private reading = false
  private stopped = false
  private awarenessIds = new Set<number>()
  private awarenessTimer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly target: FeedTarget,
    private readonly cluster: Cluster,
    private readonly storage: DocumentLog & WorkshopStore,
    private readonly log: Logger,
  ) {}

  /** The room is loaded with the log up to `lastSeq`: catch up on what came since. */
  start(lastSeq: number): void {
    if (!this.cluster.enabled) return
    this.started = true
    this.position = Math.max(this.position, lastSeq)
    this.catchUp = true
    this.readSoon()
  }

  /** The room appended (or folded) the log up to `seq` itself. */
  advance(seq: number): void {
    this.position = Math.max(this.position, seq)
  }

  documentAnnounced(seq: number): void {
    this.announced.add(seq)
    this.readSoon()
  }

  controlAnnounced(section: string, version: number): void {
    if (this.started && version <= this.target.controlVersion(section)) return
    this.sections.add(section)
    this.readSoon()
  }

  awarenessAnnounced(update: Uint8Array): void {
    if (!this.started || this.stopped) return
    try {
      this.target.applyOtherServersAwareness(update)
    } catch (err) {
      this.log.debug({ err, workshopId: this.target.workshopId }, 'unreadable awareness from another server ignored')
    }
  }

  /** This server's clients changed these awareness states: announce them on the next tick. */
  localAwareness(clientIds: Iterable<number>): void {
    if (!this.cluster.enabled || this.stopped) return
    for (const id of clientIds) this.awarenessIds.add(id)
    this.awarenessTimer ??= setTimeout(() => this.flushAwareness(), AWARENESS_TICK_MS)
  }

  /** Announces the awareness changes waiting for the tick now (the room is closing). */
  flushAwareness(): void {
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer)
    this.awarenessTimer = null
    const ids = [...this.awarenessIds]
    this.awarenessIds.clear()
    if (ids.length === 0 || this.stopped) return
    this.cluster.publishAwareness(this.target.workshopId, this.target.encodeAwareness(ids))
  }

  /** Announcements may have been missed (the link was down): read everything again. */
  resync(): void {
    this.wholeDoc = true
    for (const s of this.target.controlSections()) this.sections.add(s)
    this.readSoon()
  }

  stop(): void {
    this.stopped = true
    if (this.awarenessTimer) clearTimeout(this.awarenessTimer)
    this.awarenessTimer = null
  }

  private readSoon(): void {
    if (!this.started || this.reading || this.stopped) return
    if (!this.catchUp && this.announced.size === 0 && this.sections.size === 0 && !this.wholeDoc) return
    this.reading = true
    void this.read().finally(() => {
      this.reading = false
      this.readSoon()
    })
  }

  private async read(): Promise<void> {
    const { workshopId } = this.target
    const seqs = [...this.announced]
    const sections = [...this.sections]
    const whole = this.wholeDoc
    const catchUp = this.catchUp
    this.announced.clear()
    this.sections.clear()
    this.wholeDoc = false
    this.catchUp = false
    try {
      if (whole) await this.readWholeDoc()
      else if (seqs.length > 0 || catchUp) {
        const { rows, missing } = await this.cluster.updatesSince(workshopId, this.position, seqs)
        if (this.stopped) return
        if (missing) await this.readWholeDoc()
        else if (rows.length > 0) {
          this.target.applyFromOtherServer(rows.map((r) => r.data))
          for (const r of rows) this.position = Math.max(this.position, r.seq)
        }
      }
      for (const section of sections) {
        const stored = await this.cluster.controlSection(workshopId, section)
        if (this.stopped) return
        if (stored && stored.version > this.target.controlVersion(section))
          this.target.replaceControl(section, stored.state, stored.version)
      }
    } catch (err) {
      this.log.warn({ err, workshopId }, 'could not read what another server wrote; retrying')
      // Put it all back and try again later.
      for (const q of seqs) this.announced.add(q)
      for (const s of sections) this.sections.add(s)
      this.wholeDoc ||= whole
      this.catchUp ||= catchUp
      await new Promise((r) => setTimeout(r, RETRY_MS).unref())
    }
  }

  private async readWholeDoc(): Promise<void> {
    const { workshopId } = this.target
    const [meta, stored] = await Promise.all([this.storage.getWorkshop(workshopId), this.storage.loadDoc(workshopId)])
    if (this.stopped) return
    if (!meta) {
      this.target.workshopGone()
      return
    }
    const parts = [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates]
    if (parts.length > 0) this.target.applyFromOtherServer(parts, true)
    this.position = Math.max(this.position, stored.lastSeq)
  }
}
