import { YKeyValue } from 'y-utility/y-keyvalue'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { META_MAP, META_SCHEMA_KEY, Origin, RECORDS_ARRAY } from '../../shared/board'
import { docFromState, encodeBoard, readBoard, replaceBoardMutable, sameJson } from './boardDoc'

const rec = (id: string, x = 0) => ({ id, typeName: 'shape', type: 'geo', x, props: { w: 10, label: ['a', { b: 1 }] } })
const byId = (records: unknown[]) => Object.fromEntries(records.map((r) => [(r as { id: string }).id, r]))

describe('board documents as records', () => {
  it('builds a document from records and reads them back, schema included', () => {
    const doc = docFromState(
      encodeBoard({ records: [rec('shape:a'), rec('shape:b', 5)], schema: { schemaVersion: 2, sequences: {} } }),
    )
    const board = readBoard(doc)
    expect(byId(board.records)).toEqual({ 'shape:a': rec('shape:a'), 'shape:b': rec('shape:b', 5) })
    expect(board.schema).toEqual({ schemaVersion: 2, sequences: {} })
    expect(readBoard(docFromState(encodeBoard({ records: [], schema: null }))).schema).toBeNull()
  })

  it('reads duplicate keys the way YKeyValue does (rightmost wins), without writing', () => {
    const doc = new Y.Doc()
    doc.getArray(RECORDS_ARRAY).push([
      { key: 'shape:a', val: rec('shape:a', 1) },
      { key: 'shape:a', val: rec('shape:a', 2) },
    ])
    const before = Y.encodeStateVector(doc)
    expect(readBoard(doc).records).toEqual([rec('shape:a', 2)])
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('compares JSON structurally, whatever the key order', () => {
    expect(sameJson({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toBe(true)
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false)
    expect(sameJson([1, 2], [2, 1])).toBe(false)
    expect(sameJson({ a: null }, { a: {} })).toBe(false)
  })

  it('replaces records in one transaction that touches only what differs, and every replica converges', () => {
    const live = docFromState(
      encodeBoard({ records: [rec('shape:same'), rec('shape:moved'), rec('shape:gone')], schema: null }),
    )
    const replica = docFromState(Y.encodeStateAsUpdate(live))
    const target = {
      records: [rec('shape:same'), rec('shape:moved', 99), rec('shape:new')],
      schema: { schemaVersion: 2, sequences: { x: 1 } },
    }

    const liveKv = new YKeyValue<unknown>(live.getArray(RECORDS_ARRAY))
    const replicaKv = new YKeyValue<unknown>(replica.getArray(RECORDS_ARRAY))
    const sameEntry = liveKv.map.get('shape:same')
    const changes: string[] = []
    replicaKv.on('change', (c: Map<string, { action: string }>) =>
      changes.push(...[...c].map(([key, { action }]) => `${action} ${key}`)),
    )
    const updates: { origin: unknown }[] = []
    live.on('update', (_u: Uint8Array, origin: unknown) => updates.push({ origin }))
    live.on('update', (u: Uint8Array) => Y.applyUpdate(replica, u, 'remote'))

    expect(replaceBoardMutable(live, target)).toBe(true)
    expect(updates).toEqual([{ origin: Origin.import }])
    expect(changes.sort()).toEqual(['add shape:new', 'delete shape:gone', 'update shape:moved'])
    // The unchanged record keeps its very entry: nothing was rewritten.
    expect(liveKv.map.get('shape:same')).toBe(sameEntry)
    for (const doc of [live, replica]) {
      expect(byId(readBoard(doc).records)).toEqual(byId(target.records))
      expect(doc.getMap(META_MAP).get(META_SCHEMA_KEY)).toEqual(target.schema)
    }
    expect(replaceBoardMutable(live, target)).toBe(false)
    expect(updates).toHaveLength(1)
  })

  it('drops stale duplicate entries and writes big boards in one go', () => {
    const doc = new Y.Doc()
    doc.getArray(RECORDS_ARRAY).push([
      { key: 'shape:a', val: rec('shape:a', 1) },
      { key: 'shape:a', val: rec('shape:a', 2) },
    ])
    expect(replaceBoardMutable(doc, { records: [rec('shape:a', 2)], schema: null })).toBe(true)
    expect(doc.getArray(RECORDS_ARRAY).toArray()).toEqual([{ key: 'shape:a', val: rec('shape:a', 2) }])

    const many = Array.from({ length: 5_000 }, (_, i) => rec(`shape:${i}`, i))
    const big = docFromState(encodeBoard({ records: many, schema: null }))
    const half = many.map((r, i) => (i % 2 ? { ...r, x: -1 } : r))
    expect(replaceBoardMutable(big, { records: half, schema: null })).toBe(true)
    expect(byId(readBoard(big).records)).toEqual(byId(half))
  })
})
