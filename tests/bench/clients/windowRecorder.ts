import type { ClientCounters, Window, WindowReport } from './types'

/**
 * Sorts what a worker observes into the measurement windows the main process announced:
 * latencies by the instant the change was SENT (so a slow tail lands in the window that
 * caused it), counters by snapshots taken at each window's edges.
 */
export class WindowRecorder {
  private readonly reports: WindowReport[]
  private readonly startSnapshots: (ClientCounters | null)[]
  private readonly timers: NodeJS.Timeout[] = []

  constructor(
    private readonly windows: readonly Window[],
    private readonly snapshot: () => ClientCounters,
    now: number,
  ) {
    this.reports = windows.map(() => ({
      counters: zeroCounters(),
      updateLatencies: [],
      awarenessLatencies: [],
      updatesObserved: 0,
      awarenessObserved: 0,
      superseded: 0,
      updatesSentInWindow: 0,
      updatesSentByProbes: 0,
    }))
    this.startSnapshots = windows.map(() => null)
    windows.forEach((w, i) => {
      this.timers.push(setTimeout(() => (this.startSnapshots[i] = this.snapshot()), Math.max(0, w.from - now)))
      this.timers.push(
        setTimeout(
          () => {
            const start = this.startSnapshots[i]
            if (start) this.reports[i].counters = diffCounters(this.snapshot(), start)
          },
          Math.max(0, w.to - now),
        ),
      )
    })
  }

  private windowOf(t: number): WindowReport | null {
    for (let i = 0; i < this.windows.length; i++) {
      if (t >= this.windows[i].from && t < this.windows[i].to) return this.reports[i]
    }
    return null
  }

  update(sentAt: number, receivedAt: number): void {
    this.windowOf(sentAt)?.updateLatencies.push(receivedAt - sentAt)
    const w = this.windowOf(receivedAt)
    if (w) w.updatesObserved += 1
  }

  /** A card update written at `sentAt` (by a probe or not): what the probes should then see. */
  sent(sentAt: number, byProbe: boolean): void {
    const w = this.windowOf(sentAt)
    if (!w) return
    w.updatesSentInWindow += 1
    if (byProbe) w.updatesSentByProbes += 1
  }

  /** `count` older updates of a writer skipped over by the one sent at `sentAt`. */
  superseded(sentAt: number, count: number): void {
    const w = this.windowOf(sentAt)
    if (w) w.superseded += count
  }

  awareness(sentAt: number, receivedAt: number): void {
    this.windowOf(sentAt)?.awarenessLatencies.push(receivedAt - sentAt)
    const w = this.windowOf(receivedAt)
    if (w) w.awarenessObserved += 1
  }

  result(): WindowReport[] {
    return this.reports
  }

  dispose(): void {
    for (const t of this.timers) clearTimeout(t)
  }
}

export function zeroCounters(): ClientCounters {
  return {
    framesSent: 0,
    bytesSent: 0,
    updatesSent: 0,
    awarenessSent: 0,
    framesReceived: 0,
    bytesReceived: 0,
    updateFramesReceived: 0,
    awarenessFramesReceived: 0,
  }
}

export function addCounters(into: ClientCounters, c: ClientCounters): ClientCounters {
  for (const key of Object.keys(into) as (keyof ClientCounters)[]) into[key] += c[key]
  return into
}

export function diffCounters(a: ClientCounters, b: ClientCounters): ClientCounters {
  const out = zeroCounters()
  for (const key of Object.keys(out) as (keyof ClientCounters)[]) out[key] = a[key] - b[key]
  return out
}
