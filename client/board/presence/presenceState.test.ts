import { describe, expect, it } from 'vitest'
import { isActivity, parsePresence, presenceUserKey, viewPageBounds } from './presenceState'

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

describe('published view', () => {
  it('keeps a well-formed view and followed user, drops broken ones', () => {
    const view = { camera: { x: -100, y: -50, z: 2 }, screenBounds: { x: 0, y: 0, w: 800, h: 600 } }
    expect(parsePresence({ ...valid, view, followingUserId: 'user:member-m2' })).toMatchObject({
      view,
      followingUserId: 'user:member-m2',
    })
    const broken = parsePresence({
      ...valid,
      view: { camera: { x: 0, y: 0, z: 0 }, screenBounds: view.screenBounds },
      followingUserId: 'javascript:1',
    })
    expect(broken?.view).toBeUndefined()
    expect(broken?.followingUserId).toBeUndefined()
    expect(
      parsePresence({ ...valid, view: { camera: view.camera, screenBounds: { x: 0, y: 0, w: Infinity, h: 1 } } })?.view,
    ).toBeUndefined()
  })

  it('gives the page area someone sees', () => {
    expect(viewPageBounds({ camera: { x: -100, y: -50, z: 2 }, screenBounds: { x: 0, y: 0, w: 800, h: 600 } })).toEqual(
      { x: 100, y: 50, w: 400, h: 300 },
    )
  })

  it('counts a moved view as activity', () => {
    const view = { camera: { x: 0, y: 0, z: 1 }, screenBounds: { x: 0, y: 0, w: 800, h: 600 } }
    const p = parsePresence({ ...valid, view })!
    expect(isActivity(p, { ...p, view: { ...view, camera: { x: 5, y: 0, z: 1 } } })).toBe(true)
    expect(isActivity(p, { ...p })).toBe(false)
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

  it('keeps the number the server gave a presence, and only a positive whole one', () => {
    const user = { name: 'A', role: 'participant', memberId: 'm', color: '#123456' }
    expect(parsePresence({ user: { ...user, roleNumber: 3 } })?.user.roleNumber).toBe(3)
    for (const roleNumber of [0, -1, 2.5, '3', null, Number.MAX_VALUE])
      expect(parsePresence({ user: { ...user, roleNumber } })?.user).not.toHaveProperty('roleNumber')
  })
})
