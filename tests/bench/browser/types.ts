import type { MachineInfo } from '../lib/procStats'
import type { Repeated } from '../lib/stats'
import type { TargetCheck } from '../lib/targets'

/** What `npm run bench:browser` measures and writes to `bench/results/<date>-browser.json`. */

export interface OpenTiming {
  cards: number
  /** Navigation start → the board is interactive (tldraw mounted, every card in the store). */
  interactiveMs: Repeated
}

export interface FrameTiming {
  label: string
  cards: number
  frames: number
  medianMs: number | null
  p95Ms: number | null
}

export interface ShippedJs {
  /** Gzipped JS the landing page loads. */
  landingGzipBytes: number
  landingFiles: number
  /** Gzipped JS loaded by the time the board is interactive (landing chunks included). */
  boardGzipBytes: number
  boardFiles: number
}

export interface BrowserReport {
  kind: 'browser'
  startedAt: string
  machine: MachineInfo
  chromium: string
  durationSeconds?: number
  open?: OpenTiming[]
  frames?: FrameTiming[]
  jsShipped?: ShippedJs
  targets?: TargetCheck[]
  /** What could not be measured and why. */
  notes: string[]
}
