import * as Y from 'yjs'
import { BoardSeeder, timeJoin, type JoinTiming } from '../clients/boardClients'
import type { LargeBoardConfig } from '../config'
import { rssBytes } from '../lib/procStats'
import { ms, progress } from '../lib/progress'
import {
  directoryBytes,
  removeDir,
  startBoth,
  startOurs,
  stopBoth,
  type BenchRoom,
  type BenchTarget,
  type TargetKind,
} from '../lib/servers'
import { ratio, repeated, type Repeated } from '../lib/stats'

/**
 * Scenario 3, the large board: a seeder writes K cards then E edits of random cards
 * through the protocol; fresh full clients then join and are timed until their document
 * holds every card (warm: the room is in memory). For our server, the process is then
 * stopped and the stored size read; it is restarted on the same storage and a client
 * joins again (cold: the room loads from SQLite first) — the difference is the load time.
 * The reference keeps nothing on disk, so it has no cold numbers.
 */

export interface LargeBoardTargetResult {
  target: TargetKind
  cards: number
  edits: number
  seedSeconds: number
  /** Encoded document size, bytes (what a joining client downloads). */
  docBytes: number
  warmSyncedMs: Repeated
  warmReadyMs: Repeated
  /** Server RSS with the board loaded minus the idle server's, bytes. */
  serverRssForBoard: number
  storedBytes: number | null
  coldReadyMs: Repeated | null
  /** Cold join minus warm join (median): the time the server spends loading the room. */
  coldLoadMs: number | null
  /** Server RSS after a cold load minus idle, bytes. */
  serverRssColdBoard: number | null
}

export interface LargeBoardResult {
  targets: LargeBoardTargetResult[]
  ratios: { warmReadyMs: number | null; serverRssForBoard: number | null }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

export async function runLargeBoard(config: LargeBoardConfig): Promise<LargeBoardResult> {
  const targets: LargeBoardTargetResult[] = []
  const both = startBoth()
  try {
    for (const kind of ['ours', 'reference'] as const) targets.push(await runTarget(config, kind, await both[kind]))
  } finally {
    await stopBoth(both)
  }
  const ours = targets[0]
  const reference = targets[1]
  return {
    targets,
    ratios: {
      warmReadyMs: ratio(ours.warmReadyMs.median, reference.warmReadyMs.median),
      serverRssForBoard: ratio(ours.serverRssForBoard, reference.serverRssForBoard),
    },
  }
}

async function runTarget(
  config: LargeBoardConfig,
  kind: TargetKind,
  started: BenchTarget,
): Promise<LargeBoardTargetResult> {
  let target: BenchTarget | null = started
  const dataDir = target.dataDir
  try {
    await sleep(300)
    const rssIdle = rssBytes(target.pid)
    const room = await target.createRoom()
    const seeder = new BoardSeeder(room.client('seeder', 'light'))
    await seeder.open()
    const seeded = await seeder.seed(config.cards, config.edits, config.batch, config.framesPerSecond)
    const expected = Y.encodeStateVector(seeder.doc)
    await waitUntilServerHas(room, expected)

    const warm: JoinTiming[] = []
    for (let i = 0; i < config.warmJoins; i++) warm.push(await timeJoin(room.client(`warm${i}`, 'probe')))
    for (const j of warm)
      if (j.records !== config.cards)
        throw new Error(`large board (${kind}): a joiner got ${j.records} cards, not ${config.cards}`)
    const serverRssForBoard = rssBytes(target.pid) - rssIdle
    await seeder.close()

    const result: LargeBoardTargetResult = {
      target: kind,
      cards: config.cards,
      edits: config.edits,
      seedSeconds: seeded.seconds,
      docBytes: warm[0].docBytes,
      warmSyncedMs: repeated(warm.map((j) => j.syncedMs)),
      warmReadyMs: repeated(warm.map((j) => j.readyMs)),
      serverRssForBoard,
      storedBytes: null,
      coldReadyMs: null,
      coldLoadMs: null,
      serverRssColdBoard: null,
    }
    if (kind === 'ours' && dataDir) {
      await target.stop()
      target = null
      result.storedBytes = directoryBytes(dataDir)
      const cold: number[] = []
      const coldRss: number[] = []
      for (let i = 0; i < config.coldJoins; i++) {
        const restarted = await startOurs({ dataDir })
        try {
          // A first join to a small new workshop runs the server's code paths once (JIT,
          // lazy modules), so the timed join measures loading the board, not a cold process.
          await timeJoin((await restarted.createRoom()).client(`jit${i}`, 'probe'))
          await sleep(300)
          const idle = rssBytes(restarted.pid)
          const j = await timeJoin(roomOn(restarted, room, `cold${i}`))
          if (j.records !== config.cards)
            throw new Error(`large board: after a restart a joiner got ${j.records} cards, not ${config.cards}`)
          cold.push(j.readyMs)
          coldRss.push(rssBytes(restarted.pid) - idle)
        } finally {
          await restarted.stop()
        }
      }
      result.coldReadyMs = repeated(cold)
      result.coldLoadMs =
        result.coldReadyMs.median !== null && result.warmReadyMs.median !== null
          ? result.coldReadyMs.median - result.warmReadyMs.median
          : null
      result.serverRssColdBoard = repeated(coldRss).median
    }
    progress(
      `large board ${kind}: ${config.cards} cards + ${config.edits} edits, doc ${(result.docBytes / 1024).toFixed(0)} KB, ` +
        `warm join ${ms(result.warmReadyMs.median)}` +
        (result.coldReadyMs
          ? `, cold join ${ms(result.coldReadyMs.median)}, stored ${((result.storedBytes ?? 0) / 1024).toFixed(0)} KB`
          : ''),
    )
    return result
  } finally {
    if (target) await target.stop()
    removeDir(dataDir)
  }
}

/** The same workshop on a restarted server (new port, same id and token). */
function roomOn(server: BenchTarget, room: BenchRoom, id: string) {
  const spec = room.client(id, 'probe')
  const serverUrl = spec.serverUrl.replace(/:\d+\//, `:${server.port}/`)
  return { ...spec, serverUrl, url: spec.url.replace(/:\d+\//, `:${server.port}/`) }
}

/** Joins until a client receives everything the seeder wrote (the server may still be persisting). */
async function waitUntilServerHas(room: BenchRoom, expected: Uint8Array): Promise<void> {
  const want = Y.decodeStateVector(expected)
  for (let attempt = 0; attempt < 20; attempt++) {
    const j = await timeJoin(room.client(`check${attempt}`, 'probe'))
    const got = Y.decodeStateVector(j.stateVector)
    if ([...want].every(([client, clock]) => (got.get(client) ?? 0) >= clock)) return
    await sleep(250)
  }
  throw new Error('large board: the server never held everything the seeder sent')
}
