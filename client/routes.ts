/** The app's routes, parsed from the location without a router library. */
export type Route =
  | { name: 'landing' }
  | { name: 'board'; workshopId: string; token: string | null }
  /** The printable outcome report of a workshop (facilitator token). */
  | { name: 'report'; workshopId: string; token: string | null }
  /** A programme space (admin or read-only token). */
  | { name: 'space'; spaceId: string; token: string | null }
  | { name: 'not-found' }

/**
 * `/` is the landing page, `/w/<id>` a board, `/w/<id>/report` its printable report, `/s/<id>`
 * a programme space. The
 * capability token travels in the fragment (`#token=…`) so it never reaches the server's
 * logs or a Referer header.
 */
export function parseRoute(pathname: string, hash: string): Route {
  if (pathname === '/' || pathname === '/index.html') return { name: 'landing' }
  const token = () => new URLSearchParams(hash.replace(/^#/, '')).get('token') || null
  const board = /^\/w\/([^/]+)\/?$/.exec(pathname)
  if (board) return { name: 'board', workshopId: decodeURIComponent(board[1]), token: token() }
  const report = /^\/w\/([^/]+)\/report\/?$/.exec(pathname)
  if (report) return { name: 'report', workshopId: decodeURIComponent(report[1]), token: token() }
  const space = /^\/s\/([^/]+)\/?$/.exec(pathname)
  if (space) return { name: 'space', spaceId: decodeURIComponent(space[1]), token: token() }
  return { name: 'not-found' }
}
