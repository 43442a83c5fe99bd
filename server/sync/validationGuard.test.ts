import { describe, expect, it } from 'vitest'
import type { Actor } from '../../shared/control/section'
import { arrow, card } from '../../shared/export/testWorkshop'
import { BOARD_GUARDS, judgeChanges, type RecordChange } from './recordGuard'
import { page, shape } from './testPeers'

const participant: Actor = { role: 'participant', memberId: 'm1', name: 'Awa' }

/** Runs the room's guards on `records` written into a board holding `board`; returns the refused keys. */
function refused(board: Record<string, unknown>[], records: Record<string, unknown>[]): string[] {
  const byId = new Map(board.map((r) => [r.id as string, r]))
  const changes: RecordChange[] = records.map((r) => ({ key: r.id as string, oldValue: byId.get(r.id as string), newValue: r }))
  const result = judgeChanges(changes, participant, BOARD_GUARDS, {
    record: (id) => byId.get(id),
    controlState: () => undefined,
    onGuardError: (err) => {
      throw err
    },
  })
  return [...result].map((c) => c.key).sort()
}

describe('every record validated (BOARD_GUARDS)', () => {
  it('accepts what tldraw writes: a page, a geo shape, a card, an arrow with its bindings', () => {
    const records = [page(), shape('shape:a'), card('shape:c', 'actor', 'page:page', 0, 0, { name: 'Ville' }), ...arrow('l', 'shape:a', 'shape:c')]
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
})
