import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CloseCode } from '../../shared/protocol'
import {
  connectClient,
  createWorkshop,
  startServer,
  waitFor,
  type TestClient,
  type TestServer,
} from '../helpers/server'
import { noteShape } from '../helpers/records'

/**
 * Durability: what a peer has seen survives `kill -9` of the server, and what a viewer
 * wrote never does (it was never stored).
 */

const servers: TestServer[] = []
const clients: TestClient[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0).reverse()) await s.stop()
})

async function start(dataDir?: string): Promise<TestServer> {
  const s = await startServer({ dataDir })
  servers.push(s)
  return s
}

function client(server: TestServer, id: string, token: string): TestClient {
  const c = connectClient(server.url, id, token)
  clients.push(c)
  return c
}

const card = (id: string, n: number) => noteShape(id, `carte ${n}`, { x: n, y: n })

describe('restart', () => {
  it('keeps every update a peer has seen across kill -9, and never a viewer update', async () => {
    const first = await start()
    const w = await createWorkshop(first.url)
    const writer = client(first, w.id, w.tokens.participant)
    const watcher = client(first, w.id, w.tokens.facilitator)
    const viewer = client(first, w.id, w.tokens.viewer)
    await waitFor(() => writer.provider.synced && watcher.provider.synced && viewer.provider.synced, 10_000, 'sync')
    viewer.kv.set('shape:viewer', card('shape:viewer', 0))
    for (let i = 1; i <= 50; i++) writer.kv.set(`shape:${i}`, card(`shape:${i}`, i))
    // The watcher seeing an update means the server persisted it first.
    await waitFor(() => watcher.kv.has('shape:50') && viewer.kv.has('shape:50'), 10_000, 'watcher sees all')

    await first.kill()
    for (const c of clients.splice(0)) c.destroy()

    const second = await start(first.dataDir)
    const reader = client(second, w.id, w.tokens.viewer)
    await waitFor(() => reader.provider.synced, 10_000, 'sync after restart')
    await waitFor(() => reader.kv.has('shape:50'), 10_000, 'state after restart')
    for (let i = 1; i <= 50; i++) expect(reader.kv.get(`shape:${i}`)).toEqual(card(`shape:${i}`, i))
    expect(reader.kv.has('shape:viewer')).toBe(false)
  })

  it('stops gracefully on SIGTERM: clients told serverRestarting, everything saved', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'coalition-graceful-'))
    try {
      const first = await start(dataDir)
      const w = await createWorkshop(first.url)
      const writer = client(first, w.id, w.tokens.participant)
      const probe = client(first, w.id, w.tokens.viewer)
      await waitFor(() => writer.provider.synced && probe.provider.synced, 10_000, 'sync')
      writer.kv.set('shape:kept', card('shape:kept', 1))
      await waitFor(() => probe.kv.has('shape:kept'), 10_000, 'relay')

      await first.stop()
      expect(first.output()).toContain('"msg":"stopped"')
      await waitFor(() => probe.closeCodes.length > 0, 10_000, 'close code')
      expect(probe.closeCodes[0]).toBe(CloseCode.serverRestarting)
      for (const c of clients.splice(0)) c.destroy()

      const second = await start(dataDir)
      const reader = client(second, w.id, w.tokens.viewer)
      await waitFor(() => reader.kv.has('shape:kept'), 10_000, 'state after restart')
      expect(reader.kv.get('shape:kept')).toEqual(card('shape:kept', 1))
      await second.stop()
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
