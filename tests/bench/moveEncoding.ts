import { parseArgs } from 'node:util'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { YKeyValue } from 'y-utility/y-keyvalue'
import * as Y from 'yjs'
import { Origin, RECORDS_ARRAY } from '../../shared/board'
import { actorsGridFrameId, sphereRole } from '../../shared/templates/actorsMap'
import { TEMPLATE_ROLE_KEY } from '../../shared/templates/records'
import { buildTemplateRecords, defaultPageRecord } from '../../shared/templates/templates'
import { BUNDLE_MIN_BYTES, sliceEnd } from '../../server/sync/Outbox'
import { encodeBundleFrame, encodeSyncUpdate } from '../../server/sync/wire'
import { benchCard, benchIndex } from './lib/benchDoc'
import { seededRandom } from '../../shared/testRandom'

/**
 * `npx tsx tests/bench/moveEncoding.ts [--cards=200] [--moves=50] [--clients=1000] [--overwrites=1000] [--rounds=7]`
 *
 * Issue 19, "Smaller updates for moves": what a moved shape costs on the wire and in the
 * document under four layouts of the board's records, for the same deterministic moves
 * (seeded PRNG; bytes, not time, except the CPU columns):
 *
 * - `today`: every record one `YKeyValue` entry of `tl_records`; a move re-sets the whole record;
 * - `hot-entry`: the hot fields (x, y, rotation, parentId, index) of a shape in their own
 *   `YKeyValue` entry (`tl_hot`, one per shape), the rest in the cold entry of `tl_records`;
 *   a move re-sets the five hot fields;
 * - `field-entries`: one `YKeyValue` entry per hot field (`<id>/x`…); a move sets only the
 *   fields that changed;
 * - `field-maps`: one nested Y.Map per shape under a root Y.Map (`tl_hot`), a key per hot
 *   field; a move sets only the fields that changed;
 * - `xy-maps`: the same with x and y as one `[x, y]` value (a drag changes both): one item
 *   per drag, so one client's successive drags of a shape leave one mergeable tombstone run;
 * - `delta`: today's document, but the wire carries only the changed fields: modelled as
 *   today's update (same items, origins and deletions) whose entry is `{ key, val: changed
 *   fields }`; a receiver would rebuild the whole record from the entry the update deletes.
 * - `y-map` (reference, rejected before): every record a value of a root Y.Map.
 *
 * The board: the « actors-map » template (French), tldraw's page, and `--cards` cards in the
 * grid and sphere frames, half actor cards (the bench card of lib/benchDoc.ts with a
 * tldraw-like id and an empty `meta`, ≈ 380 B of JSON), half clones of the template's areas
 * (geo rectangles with a rich-text label, ≈ 660 B). The moves: 80 % drags (x, y as tldraw computes them: screen pixels
 * over a zoom, minus a fractional camera, so mostly float64), 5 % rotations (x, y follow,
 * around the centre), 7 % drops into another frame (parentId, index, x, y), 5 % bring to
 * front (index), 3 % a template frame or text dragged. Client ids are random uint32 like
 * Yjs'.
 *
 * Measured:
 * - one move's update, V1 (what y-websocket and the server relay) and V2, over the
 *   session's moves (median, mean, and median per kind);
 * - a flush: `--clients` clients each moving its own card once, cut and merged as the
 *   Outbox does (≤ 64 updates or 256 KiB per `Y.mergeUpdates`), framed, then one bundle
 *   (deflate-raw level 1 of the frames, `encodeBundleFrame`): what a plenary client
 *   receives per tick when every card moves in it; also the first 40 (1,000 clients at
 *   1 Hz is 40 moves per 40 ms tick); V2 merge beside it for comparison;
 * - the document after a session (`--cards` × `--moves` moves by 30 participants) and after
 *   `--overwrites` drags of one clone by one client, then by 10 clients in turn: the log (every update appended, before
 *   compaction) and the snapshot (`Y.encodeStateAsUpdate` of the garbage-collected doc, what
 *   compaction stores), V1 and V2;
 * - CPU µs per move (process CPU time over the first 2,000 session moves, median of
 *   `--rounds` rounds after a warm-up): encode = the writer's transaction and its update;
 *   apply = `Y.applyUpdate` on a peer whose observer rebuilds each changed record as the
 *   binding would hand it to tldraw. Only meaningful as a ratio to `today`.
 */

const { values: args } = parseArgs({
  options: {
    cards: { type: 'string', default: '200' },
    moves: { type: 'string', default: '50' },
    clients: { type: 'string', default: '1000' },
    overwrites: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '7' },
    seed: { type: 'string', default: '19' },
  },
})
const CARDS = Number(args.cards)
const MOVES_PER_CARD = Number(args.moves)
const CLIENTS = Number(args.clients)
const OVERWRITES = Number(args.overwrites)
const ROUNDS = Number(args.rounds)
const SEED = Number(args.seed)
const PARTICIPANTS = 30
const CPU_MOVES = 2000
const TICK_MOVES = 40

// ─── Records and moves ──────────────────────────────────────────────────────────────────

type Rec = { id: string; typeName: string } & Record<string, unknown>

const HOT_FIELDS = ['x', 'y', 'rotation', 'parentId', 'index'] as const
type HotField = (typeof HOT_FIELDS)[number]
interface Hot {
  x: number
  y: number
  rotation: number
  parentId: string
  index: string
}
type HotChange = Partial<Hot>

function isShape(record: Rec): boolean {
  return record.typeName === 'shape'
}

function hotOf(record: Rec): Hot {
  const { x, y, rotation, parentId, index } = record as unknown as Hot
  return { x, y, rotation, parentId, index }
}

function coldOf(record: Rec): Rec {
  const cold: Rec = { ...record }
  for (const field of HOT_FIELDS) delete cold[field]
  return cold
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'

type MoveKind = 'drag' | 'rotate' | 'reparent' | 'reorder' | 'template'
const MOVE_KINDS: readonly MoveKind[] = ['drag', 'rotate', 'reparent', 'reorder', 'template']

/** What was moved: an actor card, a clone of a template area (the ~660 B records), a template frame or text. */
type ShapeKind = 'actor' | 'clone' | 'template'

interface Move {
  client: number
  id: string
  kind: MoveKind
  shape: ShapeKind
  change: HotChange
}

interface Seed {
  client: number
  record: Rec
}

/** A board and the means to move its shapes as people do, all from one seed. */
class World {
  readonly rand: () => number
  readonly seeds: Seed[] = []
  readonly cards: string[] = []
  /** Template shapes people may drag (frames and texts, not the locked areas). */
  readonly movableTemplate: string[] = []
  /** The template's areas (geo rectangles with a rich-text label): what people clone into cards. */
  private readonly areas: Rec[] = []
  private readonly shapeKind = new Map<string, ShapeKind>()
  private readonly hot = new Map<string, Hot>()
  private readonly size = new Map<string, { w: number; h: number }>()
  private readonly parents: string[]
  private readonly topIndex = new Map<string, number>()
  private readonly clientIds = new Set<number>()
  readonly serverClient: number

  constructor(seed: number) {
    this.rand = seededRandom(seed)
    this.serverClient = this.clientId()
    this.put(this.serverClient, defaultPageRecord() as Rec)
    for (const record of buildTemplateRecords('actors-map', 'fr') as unknown as Rec[]) {
      this.put(this.serverClient, record)
      if (!record.isLocked && (record.type === 'frame' || record.type === 'text')) this.movableTemplate.push(record.id)
      if (record.type === 'geo') this.areas.push(record)
      this.shapeKind.set(record.id, 'template')
    }
    const spheres = this.seeds
      .map((s) => s.record)
      .filter((r) => (r.meta as Record<string, unknown>)[TEMPLATE_ROLE_KEY]?.toString().startsWith(sphereRole('')))
      .map((r) => r.id)
    this.parents = [actorsGridFrameId(), ...spheres]
  }

  clientId(): number {
    for (;;) {
      const id = Math.floor(this.rand() * 0xffffffff) >>> 0
      if (id > 0 && !this.clientIds.has(id)) {
        this.clientIds.add(id)
        return id
      }
    }
  }

  private put(client: number, record: Rec): void {
    this.seeds.push({ client, record })
    if (isShape(record)) {
      this.hot.set(record.id, hotOf(record))
      const props = record.props as { w?: number; h?: number }
      this.size.set(record.id, { w: props.w ?? 200, h: props.h ?? 100 })
    }
  }

  private nextIndex(parentId: string): string {
    const n = (this.topIndex.get(parentId) ?? 20) + 1
    this.topIndex.set(parentId, n)
    return benchIndex(n)
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)]
  }

  /**
   * A card made by `client`: even ones an actor card as the app stores one (the bench card,
   * a tldraw-like id, no bench meta), odd ones a clone of one of the template's areas
   * (unlocked, as tldraw duplicates it: props and meta kept).
   */
  addCard(client: number): string {
    const n = this.cards.length
    let id = 'shape:'
    for (let i = 0; i < 21; i++) id += ID_ALPHABET[Math.floor(this.rand() * 64)]
    const parentId = this.parents[n % this.parents.length]
    const at = {
      id,
      x: Math.round(this.rand() * 1200),
      y: Math.round(this.rand() * 800),
      parentId,
      index: this.nextIndex(parentId),
    }
    let record: Rec
    if (n % 2 === 0) {
      const card = benchCard(`${n}`, n, 0, 0)
      card.props.name = `Acteur ${n}`
      record = { ...card, ...at, meta: {} }
    } else {
      record = { ...this.areas[n % this.areas.length], ...at, isLocked: false }
    }
    this.cards.push(id)
    this.shapeKind.set(id, n % 2 === 0 ? 'actor' : 'clone')
    this.put(client, record)
    return id
  }

  /** A page-space delta as tldraw computes it: screen pixels over the zoom, less a fractional camera offset. */
  private pageDelta(): number {
    const zoom = this.pick([0.5, 0.625, 0.8, 1, 1.25, 1.6])
    const camera = this.rand() * 1000 - 500
    const from = Math.round(this.rand() * 1400)
    const to = from + Math.round(this.rand() * 600 - 300)
    return to / zoom - camera - (from / zoom - camera)
  }

  /** The next move of `id` (a card unless `kind` is 'template'), applied to the world's state. */
  move(client: number, id: string, kind: MoveKind): Move {
    const before = this.hot.get(id)
    if (!before) throw new Error(`no shape ${id}`)
    const change: HotChange = {}
    if (kind === 'drag' || kind === 'template') {
      change.x = before.x + this.pageDelta()
      change.y = before.y + this.pageDelta()
    } else if (kind === 'rotate') {
      const { w, h } = this.size.get(id) ?? { w: 200, h: 100 }
      const rotation = this.rand() * 2 * Math.PI
      const cx = before.x + (w / 2) * Math.cos(before.rotation) - (h / 2) * Math.sin(before.rotation)
      const cy = before.y + (w / 2) * Math.sin(before.rotation) + (h / 2) * Math.cos(before.rotation)
      change.rotation = rotation
      change.x = cx - (w / 2) * Math.cos(rotation) + (h / 2) * Math.sin(rotation)
      change.y = cy - (w / 2) * Math.sin(rotation) - (h / 2) * Math.cos(rotation)
    } else if (kind === 'reparent') {
      const others = this.parents.filter((p) => p !== before.parentId)
      change.parentId = this.pick(others)
      change.index = this.nextIndex(change.parentId)
      change.x = this.rand() * 1200 + this.pageDelta()
      change.y = this.rand() * 800 + this.pageDelta()
    } else {
      change.index = this.nextIndex(before.parentId)
    }
    this.hot.set(id, { ...before, ...change })
    return { client, id, kind, shape: this.shapeKind.get(id) ?? 'template', change }
  }

  /** A move of the kind people make most: see the file's comment for the shares. */
  randomKind(withTemplate: boolean): MoveKind {
    const r = this.rand()
    if (r < 0.05) return 'rotate'
    if (r < 0.12) return 'reparent'
    if (r < 0.17) return 'reorder'
    if (withTemplate && r < 0.2) return 'template'
    return 'drag'
  }
}

// ─── Layouts ────────────────────────────────────────────────────────────────────────────

const HOT_ROOT = 'tl_hot'
const MAP_ROOT = 'tl_records_map'

/** A board document under one layout. */
interface Board {
  /** Writes a whole record (its creation). */
  put(record: Rec): void
  /** Writes one move: the hot fields that changed. */
  move(id: string, change: HotChange): void
  /** The whole record, as the binding would put it into tldraw's store. */
  read(id: string): Rec | undefined
  /** Calls `listener` with the ids of the records each transaction changed. */
  onChange(listener: (ids: Iterable<string>) => void): void
}

interface Layout {
  key: string
  title: string
  open(doc: Y.Doc): Board
}

function records(doc: Y.Doc): YKeyValue<Rec> {
  return new YKeyValue(doc.getArray<{ key: string; val: Rec }>(RECORDS_ARRAY))
}

const today: Layout = {
  key: 'today',
  title: 'today: whole record per move (YKeyValue)',
  open(doc) {
    const kv = records(doc)
    return {
      put: (record) => kv.set(record.id, record),
      move: (id, change) => kv.set(id, { ...(kv.get(id) as Rec), ...change }),
      read: (id) => kv.get(id),
      onChange: (listener) => kv.on('change', (changes: Map<string, unknown>) => listener(changes.keys())),
    }
  },
}

const hotEntry: Layout = {
  key: 'hot-entry',
  title: 'per-field: hot fields in one YKeyValue entry per shape',
  open(doc) {
    const cold = records(doc)
    const hot = new YKeyValue(doc.getArray<{ key: string; val: Hot }>(HOT_ROOT))
    return {
      put(record) {
        if (!isShape(record)) return cold.set(record.id, record)
        cold.set(record.id, coldOf(record))
        hot.set(record.id, hotOf(record))
      },
      move: (id, change) => hot.set(id, { ...(hot.get(id) as Hot), ...change }),
      read(id) {
        const c = cold.get(id)
        const h = hot.get(id)
        return c && h ? { ...c, ...h } : c
      },
      onChange(listener) {
        cold.on('change', (changes: Map<string, unknown>) => listener(changes.keys()))
        hot.on('change', (changes: Map<string, unknown>) => listener(changes.keys()))
      },
    }
  },
}

const fieldEntries: Layout = {
  key: 'field-entries',
  title: 'per-field: one YKeyValue entry per hot field, changed ones set',
  open(doc) {
    const cold = records(doc)
    const hot = new YKeyValue(doc.getArray<{ key: string; val: unknown }>(HOT_ROOT))
    const fieldKey = (id: string, field: HotField) => `${id}/${field}`
    return {
      put(record) {
        if (!isShape(record)) return cold.set(record.id, record)
        cold.set(record.id, coldOf(record))
        for (const field of HOT_FIELDS) hot.set(fieldKey(record.id, field), record[field])
      },
      move(id, change) {
        for (const field of HOT_FIELDS) if (field in change) hot.set(fieldKey(id, field), change[field])
      },
      read(id) {
        const c = cold.get(id)
        if (!c || !isShape(c)) return c
        const whole: Rec = { ...c }
        for (const field of HOT_FIELDS) whole[field] = hot.get(fieldKey(id, field))
        return whole
      },
      onChange(listener) {
        cold.on('change', (changes: Map<string, unknown>) => listener(changes.keys()))
        hot.on('change', (changes: Map<string, unknown>) => {
          const ids = new Set<string>()
          for (const key of changes.keys()) ids.add(key.slice(0, key.lastIndexOf('/')))
          listener(ids)
        })
      },
    }
  },
}

/**
 * A nested Y.Map per shape for its hot fields, the rest in the cold record: `entries` says
 * which map keys a change sets, `fromMap` turns the map back into record fields.
 */
function perShapeMaps(
  key: string,
  title: string,
  entries: (change: HotChange) => [string, unknown][],
  fromMap: (map: Record<string, unknown>) => Partial<Rec>,
): Layout {
  return {
    key,
    title,
    open(doc) {
      const cold = records(doc)
      const hot = doc.getMap<Y.Map<unknown>>(HOT_ROOT)
      return {
        put(record) {
          if (!isShape(record)) return cold.set(record.id, record)
          cold.set(record.id, coldOf(record))
          hot.set(record.id, new Y.Map<unknown>(entries(hotOf(record))))
        },
        move(id, change) {
          const fields = hot.get(id) as Y.Map<unknown>
          for (const [k, value] of entries(change)) fields.set(k, value)
        },
        read(id) {
          const c = cold.get(id)
          const h = hot.get(id)
          return c && h ? { ...c, ...fromMap(h.toJSON()) } : c
        },
        onChange: (listener) => listenToMaps(cold, hot, listener),
      }
    },
  }
}

const fieldMaps = perShapeMaps(
  'field-maps',
  'per-field: a nested Y.Map per shape, changed fields set',
  (change) => HOT_FIELDS.filter((field) => field in change).map((field) => [field, change[field]]),
  (map) => map,
)

/** The ids changed in the cold records or in the map of per-shape maps. */
function listenToMaps(cold: YKeyValue<Rec>, hot: Y.Map<Y.Map<unknown>>, listener: (ids: Iterable<string>) => void) {
  cold.on('change', (changes: Map<string, unknown>) => listener(changes.keys()))
  hot.observeDeep((events) => {
    const ids = new Set<string>()
    for (const event of events) {
      if (event.target === hot) for (const key of event.keys.keys()) ids.add(key)
      else {
        const key = event.target._item?.parentSub
        if (key) ids.add(key)
      }
    }
    listener(ids)
  })
}

/** Map keys of `xy-maps`: x and y travel together (a drag changes both), so one item per drag. */
const XY_KEYS = ['xy', 'rotation', 'parentId', 'index'] as const

function xyEntries(change: HotChange): [string, unknown][] {
  const out: [string, unknown][] = []
  if (change.x !== undefined || change.y !== undefined) out.push(['xy', [change.x, change.y]])
  for (const key of XY_KEYS) if (key !== 'xy' && key in change) out.push([key, change[key]])
  return out
}

// A rotation or a drop moves x and y too: every move here changes both or neither.
const xyMaps = perShapeMaps(
  'xy-maps',
  'per-field: a nested Y.Map per shape, x and y as one [x, y] value, changed keys set',
  xyEntries,
  ({ xy, ...rest }) => ({ ...rest, x: (xy as [number, number])[0], y: (xy as [number, number])[1] }),
)

/** The wire of `delta`: today's items, with only the changed fields as the entry's value. */
const deltaWire: Layout = {
  key: 'delta',
  title: 'delta frames: only the changed hot fields on the wire (document as today)',
  open(doc) {
    const kv = records(doc)
    return { ...today.open(doc), move: (id, change) => kv.set(id, { ...change } as Rec) }
  },
}

const yMap: Layout = {
  key: 'y-map',
  title: 'reference: whole record per move in a root Y.Map (rejected before)',
  open(doc) {
    const map = doc.getMap<Rec>(MAP_ROOT)
    return {
      put: (record) => map.set(record.id, record),
      move: (id, change) => map.set(id, { ...(map.get(id) as Rec), ...change }),
      read: (id) => map.get(id),
      onChange: (listener) => map.observe((event) => listener(event.keysChanged)),
    }
  },
}

const LAYOUTS: readonly Layout[] = [today, hotEntry, fieldEntries, fieldMaps, xyMaps, deltaWire, yMap]

// ─── Measurements ───────────────────────────────────────────────────────────────────────

interface Written {
  doc: Y.Doc
  board: Board
  /** V1 and V2 bytes of every update, seeds first, in order. */
  v1: Uint8Array[]
  v2: Uint8Array[]
}

/** A document of `layout` holding `seeds`, each written by its client in its own transaction. */
function seeded(layout: Layout, seeds: readonly Seed[]): Written {
  const doc = new Y.Doc()
  const board = layout.open(doc)
  const v1: Uint8Array[] = []
  const v2: Uint8Array[] = []
  doc.on('update', (u: Uint8Array) => v1.push(u))
  doc.on('updateV2', (u: Uint8Array) => v2.push(u))
  for (const { client, record } of seeds) {
    doc.clientID = client
    doc.transact(() => board.put(record), Origin.localUser)
  }
  return { doc, board, v1, v2 }
}

/** Applies `moves` in order, each by its client in its own transaction; returns each move's V1 and V2 update. */
function play(written: Written, moves: readonly Move[]): { v1: Uint8Array[]; v2: Uint8Array[] } {
  const from = written.v1.length
  for (const move of moves) {
    written.doc.clientID = move.client
    written.doc.transact(() => written.board.move(move.id, move.change), Origin.localUser)
  }
  return { v1: written.v1.slice(from), v2: written.v2.slice(from) }
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0)
const bytesOf = (us: readonly Uint8Array[]) => sum(us.map((u) => u.byteLength))
function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** The Outbox's slices (its own `sliceEnd`): at most 64 updates or 256 KiB per merge. */
function slices(updates: readonly Uint8Array[]): Uint8Array[][] {
  const out: Uint8Array[][] = []
  for (let start = 0; start < updates.length;) {
    const end = sliceEnd(updates, start)
    out.push(updates.slice(start, end))
    start = end
  }
  return out
}

interface FlushBytes {
  moves: number
  /** The update frames as sent to a client without bundles. */
  frames: number
  /** The bundle a plenary client receives (null: under BUNDLE_MIN_BYTES, sent plain). */
  bundle: number | null
  /** The same with the updates in V2, merged with `mergeUpdatesV2` (not what the server relays). */
  framesV2: number
  bundleV2: number | null
}

function flush(updates: readonly Uint8Array[]): FlushBytes {
  const frame = (merge: (us: Uint8Array[]) => Uint8Array, us: readonly Uint8Array[]) => {
    const frames = slices(us).map((slice) => encodeSyncUpdate(slice.length === 1 ? slice[0] : merge(slice)))
    const bytes = bytesOf(frames)
    return { bytes, bundle: bytes >= BUNDLE_MIN_BYTES ? encodeBundleFrame(frames).byteLength : null }
  }
  const v1 = frame(Y.mergeUpdates, updates)
  const v2 = frame(
    Y.mergeUpdatesV2,
    updates.map((u) => Y.convertUpdateFormatV1ToV2(u)),
  )
  return { moves: updates.length, frames: v1.bytes, bundle: v1.bundle, framesV2: v2.bytes, bundleV2: v2.bundle }
}

interface DocBytes {
  log: number
  snapshotV1: number
  snapshotV2: number
}

function docBytes(written: Written): DocBytes {
  // What compaction stores: a fresh load of the log (as the server's document is), re-encoded.
  const loaded = new Y.Doc()
  loaded.transact(() => {
    for (const u of written.v1) Y.applyUpdate(loaded, u)
  })
  return {
    log: bytesOf(written.v1),
    snapshotV1: Y.encodeStateAsUpdate(loaded).byteLength,
    snapshotV2: Y.encodeStateAsUpdateV2(loaded).byteLength,
  }
}

function cpuMicros(): number {
  const u = process.cpuUsage()
  return u.user + u.system
}

interface CpuRound {
  encode: number
  apply: number
}

/**
 * One round of CPU time per move. The writer and the peer start from the seeded board
 * (loaded, not timed); the writer plays the moves, the peer applies the updates one by one.
 */
function cpuRound(layout: Layout, seedState: Uint8Array, moves: readonly Move[], deltas: Uint8Array[]): CpuRound {
  const isDelta = layout === deltaWire
  const docLayout = isDelta ? today : layout
  const writer = new Y.Doc()
  Y.applyUpdate(writer, seedState)
  const writerBoard = docLayout.open(writer)
  const updates: Uint8Array[] = []
  writer.on('update', (u: Uint8Array) => updates.push(u))
  const peer = new Y.Doc()
  Y.applyUpdate(peer, seedState)
  const peerBoard = docLayout.open(peer)
  let rebuilt = 0
  let sink = 0
  peerBoard.onChange((ids) => {
    for (const id of ids) if (peerBoard.read(id)) rebuilt++
  })

  let t = cpuMicros()
  for (const move of moves) {
    writer.clientID = move.client
    writer.transact(() => writerBoard.move(move.id, move.change), Origin.localUser)
    if (isDelta) {
      // The sender's document holds whole records; the frame carries what changed.
      const now = writerBoard.read(move.id) as unknown as Hot
      const changed: Record<string, number | string> = {}
      for (const field of HOT_FIELDS) if (field in move.change) changed[field] = now[field]
      const e = encoding.createEncoder()
      encoding.writeAny(e, { key: move.id, val: changed })
      deltas.push(encoding.toUint8Array(e))
    }
  }
  const encode = (cpuMicros() - t) / moves.length

  t = cpuMicros()
  for (let i = 0; i < updates.length; i++) {
    if (isDelta) {
      // The receiver reads the changed fields and rebuilds the record from the entry it replaces.
      const delta = decoding.readAny(decoding.createDecoder(deltas[i])) as { key: string; val: Rec }
      sink += Object.keys({ ...(peerBoard.read(delta.key) as Rec), ...delta.val }).length
    }
    Y.applyUpdate(peer, updates[i])
  }
  const apply = (cpuMicros() - t) / updates.length
  if (isDelta && sink === 0) throw new Error('delta: nothing rebuilt')
  if (rebuilt < updates.length) throw new Error(`${layout.key}: the peer saw ${rebuilt} of ${updates.length} changes`)
  deltas.length = 0
  return { encode, apply }
}

// ─── Run ────────────────────────────────────────────────────────────────────────────────

interface LayoutResult {
  key: string
  title: string
  move: {
    v1Median: number
    v1Mean: number
    v2Median: number
    v2Mean: number
    v1MedianByKind: Partial<Record<MoveKind, number>>
    /** Drags only, by what was dragged: an actor card, a template clone. */
    v1MedianDragActor: number
    v1MedianDragClone: number
  }
  flushAll: FlushBytes
  flushTick: FlushBytes
  session: DocBytes
  overwrites: DocBytes
  contested: DocBytes
  cpu: { encodeUs: number; applyUs: number; encodeRatio: number; applyRatio: number }
}

function main(): void {
  // The session: the template, CARDS cards made by 30 participants, CARDS × MOVES moves.
  const world = new World(SEED)
  const participants = Array.from({ length: PARTICIPANTS }, () => world.clientId())
  for (let i = 0; i < CARDS; i++) world.addCard(participants[i % PARTICIPANTS])
  const sessionMoves: Move[] = []
  for (let i = 0; i < CARDS * MOVES_PER_CARD; i++) {
    const kind = world.randomKind(world.movableTemplate.length > 0)
    const id = kind === 'template' ? world.movableTemplate[i % world.movableTemplate.length] : world.cards[i % CARDS]
    sessionMoves.push(world.move(world.rand() < 0.7 ? participants[i % PARTICIPANTS] : participants[0], id, kind))
  }

  // The flush: CLIENTS clients, each its own card, each moving it once.
  const crowd = new World(SEED + 1)
  const crowdMoves: Move[] = []
  const owners = Array.from({ length: CLIENTS }, () => crowd.clientId())
  for (const owner of owners) crowd.addCard(owner)
  owners.forEach((owner, i) => crowdMoves.push(crowd.move(owner, crowd.cards[i], crowd.randomKind(false))))

  // One card (a template clone) dragged OVERWRITES times: by one client, then by 10 in turn.
  const lone = new World(SEED + 2)
  const draggers = Array.from({ length: 10 }, () => lone.clientId())
  lone.addCard(draggers[0])
  const loneCard = lone.addCard(draggers[0])
  const loneSeeds = [lone.seeds[0], lone.seeds[lone.seeds.length - 1]]
  const loneMoves = Array.from({ length: OVERWRITES }, () => lone.move(draggers[0], loneCard, 'drag'))
  const contestedMoves = Array.from({ length: OVERWRITES }, (_, i) => lone.move(draggers[i % 10], loneCard, 'drag'))

  const results: LayoutResult[] = []
  const cpuMoves = sessionMoves.slice(0, CPU_MOVES)
  const seedStates = new Map<string, Uint8Array>()
  for (const layout of LAYOUTS) {
    const session = seeded(layout, world.seeds)
    seedStates.set(layout.key, Y.encodeStateAsUpdate(session.doc))
    const moved = play(session, sessionMoves)
    const byKind: Partial<Record<MoveKind, number>> = {}
    for (const kind of MOVE_KINDS) {
      const sizes = moved.v1.filter((_, i) => sessionMoves[i].kind === kind).map((u) => u.byteLength)
      if (sizes.length > 0) byKind[kind] = median(sizes)
    }
    const v1 = moved.v1.map((u) => u.byteLength)
    const v2 = moved.v2.map((u) => u.byteLength)
    const crowdDoc = seeded(layout, crowd.seeds)
    const crowdUpdates = play(crowdDoc, crowdMoves).v1
    const loneDoc = seeded(layout, loneSeeds)
    play(loneDoc, loneMoves)
    const contestedDoc = seeded(layout, loneSeeds)
    play(contestedDoc, contestedMoves)
    const dragsOf = (shape: ShapeKind) =>
      median(
        moved.v1
          .filter((_, i) => sessionMoves[i].kind === 'drag' && sessionMoves[i].shape === shape)
          .map((u) => u.byteLength),
      )
    results.push({
      key: layout.key,
      title: layout.title,
      move: {
        v1Median: median(v1),
        v1Mean: Math.round(sum(v1) / v1.length),
        v2Median: median(v2),
        v2Mean: Math.round(sum(v2) / v2.length),
        v1MedianByKind: byKind,
        v1MedianDragActor: dragsOf('actor'),
        v1MedianDragClone: dragsOf('clone'),
      },
      flushAll: flush(crowdUpdates),
      flushTick: flush(crowdUpdates.slice(0, TICK_MOVES)),
      session: docBytes(session),
      overwrites: docBytes(loneDoc),
      contested: docBytes(contestedDoc),
      cpu: { encodeUs: 0, applyUs: 0, encodeRatio: 0, applyRatio: 0 },
    })
    process.stderr.write(`${layout.key}: bytes measured\n`)
  }
  // The delta layout's document is today's: its wire differs, not what is stored.
  const todayResult = results[0]
  const deltaResult = results.find((r) => r.key === deltaWire.key)
  if (deltaResult) {
    deltaResult.session = todayResult.session
    deltaResult.overwrites = todayResult.overwrites
    deltaResult.contested = todayResult.contested
  }

  // CPU: layouts interleaved round after round; round 0 warms up.
  const rounds = new Map<string, CpuRound[]>(LAYOUTS.map((l) => [l.key, []]))
  const deltas: Uint8Array[] = []
  for (let round = 0; round <= ROUNDS; round++) {
    for (const layout of LAYOUTS) {
      const seedKey = layout === deltaWire ? today.key : layout.key
      const r = cpuRound(layout, seedStates.get(seedKey) as Uint8Array, cpuMoves, deltas)
      if (round > 0) rounds.get(layout.key)?.push(r)
    }
    process.stderr.write(`cpu round ${round}/${ROUNDS}\n`)
  }
  const cpuOf = (key: string) => {
    const rs = rounds.get(key) ?? []
    return { encode: median(rs.map((r) => r.encode)), apply: median(rs.map((r) => r.apply)) }
  }
  const base = cpuOf(today.key)
  for (const result of results) {
    const c = cpuOf(result.key)
    result.cpu = {
      encodeUs: round1(c.encode),
      applyUs: round1(c.apply),
      encodeRatio: round2(c.encode / base.encode),
      applyRatio: round2(c.apply / base.apply),
    }
  }

  const jsonBytes = (id: string | undefined) =>
    Buffer.byteLength(JSON.stringify(world.seeds.find((s) => s.record.id === id)?.record ?? null))
  const cardBytes = { actor: jsonBytes(world.cards[0]), clone: jsonBytes(world.cards[1]) }
  printMarkdown(results, cardBytes)
  console.log('\n```json')
  console.log(
    JSON.stringify(
      {
        bench: 'moveEncoding',
        args: {
          cards: CARDS,
          moves: MOVES_PER_CARD,
          clients: CLIENTS,
          overwrites: OVERWRITES,
          rounds: ROUNDS,
          seed: SEED,
        },
        node: process.version,
        yjs: 'see package-lock.json',
        cardJsonBytes: cardBytes,
        moveKinds: Object.fromEntries(MOVE_KINDS.map((k) => [k, sessionMoves.filter((m) => m.kind === k).length])),
        results,
      },
      null,
      2,
    ),
  )
  console.log('```')
}

const round1 = (x: number) => Math.round(x * 10) / 10
const round2 = (x: number) => Math.round(x * 100) / 100
const kb = (bytes: number) => (bytes >= 10_000 ? `${(bytes / 1000).toFixed(1)} KB` : `${bytes} B`)
const ratio = (a: number, b: number) => `×${(a / b).toFixed(2)}`

function printMarkdown(results: readonly LayoutResult[], cardBytes: { actor: number; clone: number }): void {
  const base = results[0]
  console.log(`## Move encoding (issue 19)\n`)
  console.log(
    `Board: « actors-map » template + ${CARDS} cards (half actors, ${cardBytes.actor} B of JSON, half template clones, ${cardBytes.clone} B); ` +
      `${CARDS * MOVES_PER_CARD} moves by ${PARTICIPANTS} participants; flush: ${CLIENTS} clients moving their own card once; ` +
      `seed ${SEED}. Bytes are exact and repeatable; CPU is a median of ${ROUNDS} rounds, to read as a ratio.\n`,
  )
  console.log(`### Wire\n`)
  console.log(
    '| layout | one move V1 (median · mean) | V2 (median · mean) | V1 median: drag · rotate · reparent · reorder · template | drag of an actor · a clone | ' +
      `flush of ${CLIENTS}: frames → bundle | flush of ${TICK_MOVES}: frames → bundle | same, V2: ${CLIENTS} · ${TICK_MOVES} (bundle) |`,
  )
  console.log('|---|---|---|---|---|---|---|---|')
  for (const r of results) {
    const k = r.move.v1MedianByKind
    const bundle = (f: FlushBytes) => `${kb(f.frames)} → ${f.bundle === null ? 'plain' : kb(f.bundle)}`
    console.log(
      `| ${r.key} | ${r.move.v1Median} · ${r.move.v1Mean} B | ${r.move.v2Median} · ${r.move.v2Mean} B | ` +
        `${MOVE_KINDS.map((kind) => k[kind] ?? '–').join(' · ')} | ${r.move.v1MedianDragActor} · ${r.move.v1MedianDragClone} | ` +
        `${bundle(r.flushAll)} (${ratio(r.flushAll.bundle ?? r.flushAll.frames, base.flushAll.bundle ?? base.flushAll.frames)}) | ` +
        `${bundle(r.flushTick)} (${ratio(r.flushTick.bundle ?? r.flushTick.frames, base.flushTick.bundle ?? base.flushTick.frames)}) | ` +
        `${kb(r.flushAll.bundleV2 ?? r.flushAll.framesV2)} · ${kb(r.flushTick.bundleV2 ?? r.flushTick.framesV2)} |`,
    )
  }
  console.log(`\n### Document and CPU\n`)
  console.log(
    `| layout | session (${CARDS} × ${MOVES_PER_CARD}): log → snapshot V1 · V2 | ${OVERWRITES} drags of one clone, 1 client: log → snapshot V1 · V2 | ` +
      'same, 10 clients in turn | encode µs/move | apply µs/move |',
  )
  console.log('|---|---|---|---|---|---|')
  for (const r of results) {
    const doc = (d: DocBytes) => `${kb(d.log)} → ${kb(d.snapshotV1)} · ${kb(d.snapshotV2)}`
    console.log(
      `| ${r.key}${r.key === deltaWire.key ? ' (= today)' : ''} | ${doc(r.session)} | ${doc(r.overwrites)} | ${doc(r.contested)} | ` +
        `${r.cpu.encodeUs} (×${r.cpu.encodeRatio}) | ${r.cpu.applyUs} (×${r.cpu.applyRatio}) |`,
    )
  }
  console.log('')
  for (const r of results) console.log(`- \`${r.key}\`: ${r.title}`)
}

main()
