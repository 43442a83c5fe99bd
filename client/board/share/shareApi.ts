import type { SharedLinks } from '../../../shared/workshop'

/**
 * The facilitator's calls for « Partager »: read the links again (recomputed by the server
 * from the facilitator token) and, for an older workshop, replace them. The token goes in a
 * Bearer header, never in a URL.
 */
export type ShareOutcome = { ok: true; value: SharedLinks } | { ok: false; status: number }

async function call(path: string, token: string, method: 'GET' | 'POST'): Promise<ShareOutcome> {
  try {
    const response = await fetch(path, {
      method,
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
    })
    if (!response.ok) return { ok: false, status: response.status }
    return { ok: true, value: (await response.json()) as SharedLinks }
  } catch {
    return { ok: false, status: 0 }
  }
}

const base = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}/links`

export function fetchSharedLinks(workshopId: string, token: string): Promise<ShareOutcome> {
  return call(base(workshopId), token, 'GET')
}

/** « Nouveaux liens »: the old participant and viewer links stop working, their sockets close. */
export function replaceSharedLinks(workshopId: string, token: string): Promise<ShareOutcome> {
  return call(`${base(workshopId)}/rotate`, token, 'POST')
}
