import type {
  AttachWorkshop,
  CoalitionRecord,
  CreateCoalition,
  CreatedSpace,
  CreateSpace,
  Decision,
  DecisionInput,
  LaunchWorkshop,
  PatchCoalition,
  PatchSpace,
  SpaceRecord,
} from '../../shared/spaces/space'
import type { SpaceView } from '../../shared/spaces/view'
import type { CreatedWorkshop } from '../../shared/workshop'
import type { ApiResult } from '../backend/workshopApi'

/**
 * The space API (`/api/spaces`) as typed calls. Tokens go in `Authorization: Bearer`, never
 * in a URL. Failures become `ApiResult` kinds the page has words for; a 400's details are
 * joined into one readable message (« cohort: cohort must be one of … »).
 */

export type SpaceResult<T> = ApiResult<T>

interface ErrorBody {
  error?: unknown
  details?: { path?: unknown; message?: unknown }[]
}

function messageOf(body: ErrorBody | undefined): string | undefined {
  if (!body || typeof body.error !== 'string') return undefined
  const details = Array.isArray(body.details)
    ? body.details.map((d) =>
        typeof d.path === 'string' && d.path ? `${d.path}: ${String(d.message)}` : String(d.message),
      )
    : []
  return details.length > 0 ? `${body.error} (${details.join('; ')})` : body.error
}

async function call<T>(path: string, init: RequestInit & { token?: string; json?: unknown }): Promise<SpaceResult<T>> {
  const headers: Record<string, string> = { Accept: 'application/json' }
  if (init.token) headers.Authorization = `Bearer ${init.token}`
  if (init.json !== undefined) headers['Content-Type'] = 'application/json'
  let response: Response
  try {
    response = await fetch(path, {
      method: init.method,
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    })
  } catch {
    return { ok: false, kind: 'unreachable' }
  }
  if (response.status === 204) return { ok: true, value: undefined as T }
  if (response.ok) return { ok: true, value: (await response.json()) as T }
  const message = messageOf(await response.json().catch(() => undefined))
  const kind =
    response.status === 401
      ? 'invalid-link'
      : response.status === 404
        ? 'not-found'
        : response.status === 403
          ? 'forbidden'
          : response.status >= 502 && response.status <= 504
            ? 'unreachable'
            : 'error'
  return { ok: false, kind, status: response.status, message }
}

const spacePath = (id: string) => `/api/spaces/${encodeURIComponent(id)}`
const coalitionPath = (id: string, cid: string) => `${spacePath(id)}/coalitions/${encodeURIComponent(cid)}`

export function createSpace(body: CreateSpace): Promise<SpaceResult<CreatedSpace>> {
  return call('/api/spaces', { method: 'POST', json: body })
}

export function getSpace(id: string, token: string): Promise<SpaceResult<SpaceView>> {
  return call(spacePath(id), { token })
}

export function patchSpace(id: string, token: string, patch: PatchSpace): Promise<SpaceResult<{ space: SpaceRecord }>> {
  return call(spacePath(id), { method: 'PATCH', token, json: patch })
}

export function createCoalition(
  id: string,
  token: string,
  body: CreateCoalition,
): Promise<SpaceResult<{ coalition: CoalitionRecord }>> {
  return call(`${spacePath(id)}/coalitions`, { method: 'POST', token, json: body })
}

export function patchCoalition(
  id: string,
  token: string,
  cid: string,
  patch: PatchCoalition,
): Promise<SpaceResult<{ coalition: CoalitionRecord }>> {
  return call(coalitionPath(id, cid), { method: 'PATCH', token, json: patch })
}

export function deleteCoalition(id: string, token: string, cid: string): Promise<SpaceResult<void>> {
  return call(coalitionPath(id, cid), { method: 'DELETE', token })
}

export function addDecision(
  id: string,
  token: string,
  cid: string,
  body: DecisionInput,
): Promise<SpaceResult<{ coalition: CoalitionRecord; decision: Decision }>> {
  return call(`${coalitionPath(id, cid)}/decisions`, { method: 'POST', token, json: body })
}

export function launchWorkshop(
  id: string,
  token: string,
  cid: string,
  body: LaunchWorkshop = {},
): Promise<SpaceResult<{ workshop: CreatedWorkshop; coalition: CoalitionRecord }>> {
  return call(`${coalitionPath(id, cid)}/workshops`, { method: 'POST', token, json: body })
}

export function attachWorkshop(
  id: string,
  token: string,
  cid: string,
  body: AttachWorkshop,
): Promise<SpaceResult<{ coalition: CoalitionRecord }>> {
  return call(`${coalitionPath(id, cid)}/attach`, { method: 'POST', token, json: body })
}

export function detachWorkshop(
  id: string,
  token: string,
  cid: string,
  workshopId: string,
): Promise<SpaceResult<{ coalition: CoalitionRecord }>> {
  return call(`${coalitionPath(id, cid)}/workshops/${encodeURIComponent(workshopId)}`, { method: 'DELETE', token })
}

/** The booklet file as the server names it, for a download link. */
export async function fetchLivret(
  id: string,
  token: string,
  format: 'md' | 'json',
): Promise<SpaceResult<{ blob: Blob; fileName: string }>> {
  let response: Response
  try {
    response = await fetch(`${spacePath(id)}/export?format=${format}`, {
      headers: { Authorization: `Bearer ${token}` },
    })
  } catch {
    return { ok: false, kind: 'unreachable' }
  }
  if (!response.ok) {
    const message = messageOf(await response.json().catch(() => undefined))
    return { ok: false, kind: response.status === 403 ? 'forbidden' : 'error', status: response.status, message }
  }
  const disposition = response.headers.get('Content-Disposition') ?? ''
  const fileName = /filename="([^"]+)"/.exec(disposition)?.[1] ?? `livret.${format}`
  return { ok: true, value: { blob: await response.blob(), fileName } }
}

/** `<origin>/w/<id>#token=<token>` → its id and token, or null when it is not a workshop link. */
export function parseWorkshopLink(link: string): { workshopId: string; token: string } | null {
  try {
    const url = new URL(link.trim())
    const id = /^\/w\/([A-Za-z0-9_-]{22})\/?$/.exec(url.pathname)?.[1]
    const token = new URLSearchParams(url.hash.replace(/^#/, '')).get('token')
    return id && token && /^[A-Za-z0-9_-]{43}$/.test(token) ? { workshopId: id, token } : null
  } catch {
    return null
  }
}
