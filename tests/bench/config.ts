import type { LoadTiming } from './lib/loadRun'
import type { TargetKind } from './lib/servers'

/**
 * Scenario sizes for the full run and the `--quick` smoke run (CI, < 60 s). Every number
 * a reader needs to reproduce a result is here and copied into the JSON output.
 */

export interface WorkshopRoomConfig {
  /** Clients in the room, one level after the other. */
  levels: number[]
  /** Full y-websocket clients among them (the rest are light clients). */
  probes: number
  updateHz: number
  awarenessHz: number
  timing: LoadTiming
  /** A fresh server process per level (clean RSS), or one per target for the whole scenario. */
  freshServerPerLevel: boolean
  /**
   * Levels run again with every light client echoing the awareness it receives, as stock
   * y-websocket clients (the browser app's provider) do.
   */
  echoLevels: number[]
  /**
   * Clients that edit their card at every level (probes always do); all when absent.
   * `--writers=100 --levels=1000` runs the plenary alone.
   */
  writers?: number
  /** Runs of each level on each server, alternating; the report gives their median and spread. */
  rounds: number
  /** Issue 19's plenary, run after the levels: 1,000 connected, 100 editing, everyone's cursor. */
  plenary?: { clients: number; writers: number }
  /** Servers to run (`--targets`); both when absent. */
  targets?: TargetKind[]
}

export interface ManyRoomsConfig {
  rooms: number
  clientsPerRoom: number
  /** How long the clients edit before memory is read. */
  loadMs: number
  /** Our server's ROOM_GRACE_MS for this scenario (shipped: 30 s), so unloading fits the run. */
  roomGraceMs: number
  /** Wait after the grace period before reading memory again. */
  settleMs: number
}

export interface LargeBoardConfig {
  cards: number
  /** Card edits after creation, the history the stored board carries. */
  edits: number
  /** Records per Yjs transaction while seeding (one frame each). */
  batch: number
  /** Frames per second while seeding: under our per-connection limit (100/s). */
  framesPerSecond: number
  warmJoins: number
  coldJoins: number
}

export interface PersistenceConfig {
  /** Seconds of back-to-back appends straight into the SQLite storage. */
  appendSeconds: number
  /** Offered card updates per second through the server, step after step. */
  offeredRates: number[]
  /** Writers sharing that rate (each stays under the per-connection limit). */
  writers: number
  timing: LoadTiming
}

export interface SpreadRoomConfig {
  /** Clients in the room; spread, half connect to each of the two servers. */
  levels: number[]
  /** Runs of each arrangement (one server, two servers), alternating; the report gives their median. */
  rounds: number
  probes: number
  updateHz: number
  awarenessHz: number
  timing: LoadTiming
}

export interface BenchConfig {
  quick: boolean
  /** Light-client worker processes (plus one for the probes). */
  lightWorkers: number
  workshopRoom: WorkshopRoomConfig
  manyRooms: ManyRoomsConfig
  largeBoard: LargeBoardConfig
  persistence: PersistenceConfig
  spreadRoom: SpreadRoomConfig
}

export function benchConfig(quick: boolean): BenchConfig {
  if (quick) {
    return {
      quick,
      lightWorkers: 2,
      workshopRoom: {
        levels: [10, 50],
        probes: 3,
        updateHz: 1,
        awarenessHz: 5,
        timing: { openTimeoutMs: 10_000, warmupMs: 1_000, windowMs: 1_500, windows: 2, drainMs: 600 },
        freshServerPerLevel: false,
        echoLevels: [],
        rounds: 1,
      },
      manyRooms: { rooms: 20, clientsPerRoom: 5, loadMs: 1_000, roomGraceMs: 1_000, settleMs: 700 },
      largeBoard: { cards: 500, edits: 2_000, batch: 100, framesPerSecond: 80, warmJoins: 2, coldJoins: 1 },
      persistence: {
        appendSeconds: 0.5,
        offeredRates: [1_000],
        writers: 20,
        timing: { openTimeoutMs: 10_000, warmupMs: 500, windowMs: 1_200, windows: 1, drainMs: 500 },
      },
      spreadRoom: {
        levels: [40],
        rounds: 1,
        probes: 4,
        updateHz: 1,
        awarenessHz: 5,
        timing: { openTimeoutMs: 10_000, warmupMs: 800, windowMs: 1_500, windows: 1, drainMs: 500 },
      },
    }
  }
  return {
    quick,
    lightWorkers: 2,
    workshopRoom: {
      levels: [10, 50, 200, 500, 1_000, 2_000],
      probes: 3,
      updateHz: 1,
      awarenessHz: 5,
      // 2,000 clients take longer than 20 s to open on this machine.
      timing: { openTimeoutMs: 40_000, warmupMs: 2_000, windowMs: 4_000, windows: 3, drainMs: 2_000 },
      freshServerPerLevel: true,
      echoLevels: [50, 200],
      rounds: 3,
      plenary: { clients: 1_000, writers: 100 },
    },
    manyRooms: { rooms: 200, clientsPerRoom: 5, loadMs: 5_000, roomGraceMs: 5_000, settleMs: 5_000 },
    largeBoard: { cards: 5_000, edits: 20_000, batch: 100, framesPerSecond: 80, warmJoins: 5, coldJoins: 3 },
    persistence: {
      appendSeconds: 3,
      offeredRates: [1_000, 2_000, 4_000],
      writers: 50,
      timing: { openTimeoutMs: 20_000, warmupMs: 2_000, windowMs: 3_000, windows: 2, drainMs: 1_500 },
    },
    spreadRoom: {
      levels: [1_000],
      rounds: 3,
      probes: 4,
      updateHz: 1,
      awarenessHz: 5,
      timing: { openTimeoutMs: 30_000, warmupMs: 3_000, windowMs: 4_000, windows: 3, drainMs: 2_000 },
    },
  }
}
