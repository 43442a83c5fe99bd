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
  'shape:zone': frame('shape:zone'),
  'shape:card': shape('shape:card', 'shape:zone'),
  'shape:link': shape('shape:link', 'shape:zone'),
  'binding:link-start': binding('binding:link-start', 'shape:link', 'shape:card'),
  'binding:link-end': binding('binding:link-end', 'shape:link', 'shape:free'),
}

/** Only the card inside `zone` is locked; `link` (inside `zone` too) goes from it to `free`. */
const CARD_LOCKED: LockState = { board: false, records: ['shape:card'] }

const FRAME_LOCKED: LockState = { board: false, records: ['shape:frame'] }

/** Runs the room's guards on `changes` over `BOARD` changed by them, with `lock`. */
function verdicts(lock: LockState, role: Role, changes: [string, KeyValueChange][]): string[] {
  const after = { ...BOARD }
  for (const [key, change] of changes) {
    if (change.action === 'delete') delete after[key]
    else after[key] = change.newValue
  }
  const reverts = guardChanges(
    new Map(changes),
    actor(role),
    DEFAULT_RECORD_GUARDS,
    (err) => {
      throw err
    },
    {
      record: (id) => after[id],
      controlState: (key) => (key === 'lock' ? lock : undefined),
      records: () => Object.entries(after),
    },
  )
  return reverts.map((r) => r.key).sort()
}

const update = (id: string, next: unknown): [string, KeyValueChange] => [
  id,
  { action: 'update', oldValue: BOARD[id], newValue: next },
]
const add = (id: string, value: unknown): [string, KeyValueChange] => [id, { action: 'add', newValue: value }]
const remove = (id: string): [string, KeyValueChange] => [id, { action: 'delete', oldValue: BOARD[id] }]

describe('lockGuard', () => {
  it('accepts everything when nothing is locked', () => {
    expect(
      verdicts({ board: false, records: [] }, 'participant', [
        update('shape:inside', shape('shape:inside', 'shape:group', 50)),
      ]),
    ).toEqual([])
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
    expect(
      verdicts(FRAME_LOCKED, 'facilitator', [remove('shape:frame'), remove('shape:group'), remove('shape:inside')]),
    ).toEqual([])
    expect(verdicts({ board: true, records: [] }, 'facilitator', [add('shape:new', shape('shape:new'))])).toEqual([])
  })

  it('reverts a shape created inside a locked frame, and one moved into it', () => {
    expect(verdicts(FRAME_LOCKED, 'participant', [add('shape:new', shape('shape:new', 'shape:group'))])).toEqual([
      'shape:new',
    ])
    expect(verdicts(FRAME_LOCKED, 'participant', [update('shape:free', shape('shape:free', 'shape:frame'))])).toEqual([
      'shape:free',
    ])
  })

  it('reverts moving a shape out of a locked frame', () => {
    expect(verdicts(FRAME_LOCKED, 'participant', [update('shape:inside', shape('shape:inside', 'page:page'))])).toEqual(
      ['shape:inside'],
    )
  })

  it('reverts deleting a locked frame with its content, every record of it', () => {
    // The children's parents are gone after the update: the guard reads them as they were.
    expect(
      verdicts(FRAME_LOCKED, 'participant', [remove('shape:frame'), remove('shape:group'), remove('shape:inside')]),
    ).toEqual(['shape:frame', 'shape:group', 'shape:inside'])
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
    expect(
      verdicts(locked, 'participant', [add('binding:1', binding('binding:1', 'shape:arrow', 'shape:free'))]),
    ).toEqual(['binding:1'])
    // …and to the shape it points at: a binding to a locked shape is locked too.
    expect(
      verdicts(locked, 'participant', [add('binding:2', binding('binding:2', 'shape:free', 'shape:arrow'))]),
    ).toEqual(['binding:2'])
    expect(
      verdicts(locked, 'participant', [add('binding:3', binding('binding:3', 'shape:free', 'shape:inside'))]),
    ).toEqual([])
  })

  it('with the whole board locked, reverts every participant change', () => {
    const lock: LockState = { board: true, records: [] }
    expect(
      verdicts(lock, 'participant', [
        add('shape:new', shape('shape:new')),
        update('shape:free', shape('shape:free', 'page:page', 3)),
        remove('shape:arrow'),
      ]),
    ).toEqual(['shape:arrow', 'shape:free', 'shape:new'])
  })

  it('treats a parent cycle as locked rather than loop', () => {
    const records: Record<string, unknown> = {
      'shape:a': shape('shape:a', 'shape:b'),
      'shape:b': shape('shape:b', 'shape:a'),
    }
    const ctx = {
      recordBefore: (id: string) => records[id],
      recordAfter: (id: string) => records[id],
      controlState: () => FRAME_LOCKED,
      childrenBefore: () => [],
      bindingsBefore: () => [],
      knownGood: () => false,
    }
    expect(
      lockGuard('shape:a', records['shape:a'], { ...(records['shape:a'] as object), x: 5 }, actor('participant'), ctx),
    ).toBe('revert')
    // A chain this deep is no real board either: refused, not walked to the end.
    const deep: Record<string, unknown> = {}
    for (let i = 0; i < 1_100; i++) deep[`shape:${i}`] = shape(`shape:${i}`, `shape:${i + 1}`)
    const deepCtx = {
      recordBefore: (id: string) => deep[id],
      recordAfter: (id: string) => deep[id],
      controlState: () => FRAME_LOCKED,
      childrenBefore: () => [],
      bindingsBefore: () => [],
      knownGood: () => false,
    }
    expect(lockGuard('shape:0', deep['shape:0'], deep['shape:0'], actor('participant'), deepCtx)).toBe('revert')
  })

  it('refuses deleting or moving an ancestor of a locked shape, and allows other changes to it', () => {
    expect(verdicts(CARD_LOCKED, 'participant', [remove('shape:zone')])).toEqual(['shape:zone'])
    expect(verdicts(CARD_LOCKED, 'participant', [remove('page:page')])).toEqual(['page:page'])
    for (const moved of [{ x: 5 }, { y: 5 }, { rotation: 1 }, { parentId: 'shape:free' }, { props: { w: 10 } }]) {
      expect(
        verdicts(CARD_LOCKED, 'participant', [update('shape:zone', { ...frame('shape:zone'), ...moved })]),
        JSON.stringify(moved),
      ).toEqual(['shape:zone'])
    }
    expect(
      verdicts(CARD_LOCKED, 'participant', [
        update('shape:zone', { ...frame('shape:zone'), props: { name: 'Acteurs' }, index: 'a9' }),
      ]),
    ).toEqual([])
    expect(
      verdicts(CARD_LOCKED, 'participant', [
        update('page:page', { id: 'page:page', typeName: 'page', name: 'Atelier' }),
      ]),
    ).toEqual([])
    // Not an ancestor: free to go.
    expect(verdicts(CARD_LOCKED, 'participant', [remove('shape:free'), remove('binding:link-end')])).toEqual([
      'binding:link-end',
      'shape:free',
    ])
    expect(verdicts(CARD_LOCKED, 'facilitator', [remove('shape:zone'), remove('shape:card')])).toEqual([])
  })

  it('locks a binding to or from a locked shape, the other binding of its arrow, and what carries them', () => {
    const start = BOARD['binding:link-start'] as object
    // Delete on the locked card: the card and its binding.
    expect(verdicts(CARD_LOCKED, 'participant', [remove('shape:card'), remove('binding:link-start')])).toEqual([
      'binding:link-start',
      'shape:card',
    ])
    expect(
      verdicts(CARD_LOCKED, 'participant', [update('binding:link-start', { ...start, props: { isExact: true } })]),
    ).toEqual(['binding:link-start'])
    expect(
      verdicts(CARD_LOCKED, 'participant', [add('binding:new', binding('binding:new', 'shape:arrow', 'shape:card'))]),
    ).toEqual(['binding:new'])
    expect(
      verdicts(CARD_LOCKED, 'participant', [add('binding:new', binding('binding:new', 'shape:arrow', 'shape:free'))]),
    ).toEqual([])
    // The arrow, and its other end's binding.
    expect(
      verdicts(CARD_LOCKED, 'participant', [
        remove('shape:link'),
        remove('binding:link-start'),
        remove('binding:link-end'),
      ]),
    ).toEqual(['binding:link-end', 'binding:link-start', 'shape:link'])
    // A locked arrow: the free shape it points at cannot be deleted from under it.
    const arrowLocked: LockState = { board: false, records: ['shape:link'] }
    expect(verdicts(arrowLocked, 'participant', [remove('shape:free'), remove('binding:link-end')])).toEqual([
      'binding:link-end',
      'shape:free',
    ])
    expect(
      verdicts({ board: false, records: ['shape:free'] }, 'participant', [
        remove('shape:zone'),
        remove('shape:link'),
      ]).sort(),
    ).toEqual(['shape:link', 'shape:zone'])
  })

  it('keeps tldraw’s isLocked the facilitator’s, with or without a lock', () => {
    const free = BOARD['shape:free'] as object
    for (const lock of [{ board: false, records: [] }, CARD_LOCKED]) {
      expect(verdicts(lock, 'participant', [update('shape:free', { ...free, isLocked: true })])).toEqual(['shape:free'])
      expect(verdicts(lock, 'facilitator', [update('shape:free', { ...free, isLocked: true })])).toEqual([])
    }
    const lockedBefore: Record<string, unknown> = { ...BOARD, 'shape:free': { ...free, isLocked: true } }
    const reverts = guardChanges(
      new Map([
        [
          'shape:free',
          { action: 'update', oldValue: lockedBefore['shape:free'], newValue: { ...free, isLocked: false } },
        ],
      ]),
      actor('participant'),
      DEFAULT_RECORD_GUARDS,
      (err) => {
        throw err
      },
      { record: (id) => lockedBefore[id], controlState: () => undefined },
    )
    expect(reverts.map((r) => r.key)).toEqual(['shape:free'])
    // Created locked (a template inserted by a participant): allowed.
    expect(
      verdicts({ board: false, records: [] }, 'participant', [
        add('shape:area', { ...shape('shape:area'), isLocked: true }),
      ]),
    ).toEqual([])
  })
})
