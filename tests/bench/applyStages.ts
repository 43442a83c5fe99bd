import pino from 'pino'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { Origin, RECORDS_ARRAY } from '../../shared/board'
import type { Actor } from '../../shared/control/section'
import { createMemoryStorage } from '../../server/storage/memoryStorage'
import { BoardDocument, type ClientUpdate } from '../../server/sync/BoardDocument'
import { BOARD_GUARDS, judgeChanges, type RecordChange } from '../../server/sync/recordGuard'
import { planUpdate } from '../../server/sync/updatePlan'
import { decodeUpdateOnce } from '../../server/sync/decodedUpdate'
import { DEFAULT_PAGE_ID } from '../../shared/templates/records'
import { defaultPageRecord } from '../../shared/templates/templates'
import { benchCard } from './lib/benchDoc'

/**
 * `npx tsx tests/bench/applyStages.ts [--clients=1000] [--rounds=6]`
 *
 * What each stage of the one apply path (BoardDocument.applyClientUpdates) costs per card
 * update, timed in bulk (CPU time around 1,000 calls of one stage, so a timer call per
 * update does not weigh on it): the same card updates as `roomCost.ts` (each writer moves
 * its card once per round), on a board holding every writer's card. Printed in µs per
 * update: Yjs' decode (done on receipt), the plan from the bytes, the guards (tldraw's
 * validators first without, then with the value the room validated before), and the whole
 * path in 40-update batches (plan, guards, Y.applyUpdate, compensations, the transaction's
 * observers and update event) beside Y.applyUpdate alone in one transaction per batch on
 * a twin document with its YKeyValue (about what the room did before issue 14, without
 * its after-the-fact guards).
 */

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')))
const CLIENTS = Number(args.clients ?? 1000)
const ROUNDS = Number(args.rounds ?? 6)
const BATCH = 40
const actor: Actor = { role: 'participant', memberId: 'm', name: 'Bench' }

function cpu(): number {
  const u = process.cpuUsage()
  return u.user + u.system
}

/** Each writer's card updates (round 0 adds the card), encoded up front. */
function writerUpdates(i: number): Uint8Array[] {
  const doc = new Y.Doc()
  const kv = new YKeyValue(doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
  const updates: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => updates.push(u))
  for (let seq = 1; seq <= ROUNDS + 1; seq++) {
    const card = benchCard(`c${i}`, i, seq, 0)
    doc.transact(() => kv.set(card.id, card), Origin.localUser)
  }
  return updates
}

async function main(): Promise<void> {
  const storage = createMemoryStorage()
  const workshopId = 'AAAAAAAAAAAAAAAAAAAAAA'
  await storage.createWorkshop(
    { id: workshopId, title: 'bench', coalition: '', template: 'blank', locale: 'fr', createdAt: 0 },
    [],
  )
  const board = new BoardDocument({
    workshopId,
    storage,
    log: pino({ level: 'silent' }),
    guards: BOARD_GUARDS,
    controlState: () => undefined,
  })
  await board.load()
  board.repairAndOpen()
  const page = new Y.Doc()
  new YKeyValue(page.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY)).set(DEFAULT_PAGE_ID, defaultPageRecord())
  const pageUpdate = Y.encodeStateAsUpdate(page)
  board.applyClientUpdates([{ source: -1, actor, update: pageUpdate, decoded: decodeUpdateOnce(pageUpdate) }])
  const writers = Array.from({ length: CLIENTS }, (_, i) => writerUpdates(i))

  const totals = { decode: 0, plan: 0, guards: 0, guardsKnownGood: 0, applyPath: 0, yjsApplyAlone: 0 }
  const apply = (round: number): void => {
    const batch: ClientUpdate<number>[] = writers.map((w, i) => ({
      source: i,
      actor,
      update: w[round],
      decoded: decodeUpdateOnce(w[round]),
    }))
    for (let at = 0; at < batch.length; at += BATCH) board.applyClientUpdates(batch.slice(at, at + BATCH))
  }
  apply(0)
  const twin = new Y.Doc()
  Y.applyUpdate(twin, Y.encodeStateAsUpdate(board.doc))
  // As the room keeps one: its observer runs with every transaction.
  new YKeyValue(twin.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
  for (let round = 1; round <= ROUNDS; round++) {
    const updates = writers.map((w) => w[round])
    let t = cpu()
    const decoded = updates.map((u) => decodeUpdateOnce(u))
    totals.decode += cpu() - t
    const current = {
      isCurrent: (entry: { key: string; val: unknown }) => board.record(entry.key) === entry.val,
    }
    t = cpu()
    const plans = decoded.map((d) => planUpdate(board.doc, d, current))
    totals.plan += cpu() - t
    const changes: RecordChange[] = plans.flatMap((p) =>
      p.ok ? p.inserts.map((ins) => ({ key: ins.key, oldValue: board.record(ins.key), newValue: ins.val })) : [],
    )
    for (const knownGood of [false, true]) {
      const view = {
        record: (id: string) => board.record(id),
        controlState: () => undefined,
        knownGood: () => knownGood,
        onGuardError: (err: unknown) => {
          throw err
        },
      }
      t = cpu()
      for (const change of changes) judgeChanges([change], actor, BOARD_GUARDS, view)
      totals[knownGood ? 'guardsKnownGood' : 'guards'] += cpu() - t
    }
    const batch: ClientUpdate<number>[] = updates.map((update, i) => ({
      source: i,
      actor,
      update,
      decoded: decoded[i],
    }))
    t = cpu()
    for (let at = 0; at < batch.length; at += BATCH) board.applyClientUpdates(batch.slice(at, at + BATCH))
    totals.applyPath += cpu() - t
    t = cpu()
    for (let at = 0; at < updates.length; at += BATCH)
      Y.transact(twin, () => updates.slice(at, at + BATCH).forEach((u) => Y.applyUpdate(twin, u)))
    totals.yjsApplyAlone += cpu() - t
    if (!board.hasRecord(`shape:bench-c${CLIENTS - 1}`)) throw new Error('a bench card was refused')
  }
  const perUpdate = Object.fromEntries(
    Object.entries(totals).map(([k, v]) => [k, Number((v / ROUNDS / CLIENTS).toFixed(1))]),
  )
  process.stdout.write(`${JSON.stringify({ clients: CLIENTS, rounds: ROUNDS, microsecondsPerUpdate: perUpdate })}\n`)
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  },
)
