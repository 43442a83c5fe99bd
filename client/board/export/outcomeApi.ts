import type { CreatedWorkshop } from '../../../shared/workshop'

/**
 * The facilitator's calls about outcomes: exports, checkpoints, import, deletion. The
 * capability token is the one of the page's link (`#token=…`, client/addressToken.ts), sent as a Bearer
 * header; it never goes into a URL the server sees.
 */

export type ExportFormat = 'json' | 'md' | 'csv'

/** A checkpoint as the list shows it. */
export interface Checkpoint {
  id: string
  name: string
  author: string
  createdAt: number
  automatic: boolean
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; message: string }

/** `attachment; filename="x.md"` → `x.md`. */
export function fileNameFrom(disposition: string | null, fallback: string): string {
  const match = disposition ? /filename="([^"]+)"/.exec(disposition) : null
  return match ? match[1] : fallback
}

async function failure(response: Response): Promise<{ ok: false; status: number; message: string }> {
  const body = (await response.json().catch(() => null)) as { error?: unknown; details?: unknown } | null
  const error = typeof body?.error === 'string' ? body.error : `HTTP ${response.status}`
  const details = Array.isArray(body?.details) ? body.details.filter((d): d is string => typeof d === 'string') : []
  return {
    ok: false,
    status: response.status,
    message: details.length > 0 ? `${error} — ${details.slice(0, 3).join(' ; ')}` : error,
  }
}

async function call<T>(
  path: string,
  token: string | null,
  init: RequestInit = {},
  read: (r: Response) => Promise<T>,
): Promise<Outcome<T>> {
  const headers: Record<string, string> = {
    Accept: 'application/json',
    ...(init.headers as Record<string, string> | undefined),
  }
  if (token) headers.Authorization = `Bearer ${token}`
  let response: Response
  try {
    response = await fetch(path, { ...init, headers })
  } catch {
    return { ok: false, status: 0, message: 'network' }
  }
  if (!response.ok) return failure(response)
  return { ok: true, value: await read(response) }
}

const json = <T>(r: Response) => r.json() as Promise<T>
const base = (workshopId: string) => `/api/workshops/${encodeURIComponent(workshopId)}`

/** One export as a file: its bytes and the name the server gave it. CSV comes as three tables. */
export function fetchExport(
  workshopId: string,
  token: string,
  format: ExportFormat,
  table?: 'cards' | 'votes' | 'compass',
): Promise<Outcome<{ blob: Blob; name: string }>> {
  const query = table ? `format=${format}&table=${table}` : `format=${format}`
  return call(`${base(workshopId)}/export?${query}`, token, {}, async (r) => ({
    blob: await r.blob(),
    name: fileNameFrom(r.headers.get('Content-Disposition'), `atelier.${format}`),
  }))
}

/** The export's text (the report reads the sheet and the JSON). */
export function fetchExportText(workshopId: string, token: string, format: ExportFormat): Promise<Outcome<string>> {
  return call(`${base(workshopId)}/export?format=${format}`, token, {}, (r) => r.text())
}

export function listCheckpoints(workshopId: string, token: string): Promise<Outcome<Checkpoint[]>> {
  return call(
    `${base(workshopId)}/checkpoints`,
    token,
    {},
    async (r) => (await json<{ checkpoints: Checkpoint[] }>(r)).checkpoints,
  )
}

const jsonBody = (body: unknown): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
})

export function saveCheckpoint(
  workshopId: string,
  token: string,
  name: string,
  author: string,
): Promise<Outcome<Checkpoint>> {
  return call(
    `${base(workshopId)}/checkpoints`,
    token,
    jsonBody({ name, author }),
    async (r) => (await json<{ checkpoint: Checkpoint }>(r)).checkpoint,
  )
}

export function restoreCheckpoint(
  workshopId: string,
  token: string,
  checkpointId: string,
  author: string,
): Promise<Outcome<{ restored: Checkpoint; before: Checkpoint }>> {
  return call(
    `${base(workshopId)}/checkpoints/${encodeURIComponent(checkpointId)}/restore`,
    token,
    jsonBody({ author }),
    json<{ restored: Checkpoint; before: Checkpoint }>,
  )
}

export function deleteCheckpoint(workshopId: string, token: string, checkpointId: string): Promise<Outcome<null>> {
  return call(
    `${base(workshopId)}/checkpoints/${encodeURIComponent(checkpointId)}`,
    token,
    { method: 'DELETE' },
    async () => null,
  )
}

/** Deletes the workshop for good; open boards are closed by the server (4410). */
export function deleteWorkshop(workshopId: string, token: string): Promise<Outcome<null>> {
  return call(base(workshopId), token, { method: 'DELETE' }, async () => null)
}

/** Creates a new workshop from an export file's text. */
export function importWorkshop(text: string): Promise<Outcome<CreatedWorkshop>> {
  return call(
    '/api/workshops/import',
    null,
    { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text },
    json<CreatedWorkshop>,
  )
}

/** Saves a file the way a download link would. */
export function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.rel = 'noopener'
  document.body.append(link)
  link.click()
  link.remove()
  // The download has started from the URL; free it once the browser has read it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000)
}
