import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { waitFor } from '../helpers/server'

/**
 * Stopping the server the ways operators stop it: SIGTERM to `npm start` (a service manager,
 * `kill`, a container running `npm start`), Ctrl-C (SIGINT to the whole process group), and
 * SIGTERM while nobody reads the server's stdout any more. Real processes; each test waits
 * for the exits itself, the test's timeout is the only clock.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const NODE_BIN = dirname(process.execPath)

/** Every live (not zombie) descendant of `pid`, read from /proc. */
function descendants(pid: number): number[] {
  const parentOf = new Map<number, number>()
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      if (state !== 'Z') parentOf.set(Number(entry), Number(ppid))
    } catch {
      // the process ended while we were reading
    }
  }
  const found: number[] = []
  const walk = (parent: number) => {
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child)
        walk(child)
      }
    }
  }
  walk(pid)
  return found
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z'
  } catch {
    return false
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null)
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
}

/**
 * Resolves once `child`'s stdout reached its end: every process holding the pipe (npm,
 * start.mjs, the server) is gone and all they wrote has been read. Checking the output as
 * soon as the last process is dead races the pipe: its last lines may not be read yet.
 */
function outputEnded(child: ChildProcess): Promise<void> {
  const out = child.stdout!
  if (out.readableEnded || out.destroyed) return Promise.resolve()
  return new Promise((resolve) => {
    out.once('end', resolve)
    out.once('close', resolve)
  })
}

/** Resolves with the port once the server's `listening` line went through `child`'s stdout. */
function listening(child: ChildProcess, output: { text: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    child.stdout!.setEncoding('utf8')
    child.stderr!.setEncoding('utf8')
    child.stderr!.on('data', (chunk: string) => (output.text += chunk))
    const onData = (chunk: string) => {
      output.text += chunk
      const port = output.text.match(/"port":(\d+).*"msg":"listening"/)?.[1]
      if (port) resolve(Number(port))
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code, signal) =>
      reject(new Error(`exited before listening (${code ?? signal}):\n${output.text}`)),
    )
  })
}

/**
 * A copy of the project's start-up path — package.json, scripts/, the server bundle, a stand-in
 * client — with node_modules linked: `npm start` there runs the real chain (npm, sh,
 * with-node.sh, start.mjs, the server) without building into this checkout's dist/, which a
 * developer's own `npm start` may be serving.
 */
function makeProject(): string {
  const dir = mkdtempSync(join(ROOT, '.tmp', 'npm-start-'))
  mkdirSync(join(dir, 'scripts'))
  for (const file of ['start.mjs', 'build-server.mjs', 'with-node.sh', 'install-node.sh'])
    copyFileSync(join(ROOT, 'scripts', file), join(dir, 'scripts', file))
  copyFileSync(join(ROOT, 'package.json'), join(dir, 'package.json'))
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'))
  // start.mjs rebuilds what is older than its sources: empty source folders, then the builds.
  for (const sources of ['client', 'shared', 'server']) mkdirSync(join(dir, sources))
  writeFileSync(join(dir, 'package-lock.json'), '{}\n')
  const built = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'build-server.mjs'), '--outfile', join(dir, 'dist-server', 'main.mjs')],
    { cwd: ROOT, encoding: 'utf8' },
  )
  if (built.status !== 0) throw new Error(`build-server failed:\n${built.stderr}`)
  mkdirSync(join(dir, 'dist'))
  writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html><title>stand-in</title>\n')
  return dir
}

describe('npm start', () => {
  let project = ''
  const leftovers: number[] = []
  beforeAll(() => {
    mkdirSync(join(ROOT, '.tmp'), { recursive: true })
    project = makeProject()
  })
  afterAll(() => {
    for (const pid of leftovers) if (alive(pid)) process.kill(pid, 'SIGKILL')
    if (project) rmSync(project, { recursive: true, force: true })
  })

  async function startNpm(dataDir: string) {
    const child = spawn('npm', ['start'], {
      cwd: project,
      // The Node running the tests first, as scripts/with-node.sh puts the project's.
      env: {
        ...process.env,
        PATH: `${NODE_BIN}${delimiter}${process.env.PATH ?? ''}`,
        HOST: '127.0.0.1',
        PORT: '0',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, as a shell gives a foreground job (for the Ctrl-C case).
      detached: true,
    })
    const output = { text: '' }
    const port = await listening(child, output)
    const tree = descendants(child.pid!)
    leftovers.push(...tree)
    return { child, output, port, tree }
  }

  it('SIGTERM to npm stops start.mjs and the server, which saves and exits', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'coalition-npm-start-'))
    try {
      const { child, output, port, tree } = await startNpm(dataDir)
      expect(await (await fetch(`http://127.0.0.1:${port}/api/health`)).json()).toMatchObject({ status: 'ok' })
      expect(tree.length).toBeGreaterThanOrEqual(2) // start.mjs and the server, at least
      child.kill('SIGTERM')
      expect(await exited(child)).toEqual({ code: 0, signal: null })
      await waitFor(
        () => tree.every((pid) => !alive(pid)),
        20_000,
        `start.mjs and the server to exit (still running: ${tree.filter(alive).join(', ')})`,
      )
      await outputEnded(child)
      expect(output.text).toContain('"msg":"stopped"')
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('Ctrl-C (SIGINT to the whole group) stops the server once, gracefully', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'coalition-npm-start-'))
    try {
      const { child, output, tree } = await startNpm(dataDir)
      // npm and start.mjs each pass the signal on: the server gets it two or three times.
      process.kill(-child.pid!, 'SIGINT')
      await exited(child)
      await waitFor(() => tree.every((pid) => !alive(pid)), 20_000, 'every process to exit')
      await outputEnded(child)
      expect(output.text).toContain('"msg":"stopped"')
      expect(output.text.match(/"msg":"stopping"/g)).toHaveLength(1)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})

describe('a server whose stdout nobody reads', () => {
  const started: ChildProcess[] = []
  // A test that times out never reaches its own finally: no server outlives the file.
  afterAll(() => {
    for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })

  function startServerProcess(dataDir: string): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'main.ts')], {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    started.push(child)
    return child
  }

  /**
   * Requests whose log lines (the path is logged) add up to far more than a pipe holds. A
   * server blocked on its stdout stops answering: then there is no point sending more.
   */
  async function flood(port: number): Promise<number> {
    const path = `/nowhere/${'x.'.repeat(3_000)}`
    let answered = 0
    for (let i = 0; i < 300; i++) {
      try {
        await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(5_000) })
        answered++
      } catch {
        break
      }
    }
    return answered
  }

  it('stops on SIGTERM when the reader stopped reading (the pipe is full)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'coalition-dead-pipe-'))
    const child = startServerProcess(dataDir)
    try {
      const port = await listening(child, { text: '' })
      child.stdout!.pause() // the reader is still there but reads nothing more
      const answered = await flood(port)
      child.kill('SIGTERM')
      expect(await exited(child)).toEqual({ code: 0, signal: null })
      // Only now: with the old logger the flood stalled once the pipe was full.
      expect(answered).toBe(300)
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  it('stops on SIGTERM when the reader is gone (EPIPE)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'coalition-dead-pipe-'))
    const child = startServerProcess(dataDir)
    try {
      const port = await listening(child, { text: '' })
      child.stdout!.destroy()
      expect(await flood(port)).toBe(300)
      child.kill('SIGTERM')
      expect(await exited(child)).toEqual({ code: 0, signal: null })
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
