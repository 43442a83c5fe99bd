import type { RecordsDiff, TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { docChangeToStorePatch, planInitialSync, storeDiffToDocWrites, type KeyValueChange } from './recordDiff'
import { defaultDocumentRecords, geoShape } from './testFixtures'

const camera = { id: 'camera:page:page', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} } as unknown as TLRecord

describe('storeDiffToDocWrites', () => {
  it('keeps document records and drops session ones (camera, instance, pointer)', () => {
    const a = geoShape('a')
    const b = geoShape('b')
    const bMoved = { ...b, x: 10 }
    const c = geoShape('c')
    const diff = {
      added: { [a.id]: a, [camera.id]: camera },
      updated: { [b.id]: [b, bMoved], [camera.id]: [camera, { ...camera, x: 5 }] },
      removed: { [c.id]: c },
    } as unknown as RecordsDiff<TLRecord>
    const writes = storeDiffToDocWrites(diff)
    expect(writes.puts.map((r) => r.id).sort()).toEqual([a.id, b.id])
    expect(writes.puts.find((r) => r.id === b.id)).toBe(bMoved)
    expect(writes.removes).toEqual([c.id])
  })
})

describe('docChangeToStorePatch', () => {
  it('applies the value the doc holds now, not the one in the event', () => {
    const stale = geoShape('a', { x: 1 })
    const current = geoShape('a', { x: 2 })
    const changes = new Map<string, KeyValueChange<unknown>>([
      ['shape:a', { action: 'update', oldValue: geoShape('a'), newValue: stale }],
      ['shape:b', { action: 'add', newValue: geoShape('b') }],
    ])
    const doc = new Map<string, unknown>([['shape:a', current]]) // b was deleted meanwhile
    const patch = docChangeToStorePatch(changes, (key) => doc.get(key))
    expect(patch.puts).toEqual([{ key: 'shape:a', value: current }])
    expect(patch.removes).toEqual(['shape:b'])
  })

  it('turns a delete into a removal', () => {
    const changes = new Map<string, KeyValueChange<unknown>>([
      ['shape:a', { action: 'delete', oldValue: geoShape('a') }],
    ])
    expect(docChangeToStorePatch(changes, () => undefined)).toEqual({ puts: [], removes: ['shape:a'] })
  })
})

describe('planInitialSync', () => {
  it('lists document records the doc lacks, ignoring session records', () => {
    const [document, page] = defaultDocumentRecords()
    const plan = planInitialSync([document, page, camera], new Set([page.id]))
    expect(plan.missingInDoc.map((r) => r.id)).toEqual([document.id])
  })
})
