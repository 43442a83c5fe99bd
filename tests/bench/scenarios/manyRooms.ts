import type { ManyRoomsConfig } from '../config'
import { measureLoad } from '../lib/loadRun'
import { rssBytes } from '../lib/procStats'
import { progress } from '../lib/progress'
import { startBoth, stopBoth, type BenchRoom, type BenchTarget, type TargetKind } from '../lib/servers'
import { ratio } from '../lib/stats'
import type { LoadGenerator } from '../lib/workerPool'

/**
 * Scenario 2, many rooms: R rooms of C light clients each editing and moving cursors;
 * server memory idle, with every room loaded, and once everybody has left and the rooms
 * had time to unload. Our server unloads a room `ROOM_GRACE_MS` after its last client
 * leaves (lowered here from 30 s so the run does not idle); the reference, without
 * persistence, never frees a room's document.
 */

export interface ManyRoomsTargetResult {
  target: TargetKind
  rooms: number
  clients: number
  synced: number
  rssIdle: number
  rssLoaded: number
  rssPerRoom: number
  rssAfterLeave: number
  /** RSS after all left minus idle: what the rooms left behind. */
  rssRetained: number
  /** Rooms still in memory after leaving (ours: from /api/health; reference: unknown). */
  roomsAfterLeave: number | null
  serverCpuPercent: number
}

export interface ManyRoomsResult {
  targets: ManyRoomsTargetResult[]
  ratios: { rssPerRoom: number | null; rssAfterLeave: number | null; rssRetained: number | null }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export async function runManyRooms(config: ManyRoomsConfig, generator: LoadGenerator): Promise<ManyRoomsResult> {
  const targets: ManyRoomsTargetResult[] = []
  const both = startBoth({ env: { ROOM_GRACE_MS: String(config.roomGraceMs) } })
  try {
    for (const kind of ['ours', 'reference'] as const) {
      const target = await both[kind]
      targets.push(await measureTarget(config, generator, kind, target))
      await target.stop()
    }
  } finally {
    await stopBoth(both)
  }
  const ours = targets.find((t) => t.target === 'ours')
  const reference = targets.find((t) => t.target === 'reference')
  return {
    targets,
    ratios: {
      rssPerRoom: ratio(ours?.rssPerRoom, reference?.rssPerRoom),
      rssAfterLeave: ratio(ours?.rssAfterLeave, reference?.rssAfterLeave),
      rssRetained: ratio(ours?.rssRetained, reference?.rssRetained),
    },
  }
}

async function measureTarget(
  config: ManyRoomsConfig,
  generator: LoadGenerator,
  kind: TargetKind,
  target: BenchTarget,
): Promise<ManyRoomsTargetResult> {
  await sleep(500)
  const rssIdle = rssBytes(target.pid)
  const rooms: BenchRoom[] = []
  for (let i = 0; i < config.rooms; i++) rooms.push(await target.createRoom())
  const light = rooms.flatMap((room, r) =>
    Array.from({ length: config.clientsPerRoom }, (_, c) => room.client(`r${r}-${c}`, 'light')),
  )
  const load = await measureLoad({
    target,
    generator,
    probes: [],
    light,
    updateHz: 1,
    awarenessHz: 5,
    timing: { openTimeoutMs: 20_000, warmupMs: 500, windowMs: config.loadMs, windows: 1, drainMs: 200 },
  })
  await sleep(config.roomGraceMs + config.settleMs)
  const rssAfterLeave = rssBytes(target.pid)
  const result: ManyRoomsTargetResult = {
    target: kind,
    rooms: config.rooms,
    clients: light.length,
    synced: load.synced,
    rssIdle,
    rssLoaded: load.serverRss.loaded,
    rssPerRoom: (load.serverRss.loaded - rssIdle) / config.rooms,
    rssAfterLeave,
    rssRetained: rssAfterLeave - rssIdle,
    roomsAfterLeave: await target.loadedRooms(),
    serverCpuPercent: load.median.serverCpuPercent,
  }
  progress(
    `many rooms ${kind}: ${config.rooms} rooms, synced ${load.synced}/${light.length}, RSS idle ${mb(rssIdle)}, loaded ${mb(result.rssLoaded)} ` +
      `(${(result.rssPerRoom / 1024).toFixed(0)} KB/room), after leave ${mb(rssAfterLeave)} (${mb(result.rssRetained)} above idle)`,
  )
  return result
}

function mb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`
}
