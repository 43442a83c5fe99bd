import * as Y from 'yjs'
import { RECORDS_ARRAY } from '../../shared/board'
import { connectClient, type TestClient } from '../helpers/server'
import { Rng } from './fuzzFrames'
import { geoShape } from '../helpers/records'

/**
 * People who never stop editing, for the crash and backup tests: each adds, moves and
 * deletes its own shapes every few milliseconds, connected or not (y-websocket sends
 * what the server lacks when it reconnects). And the CRDT comparisons those tests need.
 */

export interface Editor {
  client: TestClient
  /** Edits made so far (adds, moves, deletes). */
  edits(): number
  stop(): void
}

function shape(id: string, x: number, y: number): Record<string, unknown> {
  return { ...geoShape(id, { x, y }) }
}

/** Starts an editor on `client`: every 3–15 ms one edit, seeded. */
export function startEditor(client: TestClient, name: string, seed: number): Editor {
  const rng = new Rng(seed)
  const mine: string[] = []
  let count = 0
  let timer: NodeJS.Timeout | null = null
  const edit = (): void => {
    const roll = rng.int(10)
    if (roll < 6 || mine.length === 0) {
      const id = `shape:${name}-${count}`
      client.kv.set(id, shape(id, rng.int(2000), rng.int(2000)))
      mine.push(id)
    } else if (roll < 9) {
      const id = rng.pick(mine)
      client.kv.set(id, shape(id, rng.int(2000), rng.int(2000)))
    } else {
      const id = mine.splice(rng.int(mine.length), 1)[0]
      client.kv.delete(id)
    }
    count += 1
    timer = setTimeout(edit, 3 + rng.int(13))
  }
  timer = setTimeout(edit, rng.int(10))
  return {
    client,
    edits: () => count,
    stop() {
      if (timer) clearTimeout(timer)
      timer = null
    },
  }
}

/** A y-websocket client of the server at `url` (same helper as every integration test). */
export function connect(url: string, id: string, token: string, member?: string): TestClient {
  return connectClient(url, id, token, member ? { member } : {})
}

/** The board's records as plain data, id → record, read as YKeyValue does (rightmost entry wins), without writing. */
export function recordsOf(doc: Y.Doc): Record<string, unknown> {
  const entries = doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY).toArray()
  const out: Record<string, unknown> = {}
  for (let i = entries.length - 1; i >= 0; i--) if (!(entries[i].key in out)) out[entries[i].key] = entries[i].val
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : 1)))
}

/** A fresh document holding everything of `updates`. */
export function docOf(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const u of updates) Y.applyUpdate(doc, u)
  return doc
}

function sameStateVector(a: Y.Doc, b: Y.Doc): boolean {
  const sa = Y.decodeStateVector(Y.encodeStateVector(a))
  const sb = Y.decodeStateVector(Y.encodeStateVector(b))
  return sa.size === sb.size && [...sa].every(([client, clock]) => sb.get(client) === clock)
}

/**
 * What of `extra` is missing from `base`: the records that merging `extra` into `base`
 * would add, change or remove (none, and the same state vector, if `base` has it all).
 */
export function missingFrom(base: Y.Doc, extra: Uint8Array): { records: string[]; stateVectorGrows: boolean } {
  const merged = docOf(Y.encodeStateAsUpdate(base), extra)
  const before = recordsOf(base)
  const after = recordsOf(merged)
  const keys = new Set([...Object.keys(before), ...Object.keys(after)])
  const records = [...keys].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
  const stateVectorGrows = !sameStateVector(base, merged)
  merged.destroy()
  return { records, stateVectorGrows }
}
