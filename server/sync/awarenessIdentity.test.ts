import { describe, expect, it } from 'vitest'
import { AwarenessIdentity, type Speaker } from './awarenessIdentity'
import type { AwarenessEntry } from './awarenessOwners'

const marie: Speaker = { role: 'facilitator', memberId: 'marie-id' }
const bob: Speaker = { role: 'participant', memberId: 'bob-id' }

const entry = (state: unknown, clientId = 1, clock = 1): AwarenessEntry => ({
  clientId,
  clock,
  json: JSON.stringify(state),
})
const user = (e: AwarenessEntry) => (JSON.parse(e.json) as { user: Record<string, unknown> }).user

describe('AwarenessIdentity', () => {
  it('leaves an honest state untouched (same text, nothing to re-encode)', () => {
    const identity = new AwarenessIdentity<Speaker>()
    const honest = entry({
      user: { name: 'Bob', role: 'participant', memberId: 'bob-id', color: '#000000', roleNumber: 1 },
      cursor: null,
    })
    const stamped = identity.stamp(bob, [honest])
    expect(stamped).toEqual({
      entries: [{ ...honest, state: JSON.parse(honest.json) }],
      changed: false,
      impersonations: 0,
    })
    // The very text it came with: nothing written again.
    expect(stamped.entries[0].json).toBe(honest.json)
    expect(identity.nameOf(bob)).toBe('Bob')
  })

  it('corrects a claimed role and member id, and keeps the name the connection joined with', () => {
    const identity = new AwarenessIdentity<Speaker>()
    identity.stamp(bob, [entry({ user: { name: 'Bob', role: 'participant', memberId: 'bob-id' } })])
    const stamped = identity.stamp(bob, [
      entry(
        { user: { name: 'Marie', role: 'facilitator', memberId: 'marie-id', color: '#111111' }, cursor: { x: 1 } },
        1,
        2,
      ),
    ])
    expect(stamped.changed).toBe(true)
    expect(stamped.impersonations).toBe(1)
    expect(user(stamped.entries[0])).toEqual({
      name: 'Bob',
      role: 'participant',
      memberId: 'bob-id',
      color: '#111111',
      roleNumber: 1,
    })
    expect(JSON.parse(stamped.entries[0].json).cursor).toEqual({ x: 1 })
    expect(stamped.entries[0].clock).toBe(2)
  })

  it('fills in a member id the client does not know yet, without calling it an impersonation', () => {
    const identity = new AwarenessIdentity<Speaker>()
    const stamped = identity.stamp(marie, [entry({ user: { name: 'Marie', role: 'facilitator', memberId: '' } })])
    expect(stamped.impersonations).toBe(0)
    expect(user(stamped.entries[0])).toMatchObject({ name: 'Marie', memberId: 'marie-id' })
  })

  it('keeps a hidden (empty) name empty, and pins the first name shown', () => {
    const identity = new AwarenessIdentity<Speaker>()
    expect(
      user(identity.stamp(bob, [entry({ user: { name: '', role: 'participant', memberId: 'bob-id' } })]).entries[0])
        .name,
    ).toBe('')
    expect(identity.nameOf(bob)).toBe('')
    identity.stamp(bob, [entry({ user: { name: '  Bob   B. ', role: 'participant', memberId: 'bob-id' } })])
    expect(identity.nameOf(bob)).toBe('Bob B.')
    expect(
      user(identity.stamp(bob, [entry({ user: { name: '', role: 'participant', memberId: 'bob-id' } })]).entries[0])
        .name,
    ).toBe('')
    expect(
      user(identity.stamp(bob, [entry({ user: { name: 'Eve', role: 'participant', memberId: 'bob-id' } })]).entries[0])
        .name,
    ).toBe('Bob B.')
  })

  it('holds a top-level name to the same rule, passes removals and non-presence states through, throws on bad JSON', () => {
    const identity = new AwarenessIdentity<Speaker>()
    identity.stamp(bob, [entry({ name: 'Bob' })])
    expect(JSON.parse(identity.stamp(bob, [entry({ name: 'Marie' })]).entries[0].json)).toEqual({ name: 'Bob' })
    const removal: AwarenessEntry = { clientId: 1, clock: 3, json: 'null' }
    const plain = entry({ cursor: { x: 1 } })
    const list = entry([1, 2])
    expect(identity.stamp(bob, [removal, plain, list])).toEqual({
      entries: [
        { ...removal, state: null },
        { ...plain, state: { cursor: { x: 1 } } },
        { ...list, state: [1, 2] },
      ],
      changed: false,
      impersonations: 0,
    })
    expect(() => identity.stamp(bob, [{ clientId: 1, clock: 4, json: '{nope' }])).toThrow()
  })

  it('numbers members per role in order of arrival, the same number for every connection of a member', () => {
    const identity = new AwarenessIdentity<Speaker>()
    const ana: Speaker = { role: 'participant', memberId: 'ana-id' }
    const vic: Speaker = { role: 'viewer', memberId: 'vic-id' }
    expect(identity.roleNumberOf(marie)).toBe(1)
    expect(identity.roleNumberOf(bob)).toBe(1)
    expect(identity.roleNumberOf(ana)).toBe(2)
    expect(identity.roleNumberOf(vic)).toBe(1)
    // Bob again, on a new connection (a reconnect, a second tab): still 1; no number reused.
    const bobAgain: Speaker = { role: 'participant', memberId: 'bob-id' }
    expect(identity.roleNumberOf(bobAgain)).toBe(1)
    expect(identity.roleNumberOf({ role: 'participant', memberId: 'cem-id' })).toBe(3)
    // A claimed number is replaced by the server's.
    const stamped = identity.stamp(ana, [
      entry({ user: { name: 'Ana', role: 'participant', memberId: 'ana-id', roleNumber: 1 } }),
    ])
    expect(stamped.changed).toBe(true)
    expect(user(stamped.entries[0]).roleNumber).toBe(2)
  })
})
