import { parseRoute, type Route } from './routes'

/**
 * A link's token leaves the address bar as soon as the page has read it: kept in this tab's
 * sessionStorage (a reload still opens the page with the same role), and the fragment
 * replaced away with `history.replaceState`. Out of the address bar, the token is not in a
 * screenshot, a screen share, the browser's history list, or a URL some script reads
 * (tldraw's licence check would send `location.href` to its CDN, if our CSP ever let it).
 * To share the page, the app shows the link itself (the facilitator's outcomes panel).
 *
 * Without sessionStorage (disabled, or full) the fragment stays: a reload must keep working.
 */

/** The part of `window` this needs: tests pass their own. */
export interface AddressBar {
  location: Pick<Location, 'pathname' | 'search' | 'hash'>
  history: Pick<History, 'replaceState' | 'state'>
  sessionStorage: Pick<Storage, 'getItem' | 'setItem'> | undefined
}

const KEY_PREFIX = 'coalition-board.link-token:'

/** One key per page a token opens: the board, its report, a space. */
function storageKey(route: Route): string | null {
  if (route.name === 'board') return `${KEY_PREFIX}w/${route.workshopId}`
  if (route.name === 'report') return `${KEY_PREFIX}w/${route.workshopId}/report`
  if (route.name === 'space') return `${KEY_PREFIX}s/${route.spaceId}`
  return null
}

/** The fragment without its `token` (nothing else the app puts there today, but keep what is). */
function fragmentWithoutToken(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  params.delete('token')
  const rest = params.toString()
  return rest ? `#${rest}` : ''
}

function readKept(bar: AddressBar, key: string): string | null {
  try {
    return bar.sessionStorage?.getItem(key) ?? null
  } catch {
    return null
  }
}

/**
 * The page's route with its token: the one in the fragment (then kept and removed from the
 * address bar), else the one this tab kept for the page. Idempotent: call it on every
 * render or address change.
 */
export function routeFromAddress(bar: AddressBar = window): Route {
  const { pathname, search, hash } = bar.location
  const route = parseRoute(pathname, hash)
  const key = storageKey(route)
  if (!key || !('token' in route)) return route
  if (route.token) {
    try {
      if (!bar.sessionStorage) return route
      bar.sessionStorage.setItem(key, route.token)
    } catch {
      return route
    }
    bar.history.replaceState(bar.history.state, '', `${pathname}${search}${fragmentWithoutToken(hash)}`)
    return route
  }
  const kept = readKept(bar, key)
  return kept ? { ...route, token: kept } : route
}
