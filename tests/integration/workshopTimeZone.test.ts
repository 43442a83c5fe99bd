import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ExportDocument } from '../../shared/export/schema'
import { connectClient, createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'

/**
 * Issue 18: one time zone per workshop, chosen at creation (the page sends the browser's),
 * validated as an IANA name, kept by the workshop and used by its exports (the sheet's
 * date, file names); a workshop created without one stays in Europe/Paris.
 */

let server: TestServer
beforeAll(async () => {
  server = await startServer()
})
afterAll(async () => {
  await server?.stop()
})

async function exportJson(id: string, token: string): Promise<ExportDocument> {
  const res = await fetch(`${server.url}/api/workshops/${id}/export?format=json`, {
    headers: { authorization: `Bearer ${token}` },
  })
  expect(res.status).toBe(200)
  return (await res.json()) as ExportDocument
}

describe('a workshop’s time zone', () => {
  it('is the one chosen at creation, seen by peers, and carried by exports and an imported copy', async () => {
    const w = await createWorkshop(server.url, { title: 'Atelier à Montréal', timeZone: 'America/Montreal' })
    const doc = await exportJson(w.id, w.tokens.facilitator)
    expect(doc.workshop.timeZone).toBe('America/Montreal')
    expect(doc.control.meta).toMatchObject({ title: 'Atelier à Montréal', timeZone: 'America/Montreal' })

    // Every page of the workshop learns it with the meta section.
    const client = connectClient(server.url, w.id, w.tokens.participant)
    try {
      await waitFor(() => client.control.length > 0, 15_000, 'welcome')
      const first = client.control[0]
      expect(first.kind === 'state' && first.public?.meta).toMatchObject({ timeZone: 'America/Montreal' })
    } finally {
      client.destroy()
    }

    // An imported copy keeps it.
    const imported = await fetch(`${server.url}/api/workshops/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(doc),
    })
    expect(imported.status).toBe(201)
    const copy = (await imported.json()) as { id: string; links: { facilitator: string } }
    const token = new URL(copy.links.facilitator).hash.replace(/^#token=/, '')
    expect((await exportJson(copy.id, token)).workshop.timeZone).toBe('America/Montreal')
  })

  it('defaults to Europe/Paris, and a bad name is refused with a clear error', async () => {
    const w = await createWorkshop(server.url, { title: 'Sans fuseau' })
    expect((await exportJson(w.id, w.tokens.facilitator)).workshop.timeZone).toBe('Europe/Paris')

    const res = await fetch(`${server.url}/api/workshops`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Fuseau inconnu', timeZone: 'Mars/Olympus' }),
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toEqual({
      error: 'invalid workshop',
      details: [{ path: 'timeZone', message: 'timeZone must be an IANA time zone name such as Europe/Paris' }],
    })
  })
})
