import { describe, expect, it } from 'vitest'
import type { Actor } from '../../shared/control/section'
import { arrow, card } from '../../shared/export/testWorkshop'
import { BOARD_GUARDS, judgeChanges, type RecordChange } from './recordGuard'
import { page, shape } from './testPeers'

const participant: Actor = { role: 'participant', memberId: 'm1', name: 'Awa' }

/**
 * Runs the room's guards on `records` written into a board holding `board`; returns the
 * refused keys. `vouched`: the board values the room validated itself (known good).
 */
function refused(
  board: Record<string, unknown>[],
  records: Record<string, unknown>[],
  vouched: ReadonlySet<unknown> = new Set(),
): string[] {
  const byId = new Map(board.map((r) => [r.id as string, r]))
  const changes: RecordChange[] = records.map((r) => ({
    key: r.id as string,
    oldValue: byId.get(r.id as string),
    newValue: r,
  }))
  const result = judgeChanges(changes, participant, BOARD_GUARDS, {
    record: (id) => byId.get(id),
    controlState: () => undefined,
    knownGood: (value) => vouched.has(value),
    onGuardError: (err) => {
      throw err
    },
  })
  return [...result].map((c) => c.key).sort()
}

describe('every record validated (BOARD_GUARDS)', () => {
  it('accepts what tldraw writes: a page, a geo shape, a card, an arrow with its bindings', () => {
    const records = [
      page(),
      shape('shape:a'),
      card('shape:c', 'actor', 'page:page', 0, 0, { name: 'Ville' }),
      ...arrow('l', 'shape:a', 'shape:c'),
    ]
    expect(refused([], records)).toEqual([])
  })

  it('refuses a non-card shape with bad props, and one of an unknown type', () => {
    const bad = { ...shape('shape:bad'), props: { ...(shape('shape:bad').props as object), geo: 'blob' } }
    const unknown = { ...shape('shape:unknown'), type: 'spaceship' }
    expect(refused([page()], [bad, unknown, shape('shape:ok')])).toEqual(['shape:bad', 'shape:unknown'])
  })

  it('refuses a shape whose parent does not exist, is not a shape or page, or is itself', () => {
    const orphan = { ...shape('shape:orphan'), parentId: 'shape:nowhere' }
    const self = { ...shape('shape:self'), parentId: 'shape:self' }
    const underBinding = { ...shape('shape:odd'), parentId: 'document:document' }
    expect(refused([page()], [orphan, self, underBinding])).toEqual(['shape:odd', 'shape:orphan', 'shape:self'])
  })

  it('refuses a binding to or from a missing shape', () => {
    const [line, start, end] = arrow('l', 'shape:a', 'shape:missing')
    expect(refused([page(), shape('shape:a')], [line, start, end])).toEqual(['binding:l-end'])
  })

  it('a child whose parent is refused in the same update is refused with it', () => {
    const badFrame = { ...shape('shape:frame'), props: { nonsense: true } }
    const child = { ...shape('shape:child'), parentId: 'shape:frame' }
    expect(refused([page()], [badFrame, child, shape('shape:free')])).toEqual(['shape:child', 'shape:frame'])
  })

  describe('a change to a record already on the board (a move) is validated whole', () => {
    const accepted = (id: string) =>
      card(id, 'actor', 'page:page', 10, 20, { name: 'Ville', power: 3 }) as Record<string, unknown>
    const moved = (id: string, change: Record<string, unknown>) => ({ ...accepted(id), x: 40, y: 60, ...change })
    const withProps = (id: string, props: Record<string, unknown>) => ({
      ...accepted(id),
      x: 40,
      props: { ...(accepted(id).props as object), ...props },
    })

    /**
     * Accepts the card first (so its value is known good), then judges `next` over it,
     * twice: with the room vouching for the value on the board (only the fields that
     * differ from it are checked) and without (everything is).
     */
    function refusedAfterAccept(id: string, next: Record<string, unknown>): boolean {
      const before = accepted(id)
      expect(refused([page()], [before])).toEqual([])
      const vouched = refused([page(), before], [next], new Set([before])).includes(id)
      const unvouched = refused([page(), before], [next]).includes(id)
      expect(vouched).toBe(unvouched)
      return vouched
    }

    it('accepts a move, a rotation, a new index or opacity, props edited within the rules', () => {
      expect(refusedAfterAccept('shape:ok1', moved('shape:ok1', {}))).toBe(false)
      expect(
        refusedAfterAccept(
          'shape:ok2',
          moved('shape:ok2', { rotation: 1.5, index: 'a2', opacity: 0.5, meta: { note: 'x' } }),
        ),
      ).toBe(false)
      expect(refusedAfterAccept('shape:ok3', withProps('shape:ok3', { power: 5, name: 'Région' }))).toBe(false)
    })

    const malformed: [string, Record<string, unknown>][] = [
      ['x as a string', moved('shape:m1', { x: 'NaN' })],
      ['x NaN', moved('shape:m2', { x: Number.NaN })],
      ['y infinite', moved('shape:m3', { y: Number.POSITIVE_INFINITY })],
      ['rotation null', moved('shape:m4', { rotation: null })],
      ['a malformed index', moved('shape:m5', { index: '!!' })],
      ['opacity out of range', moved('shape:m6', { opacity: 7 })],
      ['parentId not an id', moved('shape:m7', { parentId: 'nowhere' })],
      ['isLocked not a boolean', moved('shape:m8', { isLocked: 'yes' })],
      ['meta not JSON (bytes)', moved('shape:m9', { meta: { f: new Uint8Array(2) } })],
      ['x missing', (({ x: _x, ...rest }) => rest)(moved('shape:m10', {}))],
      ['a stray field', moved('shape:m11', { stray: 1 })],
      ['the type changed to another card', moved('shape:m12', { type: 'lever' })],
      ['the typeName changed', moved('shape:m13', { typeName: 'binding' })],
      ['power out of range in props', withProps('shape:m14', { power: 7 })],
      ['a string power in props', withProps('shape:m15', { power: '3' })],
      ['a stray prop', withProps('shape:m16', { stray: true })],
      ['props not an object', moved('shape:m17', { props: 'none' })],
      [
        'a prop removed',
        {
          ...accepted('shape:m18'),
          props: (({ name: _n, ...rest }) => rest)(accepted('shape:m18').props as Record<string, unknown>),
        },
      ],
    ]
    for (const [what, next] of malformed) {
      it(`refuses a change carrying ${what}`, () => {
        expect(refusedAfterAccept(next.id as string, next)).toBe(true)
      })
    }

    it('checks whole a change to a record the room does not vouch for (stored before, written by the server)', () => {
      // A value loaded from storage with a prop out of the rules: a move keeping it is refused.
      const stored = withProps('shape:s1', { power: 9 })
      const move = { ...stored, x: 99 }
      expect(refused([page(), stored], [move])).toEqual(['shape:s1'])
      // Only what the room validated is taken as known good (vouching for it would let the prop through).
      expect(refused([page(), stored], [move], new Set([stored]))).toEqual([])
    })

    it('checks whole a change of record or shape type, whatever the value before', () => {
      const before = accepted('shape:t1')
      const asLever = { ...before, type: 'lever' }
      expect(refused([page(), before], [asLever], new Set([before]))).toEqual(['shape:t1'])
    })
  })
})
