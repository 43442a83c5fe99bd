import { describe, expect, it } from 'vitest'
import { isActivity, parsePresence, presenceUserKey } from './presenceState'

const valid = {
  user: { name: 'Awa', color: '#1E56C8', role: 'participant', memberId: 'm1' },
  cursor: { x: 10, y: 20, type: 'default', rotation: 0 },
  selection: ['shape:a'],
  pageId: 'page:page',
}

describe('parsePresence', () => {
  it('reads a well-formed presence', () => {
    expect(parsePresence(valid)).toEqual(valid)
  })

  it('returns null for states that are not presences', () => {
    expect(parsePresence(null)).toBeNull()
    expect(parsePresence({})).toBeNull()
    expect(parsePresence({ user: 'x' })).toBeNull()
  })

  it('sanitises hostile fields instead of passing them to tldraw', () => {
    const parsed = parsePresence({
      user: { name: 'x'.repeat(500), color: 'url(javascript:1)', role: 'admin', memberId: 3 },
      cursor: { x: Number.NaN, y: 1 },
      selection: ['shape:a', 42, 'page:p', 'shape:b'],
      pageId: 'instance:x',
    })
    expect(parsed).toEqual({
      user: { name: 'x'.repeat(40), color: '#5E35B1', role: 'participant', memberId: '' },
      cursor: null,
      selection: ['shape:a', 'shape:b'],
      pageId: null,
    })
  })
})

describe('presenceUserKey', () => {
  it('uses the member id when known, the client id otherwise', () => {
    const p = parsePresence(valid)!
    expect(presenceUserKey(7, p)).toBe('member-m1')
    expect(presenceUserKey(7, { ...p, user: { ...p.user, memberId: '' } })).toBe('client-7')
  })
})

describe('isActivity', () => {
  it('counts cursor moves, selection and page changes, not a name change', () => {
    const p = parsePresence(valid)!
    expect(isActivity(undefined, p)).toBe(true)
    expect(isActivity(p, { ...p, user: { ...p.user, name: 'B' } })).toBe(false)
    expect(isActivity(p, { ...p, cursor: { ...p.cursor!, x: 11 } })).toBe(true)
    expect(isActivity(p, { ...p, selection: [] })).toBe(true)
  })
})
