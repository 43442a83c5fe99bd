import type { Role } from '../../shared/protocol'
import { isTimeZone } from '../../shared/timeZone'
import type { CreatedWorkshop, CreateWorkshop, WorkshopMeta } from '../../shared/workshop'

/** `GET /api/workshops/<id>`: the metadata plus the role the token grants. */
export interface WorkshopAccess extends WorkshopMeta {
  role: Role
}

/** `GET /api/config`. */
export interface ClientConfig {
  tldrawLicenseKey: string | null
  publicUrl: string
}

/** An answer the UI has a page for, rather than an exception. */
export type ApiResult<T> =
  | { ok: true; value: T }
  | {
      ok: false
      kind: 'invalid-link' | 'not-found' | 'forbidden' | 'unreachable' | 'error'
      status?: number
      message?: string
    }

async function request<T>(path: string, init: RequestInit): Promise<ApiResult<T>> {
  let response: Response
  try {
    response = await fetch(path, { ...init, headers: { Accept: 'application/json', ...init.headers } })
  } catch {
    return { ok: false, kind: 'unreachable' }
  }
  if (response.ok) return { ok: true, value: (await response.json()) as T }
  const message = await response
    .json()
    .then((body: { error?: unknown }) => (typeof body.error === 'string' ? body.error : undefined))
    .catch(() => undefined)
  const kind =
    response.status === 401
      ? 'invalid-link'
      : response.status === 404
        ? 'not-found'
        : response.status === 403
          ? 'forbidden'
          : response.status === 502 || response.status === 503 || response.status === 504
            ? 'unreachable'
            : 'error'
  return { ok: false, kind, status: response.status, message }
}

/** Creates a workshop; the answer holds the three capability links. */
export function createWorkshop(body: CreateWorkshop): Promise<ApiResult<CreatedWorkshop>> {
  // The facilitator's time zone, unless the caller chose one: every date of the workshop is in it.
  const timeZone = body.timeZone ?? browserTimeZone()
  return request('/api/workshops', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(timeZone ? { ...body, timeZone } : body),
  })
}

/** The browser's IANA time zone, if it names one the server accepts (else the server's default, Paris). */
export function browserTimeZone(): string | undefined {
  try {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone
    return zone && isTimeZone(zone) ? zone : undefined
  } catch {
    return undefined
  }
}

/** Reads a workshop with a capability token: its metadata and the token's role. */
export function getWorkshop(id: string, token: string): Promise<ApiResult<WorkshopAccess>> {
  return request(`/api/workshops/${encodeURIComponent(id)}`, { headers: { Authorization: `Bearer ${token}` } })
}

/** Server settings the client needs (tldraw license key, public URL). */
export function getConfig(): Promise<ApiResult<ClientConfig>> {
  return request('/api/config', {})
}
