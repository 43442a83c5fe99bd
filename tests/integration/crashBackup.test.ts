import { spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { createWorkshop, startServer, waitFor, type TestServer } from '../helpers/server'
import { connect, docOf, missingFrom, startEditor } from './crashEditors'
import { Rng } from './fuzzFrames'
import { geoShape } from '../helpers/records'

/**
 * Backups: `npm run backup -- <file>` while the server runs and people edit; the copy is
 * one consistent snapshot that a server started on it (the README's restore procedure)
 * opens with everything seen before the backup began, and nothing that never existed.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))

const cleanups: (() => Promise<void> | void)[] = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** Runs `npm run backup -- <file>` with `DATA_DIR`; resolves with its exit code and output. */
function runBackup(dataDir: string, file: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'backup', '--', file], {
      cwd: ROOT,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()))
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    child.on('error', reject)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe('backup', () => {
  it('copies the database consistently while the server is writing, and the copy restores', async () => {
    const rng = new Rng(7)
    const dataDir = tempDir('coalition-live-')
    const server: TestServer = await startServer({ dataDir })
    cleanups.push(() => server.stop())
    const w = await createWorkshop(server.url, { title: 'Atelier sauvegardé' })
    const writers = [0, 1].map((i) =>
      connect(server.url, w.id, w.tokens.participant, `backup-writer-key-${i}-0123456789`),
    )
    const observer = connect(server.url, w.id, w.tokens.viewer)
    cleanups.push(() => [...writers, observer].forEach((c) => c.destroy()))
    await waitFor(() => [...writers, observer].every((c) => c.provider.synced), 15_000, 'sync')
    const editors = writers.map((c, i) => startEditor(c, `b${i}`, rng.int(2 ** 31)))
    cleanups.push(() => editors.forEach((e) => e.stop()))
    await waitFor(() => observer.kv.map.size > 50, 15_000, 'edits reaching the observer')

    // Everything seen before the backup starts must be in it; the writers do not stop.
    const seenBefore = Y.encodeStateAsUpdate(observer.doc)
    const backupDir = tempDir('coalition-backup-')
    const file = join(backupDir, 'copie.db')
    const result = await runBackup(dataDir, file)
    expect(result.stderr).toBe('')
    expect(result.code).toBe(0)
    const report = JSON.parse(result.stdout.trim().split('\n').pop() ?? '{}') as {
      msg: string
      file: string
      bytes: number
      workshops: number
    }
    expect(report).toMatchObject({ msg: 'backup done', file, workshops: 1 })
    expect(statSync(file).size).toBe(report.bytes)
    // One self-contained file: nothing left beside it.
    expect(existsSync(`${file}-wal`)).toBe(false)

    // The server never noticed: the editors' work keeps reaching the observer.
    const after = editors.reduce((n, e) => n + e.edits(), 0)
    await waitFor(() => editors.reduce((n, e) => n + e.edits(), 0) > after + 20, 15_000, 'more edits')
    writers[0].kv.set('shape:after-backup', geoShape('shape:after-backup'))
    await waitFor(() => observer.kv.has('shape:after-backup'), 15_000, 'still syncing after the backup')
    for (const e of editors) e.stop()
    const finalState = Y.encodeStateAsUpdate(observer.doc)

    // Restore as the README says: the copy becomes coalition.db of a fresh DATA_DIR.
    const restoredDir = tempDir('coalition-restored-')
    copyFileSync(file, join(restoredDir, 'coalition.db'))
    const restored = await startServer({ dataDir: restoredDir })
    cleanups.push(() => restored.stop())
    const probe = connect(restored.url, w.id, w.tokens.viewer)
    cleanups.push(() => probe.destroy())
    await waitFor(() => probe.provider.synced, 15_000, 'restored server syncs')
    expect(missingFrom(probe.doc, seenBefore)).toEqual({ records: [], stateVectorGrows: false })
    // …and nothing that never existed: the copy is a state the live board went through.
    expect(missingFrom(docOf(finalState), Y.encodeStateAsUpdate(probe.doc))).toEqual({
      records: [],
      stateVectorGrows: false,
    })
    expect(probe.kv.has('shape:after-backup')).toBe(false)
    const meta = await fetch(`${restored.url}/api/workshops/${w.id}`, {
      headers: { authorization: `Bearer ${w.tokens.facilitator}` },
    })
    expect(((await meta.json()) as { title: string }).title).toBe('Atelier sauvegardé')
  })

  it('refuses to overwrite a file, and says so when DATA_DIR holds no database', async () => {
    const backupDir = tempDir('coalition-backup-')
    const existing = join(backupDir, 'deja.db')
    writeFileSync(existing, 'précieux')
    const emptyDataDir = tempDir('coalition-empty-')
    const missing = await runBackup(emptyDataDir, join(backupDir, 'nouveau.db'))
    expect(missing.code).toBe(1)
    expect(missing.stderr).toMatch(/no database/)
    expect(existsSync(join(backupDir, 'nouveau.db'))).toBe(false)

    const server = await startServer()
    cleanups.push(() => server.stop())
    const overwrite = await runBackup(server.dataDir, existing)
    expect(overwrite.code).toBe(1)
    expect(overwrite.stderr).toMatch(/already exists/)
    expect(readFileSync(existing, 'utf8')).toBe('précieux')
  })
})
