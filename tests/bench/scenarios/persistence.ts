import Database from 'better-sqlite3'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../../shared/board'
import { DATABASE_FILE, openSqliteStorage } from '../../../server/storage/sqliteStorage'
import type { Storage } from '../../../server/storage/Storage'
import type { PersistenceConfig } from '../config'
import { benchCard, type BenchRecord } from '../lib/benchDoc'
import { measureLoad } from '../lib/loadRun'
import { ms, progress } from '../lib/progress'
import { removeDir, startBoth, stopBoth, type BenchTarget, type TargetKind } from '../lib/servers'
import { repeated, type Repeated } from '../lib/stats'
import type { LoadGenerator } from '../lib/workerPool'

/**
 * Scenario 4, persistence. Three measurements:
 * - appends per second straight into our SQLite storage (as shipped: WAL, synchronous
 *   NORMAL, one transaction per append), for one card update and for the merged batch a
 *   busy room writes per tick; plus, for comparison, fsync on every commit (FULL);
 * - compaction: encoding a board's snapshot and folding the log into it;
 * - end to end: card updates per second offered through the server (no awareness) and
 *   delivered to a probe, against the reference, which persists nothing.
 */

export interface AppendRate {
  label: string
  payloadBytes: number
  appendsPerSec: number
  /** Card updates per second this represents (appends × cards per append). */
  cardUpdatesPerSec: number
}

export interface EndToEndStep {
  target: TargetKind
  offeredPerSec: number
  /** What the writers managed to send (less than offered when the generator lags). */
  sentPerSec: number
  deliveredPerSec: number
  updateP50: number | null
  updateP99: number | null
  updateDelivery: number | null
  serverCpuPercent: number
  generatorCpuPercent: number
  /** Connections the server closed during the step (code → count). */
  serverCloses: Record<string, number>
}

export interface PersistenceResult {
  appends: AppendRate[]
  compaction: {
    cards: number
    logRows: number
    snapshotBytes: number
    encodeMs: Repeated
    compactMs: Repeated
    loadMs: Repeated
  }
  endToEnd: EndToEndStep[]
}

const CARDS_PER_TICK_BATCH = 40

export async function runPersistence(
  config: PersistenceConfig,
  generator: LoadGenerator,
  compactionCards: number,
): Promise<PersistenceResult> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-sqlite-'))
  try {
    const appends = [
      await appendRate('one card update', dir, cardUpdates(1, 1)[0], 1, config.appendSeconds),
      await appendRate(
        `${CARDS_PER_TICK_BATCH} card updates merged (one tick of a busy room)`,
        dir,
        Y.mergeUpdates(cardUpdates(CARDS_PER_TICK_BATCH, 1)),
        CARDS_PER_TICK_BATCH,
        config.appendSeconds,
      ),
      fullSyncRate(dir, cardUpdates(1, 2)[0], config.appendSeconds),
    ]
    for (const a of appends)
      progress(
        `persistence: ${a.label}: ${Math.round(a.appendsPerSec)} appends/s (${Math.round(a.cardUpdatesPerSec)} card updates/s)`,
      )
    const compaction = await compactionTimes(dir, compactionCards)
    progress(
      `persistence: compaction of ${compactionCards} cards: encode ${ms(compaction.encodeMs.median)}, compact ${ms(compaction.compactMs.median)}, load ${ms(compaction.loadMs.median)}`,
    )
    const endToEnd: EndToEndStep[] = []
    for (const offered of config.offeredRates) {
      const both = startBoth()
      try {
        for (const kind of ['ours', 'reference'] as const) {
          const step = await endToEndStep(config, generator, kind, offered, await both[kind])
          endToEnd.push(step)
          progress(
            `persistence end to end ${kind}: offered ${offered}/s, sent ${Math.round(step.sentPerSec)}/s, delivered ${Math.round(step.deliveredPerSec)}/s, ` +
              `p99 ${ms(step.updateP99)}, server CPU ${Math.round(step.serverCpuPercent)} %, generator CPU ${Math.round(step.generatorCpuPercent)} %` +
              closesText(step.serverCloses),
          )
        }
      } finally {
        await stopBoth(both)
      }
    }
    return { appends, compaction, endToEnd }
  } finally {
    removeDir(dir)
  }
}

/** `count` single-card updates from distinct writers (what a room receives from `count` people). */
function cardUpdates(count: number, seq: number): Uint8Array[] {
  const out: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    const doc = new Y.Doc()
    const kv = new YKeyValue(doc.getArray<{ key: string; val: BenchRecord }>(RECORDS_ARRAY))
    const card = benchCard(`w${i}`, i, seq, Date.now())
    kv.set(card.id, card)
    out.push(Y.encodeStateAsUpdate(doc))
    doc.destroy()
  }
  return out
}

async function newStorage(dir: string, name: string): Promise<{ storage: Storage; workshopId: string }> {
  const storage = openSqliteStorage(join(dir, name, DATABASE_FILE))
  const workshopId = 'benchPersistence000000'
  await storage.createWorkshop(
    { id: workshopId, title: 'bench', coalition: '', template: 'blank', locale: 'fr', createdAt: Date.now() },
    [],
  )
  return { storage, workshopId }
}

let storages = 0

async function appendRate(
  label: string,
  dir: string,
  payload: Uint8Array,
  cards: number,
  seconds: number,
): Promise<AppendRate> {
  const { storage, workshopId } = await newStorage(dir, `append${++storages}`)
  try {
    let n = 0
    const started = performance.now()
    const until = started + seconds * 1000
    while (performance.now() < until) {
      for (let i = 0; i < 50; i++) await storage.appendUpdate(workshopId, payload)
      n += 50
    }
    const perSec = n / ((performance.now() - started) / 1000)
    return { label, payloadBytes: payload.byteLength, appendsPerSec: perSec, cardUpdatesPerSec: perSec * cards }
  } finally {
    await storage.close()
  }
}

/** The same insert with `synchronous = FULL` (an fsync per commit): what power-cut durability would cost. */
function fullSyncRate(dir: string, payload: Uint8Array, seconds: number): AppendRate {
  const db = new Database(join(dir, `full${++storages}.db`))
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
    db.exec(
      'CREATE TABLE doc_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, workshop_id TEXT NOT NULL, data BLOB NOT NULL) STRICT',
    )
    const insert = db.prepare('INSERT INTO doc_updates (workshop_id, data) VALUES (?, ?)')
    const buffer = Buffer.from(payload)
    let n = 0
    const started = performance.now()
    const until = started + seconds * 1000
    while (performance.now() < until) {
      for (let i = 0; i < 20; i++) insert.run('w', buffer)
      n += 20
    }
    const perSec = n / ((performance.now() - started) / 1000)
    return {
      label: 'one card update, synchronous = FULL (not shipped; for comparison)',
      payloadBytes: payload.byteLength,
      appendsPerSec: perSec,
      cardUpdatesPerSec: perSec,
    }
  } finally {
    db.close()
  }
}

/** A board of `cards` cards stored as the server stores it, then the log folded three times. */
async function compactionTimes(dir: string, cards: number): Promise<PersistenceResult['compaction']> {
  const { storage, workshopId } = await newStorage(dir, 'compaction')
  const doc = new Y.Doc()
  const kv = new YKeyValue(doc.getArray<{ key: string; val: BenchRecord }>(RECORDS_ARRAY))
  const pending: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => pending.push(u))
  const encode: number[] = []
  const compact: number[] = []
  const load: number[] = []
  let rows = 0
  let snapshotBytes = 0
  try {
    for (let i = 0; i < cards; i += 100) {
      doc.transact(() => {
        for (let c = i; c < Math.min(cards, i + 100); c++) kv.set(`shape:bench-c${c}`, benchCard(`c${c}`, c, 0, 0))
      })
    }
    let lastSeq = 0
    for (const u of pending.splice(0)) lastSeq = await storage.appendUpdate(workshopId, u)
    for (let round = 0; round < 3; round++) {
      // The server folds the log past 500 rows: one row per edit here, the worst case.
      for (let e = 0; e < 500; e++) {
        const slot = (round * 500 + e * 7) % cards
        kv.set(`shape:bench-c${slot}`, benchCard(`c${slot}`, slot, round * 500 + e, 0))
        for (const u of pending.splice(0)) lastSeq = await storage.appendUpdate(workshopId, u)
      }
      rows = (await storage.loadDoc(workshopId)).updates.length
      let t = performance.now()
      const snapshot = Y.encodeStateAsUpdate(doc)
      encode.push(performance.now() - t)
      snapshotBytes = snapshot.byteLength
      t = performance.now()
      await storage.compact(workshopId, snapshot, lastSeq)
      compact.push(performance.now() - t)
      t = performance.now()
      const stored = await storage.loadDoc(workshopId)
      const loaded = new Y.Doc()
      Y.transact(loaded, () => {
        if (stored.snapshot) Y.applyUpdate(loaded, stored.snapshot)
        for (const u of stored.updates) Y.applyUpdate(loaded, u)
      })
      load.push(performance.now() - t)
      loaded.destroy()
    }
  } finally {
    doc.destroy()
    await storage.close()
  }
  return {
    cards,
    logRows: rows,
    snapshotBytes,
    encodeMs: repeated(encode),
    compactMs: repeated(compact),
    loadMs: repeated(load),
  }
}

async function endToEndStep(
  config: PersistenceConfig,
  generator: LoadGenerator,
  kind: TargetKind,
  offered: number,
  target: BenchTarget,
): Promise<EndToEndStep> {
  try {
    const room = await target.createRoom()
    const clients = config.writers + 1
    const result = await measureLoad({
      target,
      generator,
      probes: [room.client(`pp${offered}`, 'probe')],
      light: Array.from({ length: config.writers }, (_, i) => room.client(`pw${offered}-${i}`, 'light')),
      updateHz: offered / clients,
      awarenessHz: 0,
      timing: config.timing,
    })
    // What one probe received, scaled to the room: every client's updates reach everyone.
    const delivered = result.windows.map((w) => (w.probeUpdatesPerSec * clients) / (clients - 1))
    return {
      target: kind,
      offeredPerSec: offered,
      sentPerSec: result.median.sentUpdatesPerSec,
      deliveredPerSec: repeated(delivered).median ?? 0,
      updateP50: result.median.updateP50,
      updateP99: result.median.updateP99,
      updateDelivery: result.median.updateDelivery,
      serverCpuPercent: result.median.serverCpuPercent,
      generatorCpuPercent: result.median.generatorCpuPercent,
      serverCloses: result.serverCloses,
    }
  } finally {
    await target.stop()
  }
}

function closesText(closes: Record<string, number>): string {
  const entries = Object.entries(closes)
  return entries.length ? `, closed by the server: ${entries.map(([code, n]) => `${n} × ${code}`).join(', ')}` : ''
}
