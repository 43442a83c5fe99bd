/** The app's routes, parsed from the location without a router library. */
export type Route =
  | { name: 'landing' }
  | { name: 'board'; workshopId: string; token: string | null }
  | { name: 'not-found' }

/**
 * `/` is the landing page, `/w/<id>` a board. The capability token travels in the fragment
 * (`#token=…`) so it never reaches the server's logs or a Referer header.
 */
export function parseRoute(pathname: string, hash: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { name: 'landing' }
  const board = /^\/w\/([^/]+)\/?$/.exec(pathname)
  if (board) {
    const token = new URLSearchParams(hash.replace(/^#/, '')).get('token')
    return { name: 'board', workshopId: decodeURIComponent(board[1]), token: token || null }
  }
  return { name: 'not-found' }
}
