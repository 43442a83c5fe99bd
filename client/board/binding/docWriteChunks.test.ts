import type { TLParentId, TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { approximateWriteBytes, chunkDocWrites, orderDocWrites, shapeDepth, type DocWrite } from './docWriteChunks'
import { defaultDocumentRecords, geoShape } from './testFixtures'

function put(record: TLRecord): DocWrite {
  return { id: record.id, record }
}
function del(id: string): DocWrite {
  return { id, record: undefined }
}
function child(id: string, parent: string): TLRecord {
  return { ...geoShape(id), parentId: parent as TLParentId }
}

describe('orderDocWrites', () => {
  it('puts containers before contents and links last, then deletes the other way round', () => {
    const [document, page] = defaultDocumentRecords()
    const outer = geoShape('outer')
    const inner = child('inner', 'shape:outer')
    const leaf = child('leaf', 'shape:inner')
    const records = new Map<string, TLRecord>([outer, inner, leaf].map((r) => [r.id, r]))
    const depth = (id: string) => shapeDepth(id, (x) => records.get(x))
    const binding = { id: 'binding:b', typeName: 'binding' } as unknown as TLRecord
    const writes = [
      del('page:old'),
      del('shape:gone'),
      put(leaf),
      del('binding:gone'),
      put(binding),
      put(inner),
      put(outer),
      put(page),
      put(document),
    ]
    expect(orderDocWrites(writes, depth).map((w) => w.id)).toEqual([
      'document:document',
      'page:page',
      'shape:outer',
      'shape:inner',
      'shape:leaf',
      'binding:b',
      'binding:gone',
      'shape:gone',
      'page:old',
    ])
  })

  it('deletes children before their parents and keeps the given order between equals', () => {
    const removed = new Map<string, TLRecord>(
      [geoShape('frame'), child('a', 'shape:frame'), child('b', 'shape:frame')].map((r) => [r.id, r]),
    )
    const depth = (id: string) => shapeDepth(id, (x) => removed.get(x))
    expect(orderDocWrites([del('shape:frame'), del('shape:b'), del('shape:a')], depth).map((w) => w.id)).toEqual([
      'shape:b',
      'shape:a',
      'shape:frame',
    ])
  })
})

describe('chunkDocWrites', () => {
  const writes = Array.from({ length: 25 }, (_, i) => put(geoShape(`s${i}`)))

  it('cuts by record count', () => {
    const chunks = chunkDocWrites(writes, { maxRecords: 10, maxBytes: Infinity })
    expect(chunks.map((c) => c.length)).toEqual([10, 10, 5])
    expect(chunks.flat()).toEqual(writes)
  })

  it('cuts by approximate size, a single oversize write alone', () => {
    const size = (w: DocWrite) => (w.id === 'shape:s3' ? 5_000 : 100)
    const chunks = chunkDocWrites(writes.slice(0, 8), { maxRecords: 100, maxBytes: 350 }, size)
    expect(chunks.map((c) => c.map((w) => w.id))).toEqual([
      ['shape:s0', 'shape:s1', 'shape:s2'],
      ['shape:s3'],
      ['shape:s4', 'shape:s5', 'shape:s6'],
      ['shape:s7'],
    ])
    expect(chunkDocWrites([], { maxRecords: 1, maxBytes: 1 })).toEqual([])
  })

  it('estimates a record by its UTF-8 JSON length', () => {
    const plain = approximateWriteBytes(put(geoShape('x')))
    const accented = geoShape('x')
    const withText = { ...accented, meta: { note: 'é'.repeat(100) } }
    // `"note":"éé…"` is 109 characters, and each « é » takes two bytes.
    expect(approximateWriteBytes(put(withText)) - plain).toBe(109 + 100)
    expect(approximateWriteBytes(del('shape:x'))).toBeLessThan(plain)
  })
})

describe('shapeDepth', () => {
  it('counts shape ancestors and stops on a cycle or a missing parent', () => {
    const loop = new Map<string, TLRecord>([child('a', 'shape:b'), child('b', 'shape:a')].map((r) => [r.id, r]))
    expect(shapeDepth('shape:a', (x) => loop.get(x))).toBe(1)
    expect(shapeDepth('shape:orphan', () => undefined)).toBe(0)
    const missing = new Map<string, TLRecord>([[`shape:c`, child('c', 'shape:nowhere')]])
    expect(shapeDepth('shape:c', (x) => missing.get(x))).toBe(1)
  })
})
