import type { ResultMessage } from '../../shared/control/messages'
import { sendCommand, type TestClient } from './server'
import { noteShape } from './records'

/**
 * Helpers for tests with several servers on one database (integration/cluster.test.ts,
 * integration/nginx.test.ts): control commands through a `TestClient`, the latest view of a
 * section it received, a note record, percentiles, the rooms a server holds.
 */

/** The operator token the cluster tests' servers run with (`/api/health/rooms`). */
export const OPERATOR_TOKEN = 'cluster-tests-operator-token-0123456789'

/** The workshop ids a server holds right now, as its operator sees them. */
export async function roomsHeldBy(serverUrl: string): Promise<{ id: string; connections: number }[]> {
  const res = await fetch(`${serverUrl}/api/health/rooms`, { headers: { authorization: `Bearer ${OPERATOR_TOKEN}` } })
  if (res.status !== 200) throw new Error(`/api/health/rooms answered ${res.status}`)
  return ((await res.json()) as { rooms: { id: string; connections: number }[] }).rooms
}

/** Sends a control command on the client's socket and resolves with the server's result (`sendCommand`, 20 s per wait). */
export function command(
  client: TestClient,
  cmd: { type: string } & Record<string, unknown>,
  timeoutMs = 20_000,
): Promise<ResultMessage> {
  return sendCommand(client, cmd, timeoutMs)
}

/** The latest public view of `section` the client received (welcome or push). */
export function latestPublic<T>(client: TestClient, section: string): T | undefined {
  let view: T | undefined
  for (const m of client.control) {
    if (m.kind === 'state' && m.public && section in m.public) view = m.public[section] as T
  }
  return view
}

/** A sticky note as tldraw writes it (the server validates every record). */
export const note = (id: string, text: string) => noteShape(id, text)

/** The p-th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]
}
