import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { connectClient, createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'

/**
 * `npm start` and the systemd unit run the server bundled by `scripts/build-server.mjs`,
 * not the sources the other tests run through tsx: the bundle must be the same server —
 * it starts, serves the API, syncs a board and keeps it across a restart.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
// Inside the repository so the bundle finds node_modules (npm packages stay external).
const OUT_DIR = join(ROOT, '.tmp', `server-bundle-${process.pid}`)
const BUNDLE = join(OUT_DIR, 'main.mjs')

let server: TestServer
let dataDir = ''
beforeAll(async () => {
  mkdirSync(OUT_DIR, { recursive: true })
  const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs'), '--outfile', BUNDLE], { cwd: ROOT, encoding: 'utf8' })
  if (built.status !== 0) throw new Error(`build-server failed:\n${built.stderr}`)
  server = await startServer({ bundle: BUNDLE })
  dataDir = server.dataDir
})
afterAll(async () => {
  await server?.stop()
  // The restarted server was given the first one's data dir, so it is ours to remove.
  if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  rmSync(OUT_DIR, { recursive: true, force: true })
})

describe('the bundled server', () => {
  it('serves the API and syncs a board that survives a restart', async () => {
    const health = await fetch(`${server.url}/api/health`)
    expect(await health.json()).toMatchObject({ status: 'ok' })
    const w = await createWorkshop(server.url, { title: 'Atelier livré' })
    const a = connectClient(server.url, w.id, w.tokens.participant)
    const b = connectClient(server.url, w.id, w.tokens.participant)
    try {
      a.kv.set('shape:bundled', { id: 'shape:bundled', typeName: 'shape', note: 'écrit avec le serveur livré' })
      await waitFor(() => b.kv.has('shape:bundled'), 15_000, 'the other client to get it')
    } finally {
      a.destroy()
      b.destroy()
    }
    await server.kill()
    server = await startServer({ bundle: BUNDLE, dataDir })
    const c = connectClient(server.url, w.id, w.tokens.viewer)
    try {
      await waitFor(() => c.provider.synced && c.kv.has('shape:bundled'), 15_000, 'the board after a restart')
      expect(c.kv.get('shape:bundled')).toMatchObject({ note: 'écrit avec le serveur livré' })
    } finally {
      c.destroy()
    }
  })
})
