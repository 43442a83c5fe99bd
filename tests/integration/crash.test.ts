import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { CloseCode } from '../../shared/protocol'
import { createWorkshop, startServer, waitFor, type TestClient, type TestServer } from '../helpers/server'
import { connect, missingFrom, recordsOf, startEditor, type Editor } from './crashEditors'
import { Rng } from './fuzzFrames'

/**
 * Crash recovery: the server runs as a child process while three people edit without
 * pause; it is killed with SIGKILL at a random moment, several times, then stopped with
 * SIGTERM. After each kill, before anybody reconnects, the restarted server must hold
 * every update an observer had received from it (the server stores before it relays, so
 * what anybody saw was on disk). At the end, once everybody is back, the server and every
 * client hold the union of all edits, including those made while the server was down.
 *
 * `CRASH_ROUNDS` (default 3) and `CRASH_SEED` (default random, printed) set the run.
 */

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3)
const SEED = Number(process.env.CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31))
const WRITERS = 3
const SUMMARY_FILE = fileURLToPath(new URL('../../.tmp/reliability/crash.json', import.meta.url))

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('crash recovery', () => {
  it(
    `loses nothing across ${ROUNDS} kill -9 and a SIGTERM while people edit (seed printed)`,
    { timeout: 120_000 + ROUNDS * 30_000 },
    async () => {
      console.log(`crash: CRASH_SEED=${SEED}`)
      const rng = new Rng(SEED)
      const dataDir = mkdtempSync(join(tmpdir(), 'coalition-crash-'))
      cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }))
      let server: TestServer = await startServer({ dataDir })
      cleanups.push(() => server.stop())
      const port = String(server.port)
      const restart = async (): Promise<TestServer> => (server = await startServer({ dataDir, env: { PORT: port } }))

      const w = await createWorkshop(server.url)
      const writers: TestClient[] = []
      for (let i = 0; i < WRITERS; i++)
        writers.push(connect(server.url, w.id, w.tokens.participant, `crash-writer-key-${i}-0123456789`))
      cleanups.push(() => writers.forEach((c) => c.destroy()))
      await waitFor(() => writers.every((c) => c.provider.synced), 15_000, 'writers synced')
      const editors: Editor[] = writers.map((c, i) => startEditor(c, `w${i}`, rng.int(2 ** 31)))
      cleanups.push(() => editors.forEach((e) => e.stop()))

      const seen: Uint8Array[] = []
      let updatesSeenBeforeKills = 0
      for (let round = 0; round < ROUNDS; round++) {
        const observer = connect(server.url, w.id, w.tokens.viewer)
        let updates = 0
        observer.doc.on('update', () => (updates += 1))
        await waitFor(() => observer.provider.synced, 15_000, 'observer synced')
        await sleep(200 + rng.int(800))

        await server.kill()
        // A dead server sends nothing more: this is all the observer ever got from it.
        seen.push(Y.encodeStateAsUpdate(observer.doc))
        updatesSeenBeforeKills += updates
        observer.destroy()
        // People go on editing offline a moment; then they are held off while we look.
        await sleep(100 + rng.int(300))
        for (const c of writers) c.provider.disconnect()

        await restart()
        const probe = connect(server.url, w.id, w.tokens.viewer)
        try {
          await waitFor(() => probe.provider.synced, 15_000, 'probe synced after restart')
          expect(missingFrom(probe.doc, seen[round]), `round ${round}: what the observer saw is on disk`).toEqual({
            records: [],
            stateVectorGrows: false,
          })
        } finally {
          probe.destroy()
        }
        for (const c of writers) c.provider.connect()
      }

      // Graceful stop: everybody is told "restarting" and comes back without help.
      await waitFor(() => writers.every((c) => c.provider.synced), 15_000, 'writers back')
      await sleep(200 + rng.int(500))
      await server.stop()
      await waitFor(
        () => writers.every((c) => c.closeCodes.includes(CloseCode.serverRestarting)),
        10_000,
        'writers told 4503',
      )
      await restart()
      await waitFor(() => writers.every((c) => c.provider.synced), 20_000, 'writers reconnected by themselves')
      for (const e of editors) e.stop()

      // Everything anybody wrote or saw, merged: the server must hold exactly that.
      const union = Y.mergeUpdates([...writers.map((c) => Y.encodeStateAsUpdate(c.doc)), ...seen])
      const probe = connect(server.url, w.id, w.tokens.viewer)
      try {
        await waitFor(
          () => {
            if (!probe.provider.synced) return false
            const gap = missingFrom(probe.doc, union)
            return gap.records.length === 0 && !gap.stateVectorGrows
          },
          30_000,
          'the server to hold the union of all edits',
        )
        const final = recordsOf(probe.doc)
        await waitFor(
          () => writers.every((c) => JSON.stringify(recordsOf(c.doc)) === JSON.stringify(final)),
          30_000,
          'every writer converged',
        )
        const edits = editors.reduce((n, e) => n + e.edits(), 0)
        const summary = {
          seed: SEED,
          kills: ROUNDS,
          gracefulStops: 1,
          edits,
          updatesSeenBeforeKills,
          records: Object.keys(final).length,
          updatesLost: missingFrom(probe.doc, union).records.length,
        }
        mkdirSync(join(SUMMARY_FILE, '..'), { recursive: true })
        writeFileSync(SUMMARY_FILE, JSON.stringify(summary, null, 2) + '\n')
        console.log(`crash: ${JSON.stringify(summary)}`)
        expect(edits).toBeGreaterThan(ROUNDS * 20)
        expect(Object.keys(final).length).toBeGreaterThan(0)
      } finally {
        probe.destroy()
      }
    },
  )
})
