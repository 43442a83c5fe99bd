import { describe, expect, it } from 'vitest'
import type { LockState } from '../../shared/control/lock'
import type { Actor } from '../../shared/control/section'
import type { Role } from '../../shared/protocol'
import { lockGuard } from './lockGuard'
import { DEFAULT_RECORD_GUARDS, guardChanges, type KeyValueChange } from './recordGuard'

const actor = (role: Role): Actor => ({ role, memberId: `${role}-1`, name: role })

const shape = (id: string, parentId = 'page:page', x = 0) => ({ id, typeName: 'shape', type: 'geo', parentId, x, y: 0 })
const frame = (id: string, parentId = 'page:page') => ({ id, typeName: 'shape', type: 'frame', parentId, x: 0, y: 0 })
const binding = (id: string, fromId: string, toId: string) => ({ id, typeName: 'binding', type: 'arrow', fromId, toId })

/** A board: a locked frame holding a group holding a note, and a free shape beside it. */
const BOARD: Record<string, unknown> = {
  'page:page': { id: 'page:page', typeName: 'page' },
  'shape:frame': frame('shape:frame'),
  'shape:group': shape('shape:group', 'shape:frame'),
  'shape:inside': shape('shape:inside', 'shape:group'),
  'shape:free': shape('shape:free'),
  'shape:arrow': shape('shape:arrow'),
}

const FRAME_LOCKED: LockState = { board: false, records: ['shape:frame'] }

/** Runs the room's guards on `changes` over `BOARD` changed by them, with `lock`. */
function verdicts(lock: LockState, role: Role, changes: [string, KeyValueChange][]): string[] {
  const after = { ...BOARD }
  for (const [key, change] of changes) {
    if (change.action === 'delete') delete after[key]
    else after[key] = change.newValue
  }
  const reverts = guardChanges(new Map(changes), actor(role), DEFAULT_RECORD_GUARDS, (err) => {
    throw err
  }, { record: (id) => after[id], controlState: (key) => (key === 'lock' ? lock : undefined) })
  return reverts.map((r) => r.key).sort()
}

const update = (id: string, next: unknown): [string, KeyValueChange] => [id, { action: 'update', oldValue: BOARD[id], newValue: next }]
const add = (id: string, value: unknown): [string, KeyValueChange] => [id, { action: 'add', newValue: value }]
const remove = (id: string): [string, KeyValueChange] => [id, { action: 'delete', oldValue: BOARD[id] }]

describe('lockGuard', () => {
  it('accepts everything when nothing is locked', () => {
    expect(verdicts({ board: false, records: [] }, 'participant', [update('shape:inside', shape('shape:inside', 'shape:group', 50))])).toEqual([])
  })

  it('reverts a participant’s edit of a shape inside a locked frame, at any depth', () => {
    expect(
      verdicts(FRAME_LOCKED, 'participant', [
        update('shape:frame', { ...frame('shape:frame'), x: 10 }),
        update('shape:group', { ...shape('shape:group', 'shape:frame'), x: 10 }),
        update('shape:inside', shape('shape:inside', 'shape:group', 50)),
      ]),
    ).toEqual(['shape:frame', 'shape:group', 'shape:inside'])
  })

  it('never blocks a facilitator', () => {
    expect(verdicts(FRAME_LOCKED, 'facilitator', [remove('shape:frame'), remove('shape:group'), remove('shape:inside')])).toEqual([])
    expect(verdicts({ board: true, records: [] }, 'facilitator', [add('shape:new', shape('shape:new'))])).toEqual([])
  })

  it('reverts a shape created inside a locked frame, and one moved into it', () => {
    expect(verdicts(FRAME_LOCKED, 'participant', [add('shape:new', shape('shape:new', 'shape:group'))])).toEqual(['shape:new'])
    expect(verdicts(FRAME_LOCKED, 'participant', [update('shape:free', shape('shape:free', 'shape:frame'))])).toEqual(['shape:free'])
  })

  it('reverts moving a shape out of a locked frame', () => {
    expect(verdicts(FRAME_LOCKED, 'participant', [update('shape:inside', shape('shape:inside', 'page:page'))])).toEqual(['shape:inside'])
  })

  it('reverts deleting a locked frame with its content, every record of it', () => {
    // The children's parents are gone after the update: the guard reads them as they were.
    expect(verdicts(FRAME_LOCKED, 'participant', [remove('shape:frame'), remove('shape:group'), remove('shape:inside')])).toEqual([
      'shape:frame',
      'shape:group',
      'shape:inside',
    ])
  })

  it('leaves the rest of the board editable, in the same update', () => {
    expect(
      verdicts(FRAME_LOCKED, 'participant', [
        update('shape:free', shape('shape:free', 'page:page', 99)),
        add('shape:new', shape('shape:new')),
        update('shape:inside', shape('shape:inside', 'shape:group', 50)),
      ]),
    ).toEqual(['shape:inside'])
  })

  it('follows a binding to its arrow', () => {
    const locked: LockState = { board: false, records: ['shape:arrow'] }
    expect(verdicts(locked, 'participant', [add('binding:1', binding('binding:1', 'shape:arrow', 'shape:free'))])).toEqual(['binding:1'])
    expect(verdicts(locked, 'participant', [add('binding:2', binding('binding:2', 'shape:free', 'shape:arrow'))])).toEqual([])
  })

  it('with the whole board locked, reverts every participant change', () => {
    const lock: LockState = { board: true, records: [] }
    expect(
      verdicts(lock, 'participant', [add('shape:new', shape('shape:new')), update('shape:free', shape('shape:free', 'page:page', 3)), remove('shape:arrow')]),
    ).toEqual(['shape:arrow', 'shape:free', 'shape:new'])
  })

  it('treats a parent cycle as locked rather than loop', () => {
    const records: Record<string, unknown> = { 'shape:a': shape('shape:a', 'shape:b'), 'shape:b': shape('shape:b', 'shape:a') }
    const ctx = { recordBefore: (id: string) => records[id], recordAfter: (id: string) => records[id], controlState: () => FRAME_LOCKED }
    expect(lockGuard('shape:a', records['shape:a'], { ...(records['shape:a'] as object), x: 5 }, actor('participant'), ctx)).toBe('revert')
    // A chain this deep is no real board either: refused, not walked to the end.
    const deep: Record<string, unknown> = {}
    for (let i = 0; i < 1_100; i++) deep[`shape:${i}`] = shape(`shape:${i}`, `shape:${i + 1}`)
    const deepCtx = { recordBefore: (id: string) => deep[id], recordAfter: (id: string) => deep[id], controlState: () => FRAME_LOCKED }
    expect(lockGuard('shape:0', deep['shape:0'], deep['shape:0'], actor('participant'), deepCtx)).toBe('revert')
  })
})
