import Database from 'better-sqlite3'
import { createHash, randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol'
import { connectClient, createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'

/**
 * « Partager »: the participant and viewer links are derived from the facilitator token,
 * so the server shows them again to the facilitator (and only to them) without storing
 * them; an older workshop (random links, only hashes stored) answers `recoverable: false`
 * until « Nouveaux liens » replaces its links, closing the old links' sockets with
 * `linkReplaced` and refusing the old tokens afterwards.
 */

let server: TestServer

beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

function links(id: string, token: string, method: 'GET' | 'POST' = 'GET'): Promise<Response> {
  return fetch(`${server.url}/api/workshops/${id}/links${method === 'POST' ? '/rotate' : ''}`, {
    method,
    headers: { authorization: `Bearer ${token}` },
  })
}

const status = (id: string, token: string) =>
  fetch(`${server.url}/api/workshops/${id}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.status)

/** Makes a workshop look created before derivation: random participant and viewer tokens. */
function makeOlder(id: string): { participant: string; viewer: string } {
  const older = { participant: randomBytes(32).toString('base64url'), viewer: randomBytes(32).toString('base64url') }
  const db = new Database(join(server.dataDir, 'coalition.db'))
  try {
    db.pragma('busy_timeout = 5000')
    for (const role of ['participant', 'viewer'] as const) {
      db.prepare('UPDATE tokens SET hash = ? WHERE workshop_id = ? AND role = ?').run(
        createHash('sha256').update(older[role]).digest(),
        id,
        role,
      )
    }
  } finally {
    db.close()
  }
  return older
}

describe('shared links', () => {
  it('a new workshop shows its participant and viewer links again to its facilitator, and to nobody else', async () => {
    const w = await createWorkshop(server.url)
    const res = await links(w.id, w.tokens.facilitator)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ recoverable: true, links: w.links })
    expect((await links(w.id, w.tokens.participant)).status).toBe(403)
    expect((await links(w.id, w.tokens.viewer)).status).toBe(403)
    expect((await links(w.id, w.tokens.participant, 'POST')).status).toBe(403)
    expect((await links(w.id, randomBytes(32).toString('base64url'))).status).toBe(401)
  })

  it('an imported workshop derives its links too', async () => {
    const w = await createWorkshop(server.url, { title: 'À copier' })
    const backup = await fetch(`${server.url}/api/workshops/${w.id}/export?format=json`, {
      headers: { authorization: `Bearer ${w.tokens.facilitator}` },
    }).then((r) => r.text())
    const imported = await fetch(`${server.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: backup,
    })
    expect(imported.status).toBe(201)
    const copy = (await imported.json()) as {
      id: string
      title: string
      links: Record<'facilitator' | 'participant' | 'viewer', string>
    }
    expect(copy.title).toMatch(/^À copier \(copie du .+\)$/)
    const token = new URL(copy.links.facilitator).hash.slice('#token='.length)
    expect(await (await links(copy.id, token)).json()).toEqual({ recoverable: true, links: copy.links })
  })

  it('an older workshop cannot show its links; « Nouveaux liens » replaces them and disconnects the old ones', async () => {
    const w = await createWorkshop(server.url)
    const older = makeOlder(w.id)
    expect(await (await links(w.id, w.tokens.facilitator)).json()).toEqual({ recoverable: false })

    const facilitator = connectClient(server.url, w.id, w.tokens.facilitator)
    const participant = connectClient(server.url, w.id, older.participant)
    const viewer = connectClient(server.url, w.id, older.viewer)
    try {
      await waitFor(
        () => facilitator.provider.synced && participant.provider.synced && viewer.provider.synced,
        10_000,
        'three clients synced',
      )

      const res = await links(w.id, w.tokens.facilitator, 'POST')
      expect(res.status).toBe(200)
      const answer = (await res.json()) as { recoverable: true; links: typeof w.links }
      // Derived from the same facilitator token: exactly the links a new workshop would have.
      expect(answer).toEqual({ recoverable: true, links: w.links })

      await waitFor(
        () =>
          participant.closeCodes.includes(CloseCode.linkReplaced) && viewer.closeCodes.includes(CloseCode.linkReplaced),
        10_000,
        'old links closed',
      )
      expect(facilitator.closeCodes).toEqual([])
      expect(await status(w.id, older.participant)).toBe(401)
      expect(await status(w.id, older.viewer)).toBe(401)
      expect(await status(w.id, w.tokens.participant)).toBe(200)
      expect(await status(w.id, w.tokens.facilitator)).toBe(200)
      expect(await (await links(w.id, w.tokens.facilitator)).json()).toEqual({ recoverable: true, links: w.links })
    } finally {
      facilitator.destroy()
      participant.destroy()
      viewer.destroy()
    }
  })
})
