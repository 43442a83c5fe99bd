import { describe, expect, it } from 'vitest'
import { routeFromAddress, type AddressBar } from './addressToken'

/** An address bar, a history and a tab's sessionStorage, as plain objects. */
function tab(url: string, options: { storage?: 'ok' | 'missing' | 'throws' } = {}) {
  const parsed = new URL(url, 'https://board.example.org')
  const store = new Map<string, string>()
  const bar: AddressBar & { replaced: string[] } = {
    location: { pathname: parsed.pathname, search: parsed.search, hash: parsed.hash },
    replaced: [],
    history: {
      state: { from: 'router' },
      replaceState(state: unknown, _unused: string, next?: string | URL | null) {
        expect(state).toEqual({ from: 'router' })
        const u = new URL(String(next), 'https://board.example.org')
        bar.location = { pathname: u.pathname, search: u.search, hash: u.hash }
        bar.replaced.push(String(next))
      },
    },
    sessionStorage:
      options.storage === 'missing'
        ? undefined
        : {
            getItem: (k: string) => {
              if (options.storage === 'throws') throw new Error('SecurityError')
              return store.get(k) ?? null
            },
            setItem: (k: string, v: string) => {
              if (options.storage === 'throws') throw new Error('QuotaExceededError')
              store.set(k, v)
            },
          },
  }
  return bar
}

describe('the token leaves the address bar', () => {
  it('reads the board token, drops the fragment, and finds the token again on reload', () => {
    const bar = tab('/w/abc#token=secret-1')
    expect(routeFromAddress(bar)).toEqual({ name: 'board', workshopId: 'abc', token: 'secret-1' })
    expect(bar.replaced).toEqual(['/w/abc'])
    expect(bar.location.hash).toBe('')
    // Reload: same tab, no fragment.
    expect(routeFromAddress(bar)).toEqual({ name: 'board', workshopId: 'abc', token: 'secret-1' })
    expect(bar.replaced).toHaveLength(1)
  })

  it('does the same for a space and a report, each with its own token', () => {
    const bar = tab('/s/sp1?x=1#token=admin-t')
    expect(routeFromAddress(bar)).toEqual({ name: 'space', spaceId: 'sp1', token: 'admin-t' })
    expect(bar.replaced).toEqual(['/s/sp1?x=1'])
    bar.location = { pathname: '/w/abc/report', search: '', hash: '#token=fac' }
    expect(routeFromAddress(bar)).toEqual({ name: 'report', workshopId: 'abc', token: 'fac' })
    bar.location = { pathname: '/s/sp1', search: '', hash: '' }
    expect(routeFromAddress(bar)).toMatchObject({ token: 'admin-t' })
    bar.location = { pathname: '/w/abc', search: '', hash: '' }
    expect(routeFromAddress(bar)).toMatchObject({ token: null })
  })

  it('lets a newly pasted link replace the kept token', () => {
    const bar = tab('/w/abc#token=viewer')
    routeFromAddress(bar)
    bar.location = { pathname: '/w/abc', search: '', hash: '#token=facilitator' }
    expect(routeFromAddress(bar)).toMatchObject({ token: 'facilitator' })
    bar.location = { pathname: '/w/abc', search: '', hash: '' }
    expect(routeFromAddress(bar)).toMatchObject({ token: 'facilitator' })
  })

  it('keeps the fragment when the tab cannot keep the token, so a reload still works', () => {
    for (const storage of ['missing', 'throws'] as const) {
      const bar = tab('/w/abc#token=secret', { storage })
      expect(routeFromAddress(bar)).toMatchObject({ token: 'secret' })
      expect(bar.replaced).toEqual([])
      expect(routeFromAddress(bar)).toMatchObject({ token: 'secret' })
    }
  })

  it('leaves the landing page and unknown pages alone', () => {
    const landing = tab('/#token=x')
    expect(routeFromAddress(landing)).toEqual({ name: 'landing' })
    const unknown = tab('/nope#token=x')
    expect(routeFromAddress(unknown)).toEqual({ name: 'not-found' })
    expect([...landing.replaced, ...unknown.replaced]).toEqual([])
  })
})
