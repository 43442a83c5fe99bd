/**
 * What the bench's main process and its load workers say to each other (over Node's IPC
 * channel, as JSON), and the shapes both sides share.
 */

/** One client to open: a full URL for light clients, the provider's parts for probes. */
export interface ClientSpec {
  /** Unique within a run; also the client's card key and member name. */
  id: string
  kind: 'light' | 'probe'
  /** Full WebSocket URL (light clients). */
  url: string
  /** y-websocket `serverUrl`, room and query params (probes). */
  serverUrl: string
  room: string
  params: Record<string, string>
  /**
   * Light clients only: send every awareness frame received straight back, as a stock
   * y-websocket client does (it re-broadcasts every awareness change, remote ones included).
   */
  echoAwareness?: boolean
  /** Whether the client edits its card (default true); the plenary has most clients only moving cursors. */
  writes?: boolean
}

export interface OpenResult {
  id: string
  ok: boolean
  /** Time from opening the socket to the server's sync step 2. */
  ms: number
  closeCode: number | null
  error?: string
}

/** Frame and byte counts of one client (or summed over many). */
export interface ClientCounters {
  framesSent: number
  bytesSent: number
  updatesSent: number
  awarenessSent: number
  framesReceived: number
  bytesReceived: number
  updateFramesReceived: number
  awarenessFramesReceived: number
}

/** A measurement window in wall-clock ms (`performance.timeOrigin + now()`). */
export interface Window {
  from: number
  to: number
}

/** What one worker measured in one window. */
export interface WindowReport {
  /** Counters summed over the worker's clients, accumulated during the window. */
  counters: ClientCounters
  /** Probe-observed latencies (ms) of card updates sent inside the window. */
  updateLatencies: number[]
  /** Probe-observed latencies (ms) of awareness states sent inside the window. */
  awarenessLatencies: number[]
  /** Card changes and awareness states the probes applied during the window. */
  updatesObserved: number
  awarenessObserved: number
  /**
   * Card updates a probe never saw on their own because a newer one from the same writer
   * arrived in the same frame (the server merged them): delivered, but superseded.
   */
  superseded: number
  /** Card updates written with a send time inside the window: by every client, by the probes. */
  updatesSentInWindow: number
  updatesSentByProbes: number
}

/** End-of-run convergence facts: the last sequence each sender wrote and each probe saw. */
export interface Convergence {
  lastSent: Record<string, number>
  /** Per probe: sender id → last sequence it holds. */
  lastSeen: Record<string, Record<string, number>>
}

export type WorkerCommand =
  | { cmd: 'open'; clients: ClientSpec[]; timeoutMs: number; concurrency: number }
  | { cmd: 'start'; updateHz: number; awarenessHz: number; windows: Window[] }
  | { cmd: 'stop' }
  | { cmd: 'report' }
  | { cmd: 'convergence' }
  | { cmd: 'close' }

export type WorkerReply =
  | { opened: OpenResult[] }
  | {
      windows: WindowReport[]
      probesCount: number
      lightCount: number
      connected: number
      closes: Record<string, number>
    }
  | { convergence: Convergence }
  | { ok: true }

export interface WorkerRequest {
  id: number
  command: WorkerCommand
}

export interface WorkerResponse {
  id: number
  ok: boolean
  reply?: WorkerReply
  error?: string
}
