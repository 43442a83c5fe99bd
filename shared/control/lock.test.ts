import { describe, expect, it } from 'vitest'
import {
  isEditBlocked,
  isRecordLocked,
  lockedRecordAncestors,
  lockSection as section,
  type LockableRecord,
  type LockState,
} from './lock'
import { ctxFor, run, runError, runInvalid, runOk } from './testkit'

const fac = ctxFor('facilitator', 'f1')

// page ⊃ frame ⊃ group ⊃ card; an arrow on the page bound from inside the frame.
const records: LockableRecord[] = [
  { id: 'page:page', typeName: 'page' },
  { id: 'shape:frame', typeName: 'shape', parentId: 'page:page' },
  { id: 'shape:group', typeName: 'shape', parentId: 'shape:frame' },
  { id: 'shape:card', typeName: 'shape', parentId: 'shape:group' },
  { id: 'shape:loose', typeName: 'shape', parentId: 'page:page' },
  { id: 'shape:arrow', typeName: 'shape', parentId: 'shape:frame' },
  { id: 'binding:b1', typeName: 'binding', fromId: 'shape:arrow' },
  { id: 'binding:b2', typeName: 'binding', fromId: 'shape:loose' },
]
const byId = new Map(records.map((r) => [r.id, r]))
const get = (id: string) => byId.get(id)
const rec = (id: string) => byId.get(id) as LockableRecord
const lockState = (ids: string[], board = false): LockState =>
  runOk(section, { board, records: [] }, { type: 'lock.lockRecords', ids }, fac)

describe('isRecordLocked', () => {
  it('locks nothing by default', () => {
    const s = section.initial()
    expect(records.some((r) => isRecordLocked(s, r, get))).toBe(false)
  })

  it('locks everything when the board is locked', () => {
    const s = runOk(section, section.initial(), { type: 'lock.setBoard', locked: true }, fac)
    expect(records.every((r) => isRecordLocked(s, r, get))).toBe(true)
  })

  it('locks a frame with everything inside it, at any depth, and nothing outside', () => {
    const s = lockState(['shape:frame'])
    expect(isRecordLocked(s, rec('shape:frame'), get)).toBe(true)
    expect(isRecordLocked(s, rec('shape:group'), get)).toBe(true)
    expect(isRecordLocked(s, rec('shape:card'), get)).toBe(true)
    expect(isRecordLocked(s, rec('shape:loose'), get)).toBe(false)
    expect(isRecordLocked(s, rec('page:page'), get)).toBe(false)
  })

  it('locks a new shape created inside a locked frame', () => {
    const s = lockState(['shape:frame'])
    expect(isRecordLocked(s, { id: 'shape:new', typeName: 'shape', parentId: 'shape:group' }, get)).toBe(true)
    expect(isRecordLocked(s, { id: 'shape:new', typeName: 'shape', parentId: 'page:page' }, get)).toBe(false)
  })

  it('makes bindings follow their arrow', () => {
    const s = lockState(['shape:frame'])
    expect(isRecordLocked(s, rec('binding:b1'), get)).toBe(true)
    expect(isRecordLocked(s, rec('binding:b2'), get)).toBe(false)
    expect(isRecordLocked(lockState(['shape:loose']), rec('binding:b2'), get)).toBe(true)
  })

  it('treats a parent cycle as locked instead of looping', () => {
    const cyclic = new Map<string, LockableRecord>([
      ['shape:a', { id: 'shape:a', typeName: 'shape', parentId: 'shape:b' }],
      ['shape:b', { id: 'shape:b', typeName: 'shape', parentId: 'shape:a' }],
    ])
    expect(
      isRecordLocked(lockState(['shape:frame']), cyclic.get('shape:a') as LockableRecord, (id) => cyclic.get(id)),
    ).toBe(true)
  })

  it('never blocks facilitators, blocks participants and viewers', () => {
    const s = lockState(['shape:card'])
    expect(isEditBlocked(s, 'facilitator', rec('shape:card'), get)).toBe(false)
    expect(isEditBlocked(s, 'participant', rec('shape:card'), get)).toBe(true)
    expect(isEditBlocked(s, 'viewer', rec('shape:card'), get)).toBe(true)
  })
})

describe('lock commands', () => {
  it('keeps locked ids sorted and unique, unlocks some or all', () => {
    let s = runOk(section, section.initial(), { type: 'lock.lockRecords', ids: ['shape:b', 'shape:a', 'shape:b'] }, fac)
    s = runOk(section, s, { type: 'lock.lockRecords', ids: ['shape:a', 'page:page'] }, fac)
    expect(s.records).toEqual(['page:page', 'shape:a', 'shape:b'])
    s = runOk(section, s, { type: 'lock.unlockRecords', ids: ['shape:a'] }, fac)
    expect(s.records).toEqual(['page:page', 'shape:b'])
    expect(runOk(section, s, { type: 'lock.unlockAll' }, fac).records).toEqual([])
  })

  it('refuses unknown records, bad ids and oversized lists', () => {
    const ctx = ctxFor('facilitator', 'f1', 0, (id) => byId.has(id))
    expect(
      runError(section, section.initial(), { type: 'lock.lockRecords', ids: ['shape:frame', 'shape:gone'] }, ctx),
    ).toEqual({ code: 'unknown-record', params: { id: 'shape:gone' } })
    expect(runInvalid(section, section.initial(), { type: 'lock.lockRecords', ids: ['binding:b1'] }, fac)).toMatch(
      /shape or page ids/,
    )
    expect(runInvalid(section, section.initial(), { type: 'lock.lockRecords', ids: [] }, fac)).toMatch(/empty/)
    const tooMany = Array.from({ length: 1_001 }, (_, i) => `shape:s${i}`)
    expect(runInvalid(section, section.initial(), { type: 'lock.lockRecords', ids: tooMany }, fac)).toMatch(
      /at most 1000/,
    )
  })

  it('bounds the total number of locked records', () => {
    let s = section.initial()
    for (let batch = 0; batch < 10; batch++) {
      const ids = Array.from({ length: 1_000 }, (_, i) => `shape:b${batch}_${i}`)
      s = runOk(section, s, { type: 'lock.lockRecords', ids }, fac)
    }
    expect(s.records).toHaveLength(10_000)
    expect(runError(section, s, { type: 'lock.lockRecords', ids: ['shape:one-more'] }, fac)).toEqual({
      code: 'too-many-locked',
      params: { max: 10000 },
    })
  })

  it('is for facilitators only', () => {
    expect(
      run(section, section.initial(), { type: 'lock.setBoard', locked: true }, ctxFor('participant', 'm1')),
    ).toEqual({
      ok: false,
      code: 'forbidden',
    })
  })

  it('never mutates its input', () => {
    let s = section.initial()
    for (const c of [
      { type: 'lock.setBoard', locked: true },
      { type: 'lock.lockRecords', ids: ['shape:x', 'shape:y'] },
      { type: 'lock.unlockRecords', ids: ['shape:x'] },
      { type: 'lock.unlockAll' },
    ]) {
      s = runOk(section, s, c, fac)
    }
    expect(s).toEqual({ board: true, records: [] })
  })
})

describe('what a locked record depends on', () => {
  it('locks a binding when the shape it points at is locked, not only its arrow', () => {
    const s = lockState(['shape:card'])
    expect(
      isRecordLocked(s, { id: 'binding:to', typeName: 'binding', fromId: 'shape:loose', toId: 'shape:card' }, get),
    ).toBe(true)
    expect(
      isRecordLocked(s, { id: 'binding:to', typeName: 'binding', fromId: 'shape:loose', toId: 'shape:loose' }, get),
    ).toBe(false)
    // Inside a locked frame counts as locked at that end too.
    expect(
      isRecordLocked(
        lockState(['shape:frame']),
        { id: 'binding:to', typeName: 'binding', fromId: 'shape:loose', toId: 'shape:card' },
        get,
      ),
    ).toBe(true)
  })

  it('lists the ancestors of every locked record', () => {
    expect([...lockedRecordAncestors(lockState(['shape:card']), get)].sort()).toEqual([
      'page:page',
      'shape:frame',
      'shape:group',
    ])
    expect([...lockedRecordAncestors(lockState(['shape:loose', 'shape:group']), get)].sort()).toEqual([
      'page:page',
      'shape:frame',
    ])
    expect(lockedRecordAncestors(section.initial(), get).size).toBe(0)
  })
})
