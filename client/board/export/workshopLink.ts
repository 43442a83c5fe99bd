import { routeFromAddress } from '../../addressToken'

/** The workshop and token of the page's own link (`/w/<id>#token=…`, or its report; the token kept once out of the address bar). */
export function pageLink(): { workshopId: string; token: string } | null {
  const route = routeFromAddress()
  if ((route.name !== 'board' && route.name !== 'report') || !route.token) return null
  return { workshopId: route.workshopId, token: route.token }
}

/** The printable report of a workshop, opened with the same token. */
export function reportUrl(workshopId: string, token: string): string {
  return `/w/${encodeURIComponent(workshopId)}/report#token=${encodeURIComponent(token)}`
}
