import { spawnSync } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildExport } from '../../shared/export'
import { workshopInput } from '../../shared/export/testWorkshop'
import { removeVolume, startContainer } from '../helpers/container'
import { connectClient, createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'
import { geoShape } from '../helpers/records'

/**
 * The smoke test: what an operator does first, on the server bundle as `npm start` and systemd
 * run it, under the Node that runs this file. The suite runs on the pinned Node 24; `.ci/run`
 * also runs this file alone under Node 22 and 26 (`scripts/smoke.sh`). With `SMOKE_IMAGE` set
 * (`scripts/container-smoke.sh`) the same steps run against that container image instead, its
 * `/data` volume kept across the `kill -9`.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const OUT_DIR = join(ROOT, '.tmp', `smoke-bundle-${process.pid}`)
const BUNDLE = join(OUT_DIR, 'main.mjs')
const IMAGE = process.env.SMOKE_IMAGE

function start(dataDir?: string): Promise<TestServer> {
  return IMAGE ? startContainer({ image: IMAGE, volume: dataDir }) : startServer({ bundle: BUNDLE, dataDir })
}

let server: TestServer
let dataDir = ''
beforeAll(async () => {
  if (!IMAGE) {
    mkdirSync(OUT_DIR, { recursive: true })
    const built = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-server.mjs'), '--outfile', BUNDLE], {
      cwd: ROOT,
      encoding: 'utf8',
    })
    if (built.status !== 0) throw new Error(`build-server failed:\n${built.stderr}`)
  }
  server = await start()
  dataDir = server.dataDir
})
afterAll(async () => {
  await server?.stop()
  // The restarted server was given the first one's data dir (or volume), so it is ours to remove.
  if (IMAGE) {
    if (dataDir) removeVolume(dataDir)
  } else {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
    rmSync(OUT_DIR, { recursive: true, force: true })
  }
})

describe(IMAGE ? `smoke on the image ${IMAGE}` : `smoke on Node ${process.versions.node}`, () => {
  it('health, a workshop, two clients in sync, the JSON export, an import, kill -9 and a restart keep the board', async () => {
    expect(await (await fetch(`${server.url}/api/health`)).json()).toMatchObject({ status: 'ok' })

    const w = await createWorkshop(server.url, { title: 'Atelier fumée' })
    const a = connectClient(server.url, w.id, w.tokens.facilitator)
    const b = connectClient(server.url, w.id, w.tokens.participant)
    try {
      a.kv.set('shape:smoke-a', { ...geoShape('shape:smoke-a'), meta: { note: 'écrit par A' } })
      b.kv.set('shape:smoke-b', { ...geoShape('shape:smoke-b'), meta: { note: 'écrit par B' } })
      await waitFor(
        () => a.kv.has('shape:smoke-b') && b.kv.has('shape:smoke-a'),
        15_000,
        'each client to get the other’s edit',
      )
    } finally {
      a.destroy()
      b.destroy()
    }

    const exported = await fetch(`${server.url}/api/workshops/${w.id}/export?format=json`, {
      headers: { authorization: `Bearer ${w.tokens.facilitator}` },
    })
    expect(exported.status).toBe(200)
    const doc = (await exported.json()) as {
      format: string
      workshop: { title: string }
      board: { records: { id: string }[] }
    }
    expect(doc.format).toBe('coalition-board/workshop@1')
    expect(doc.workshop.title).toBe('Atelier fumée')
    expect(doc.board.records.map((r) => r.id)).toEqual(expect.arrayContaining(['shape:smoke-a', 'shape:smoke-b']))
    // Imports run in the import worker built beside the bundle (dist-server/importWorker.mjs).
    const post = (body: string) =>
      fetch(`${server.url}/api/workshops/import`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      })
    expect((await post(JSON.stringify(buildExport(workshopInput())))).status).toBe(201)
    expect(await (await post('[[[')).json()).toMatchObject({ error: 'import is not valid JSON' })

    await server.kill()
    server = await start(dataDir)
    const c = connectClient(server.url, w.id, w.tokens.viewer)
    try {
      await waitFor(
        () => c.provider.synced && c.kv.has('shape:smoke-a') && c.kv.has('shape:smoke-b'),
        15_000,
        'the board after kill -9 and a restart',
      )
      expect(c.kv.get('shape:smoke-b')).toMatchObject({ meta: { note: 'écrit par B' } })
    } finally {
      c.destroy()
    }
  })
})
