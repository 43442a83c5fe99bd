import type { SerializedSchemaV2, TLRecord } from 'tldraw'
import { describe, expect, it } from 'vitest'
import { checkRemoteRecord, readPersistedSchema, schemaRelation } from './remoteRecord'
import { geoShape, newStore, PAGE_ID } from './testFixtures'

const store = newStore()
const schema = store.schema
const ours = schema.serialize()

/** Our schema with one sequence set back by one version, as an older client would write. */
function olderSchema(sequence: string): SerializedSchemaV2 {
  return { ...ours, sequences: { ...ours.sequences, [sequence]: ours.sequences[sequence] - 1 } }
}

describe('schemaRelation', () => {
  it('tells same, older and newer apart', () => {
    expect(schemaRelation(schema, null)).toBe('same')
    expect(schemaRelation(schema, ours)).toBe('same')
    expect(schemaRelation(schema, olderSchema('com.tldraw.shape.geo'))).toBe('older')
    const newer = {
      ...ours,
      sequences: { ...ours.sequences, 'com.tldraw.shape.geo': ours.sequences['com.tldraw.shape.geo'] + 1 },
    }
    expect(schemaRelation(schema, newer)).toBe('newer')
  })
})

describe('checkRemoteRecord', () => {
  it('accepts a valid shape as it is', () => {
    const shape = geoShape('a')
    const check = checkRemoteRecord(schema, shape.id, shape, ours, 'same')
    expect(check).toEqual({ ok: true, record: shape })
  })

  it('rejects a shape whose props fail validation, naming the key', () => {
    const bad = { ...geoShape('a'), props: { ...geoShape('a').props, w: 'wide' } }
    const check = checkRemoteRecord(schema, bad.id, bad, ours, 'same')
    expect(check.ok).toBe(false)
    if (!check.ok) {
      expect(check.key).toBe('shape:a')
      expect(check.reason).toMatch(/w/)
    }
  })

  it('rejects records stored under another key, non-objects and session records', () => {
    expect(checkRemoteRecord(schema, 'shape:b', geoShape('a'), ours, 'same').ok).toBe(false)
    expect(checkRemoteRecord(schema, 'shape:a', 'hello', ours, 'same').ok).toBe(false)
    const camera = { id: 'camera:x', typeName: 'camera', x: 0, y: 0, z: 1, meta: {} }
    expect(checkRemoteRecord(schema, 'camera:x', camera, ours, 'same').ok).toBe(false)
  })

  it('migrates a record written by an older schema up to ours', () => {
    // Build what an older client stored: our note migrated one version down.
    const older = olderSchema('com.tldraw.shape.note')
    const note = {
      ...geoShape('n'),
      type: 'note',
      parentId: PAGE_ID,
      props: {
        color: 'yellow',
        labelColor: 'black',
        size: 'm',
        font: 'draw',
        fontSizeAdjustment: null,
        align: 'middle',
        verticalAlign: 'middle',
        growY: 0,
        url: '',
        richText: geoShape('n').props.richText,
        scale: 1,
        textLastEditedBy: null,
      },
    } as unknown as TLRecord
    expect(schema.types.shape.validate(note)).toBeTruthy()
    const down = schema.migratePersistedRecord(note, older, 'down')
    expect(down.type).toBe('success')
    if (down.type !== 'success') return
    expect(down.value).not.toEqual(note)

    expect(checkRemoteRecord(schema, note.id, down.value, older, 'same').ok).toBe(false)
    const check = checkRemoteRecord(schema, note.id, down.value, older, 'older')
    expect(check).toEqual({ ok: true, record: note })
  })
})

describe('readPersistedSchema', () => {
  it('ignores anything that is not a serialized schema', () => {
    expect(readPersistedSchema(undefined)).toBeNull()
    expect(readPersistedSchema({ sequences: {} })).toBeNull()
    expect(readPersistedSchema(ours)).toBe(ours)
  })
})
