import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ResultMessage, ServerControlMessage } from '../../shared/control/messages'
import { RECORDS_ARRAY } from '../../shared/board'
import { MessageType } from '../../shared/protocol'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { WebSocket } from 'ws'
import { YKeyValue } from 'y-utility/y-keyvalue'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

/**
 * Helpers for tests that need the real thing: the server as a child process (so it can be
 * killed with SIGKILL), real y-websocket clients over `ws`, and polling without timed
 * assertions. Browser tests use `startServer` too, with `DIST_DIR` set to a built client.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const START_TIMEOUT_MS = 30_000
const STOP_TIMEOUT_MS = 15_000

export interface TestServer {
  /** Where to connect: `http://127.0.0.1:<port>`. */
  url: string
  /** Origin the server puts in links (PUBLIC_URL, or the same as `url`). */
  publicUrl: string
  port: number
  dataDir: string
  /** Everything the server printed so far (JSON log lines, stderr). */
  output(): string
  /** SIGTERM and wait for exit; removes the data dir unless it was given. Idempotent. */
  stop(): Promise<void>
  /** SIGKILL (`kill -9`) and wait for exit; keeps the data dir. */
  kill(): Promise<void>
}

function waitForExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve()
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
    }, timeoutMs)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
  })
}

/**
 * Spawns `node --import tsx server/main.ts` (or the given `bundle`) with PORT=0 and a temp
 * DATA_DIR (or the given one) and resolves once it logs `listening`. `env` overrides
 * anything, LOG_LEVEL must stay at `info` or lower for the `listening` line to appear.
 */
export async function startServer(
  options: { dataDir?: string; env?: Record<string, string>; bundle?: string } = {},
): Promise<TestServer> {
  const ownsDir = !options.dataDir
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'coalition-test-'))
  // The sources through tsx, or a bundle as `npm start` runs it (scripts/build-server.mjs).
  const entry = options.bundle
    ? ['--enable-source-maps', options.bundle]
    : ['--import', 'tsx', join(ROOT, 'server', 'main.ts')]
  const child = spawn(process.execPath, entry, {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.setEncoding('utf8')
  child.stderr!.setEncoding('utf8')
  child.stderr!.on('data', (chunk: string) => (output += chunk))

  const listening = new Promise<{ port: number; url: string }>((resolve, reject) => {
    let buffered = ''
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${output}`)), START_TIMEOUT_MS)
    child.stdout!.on('data', (chunk: string) => {
      output += chunk
      buffered += chunk
      let newline: number
      while ((newline = buffered.indexOf('\n')) !== -1) {
        const line = buffered.slice(0, newline)
        buffered = buffered.slice(newline + 1)
        if (!line.includes('"msg":"listening"')) continue
        const parsed = JSON.parse(line) as { port: number; url: string }
        clearTimeout(timer)
        resolve(parsed)
      }
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      reject(new Error(`server exited before listening (code ${code}, signal ${signal}):\n${output}`))
    })
  })

  let info: { port: number; url: string }
  try {
    info = await listening
  } catch (err) {
    child.kill('SIGKILL')
    if (ownsDir) rmSync(dataDir, { recursive: true, force: true })
    throw err
  }

  let removed = false
  return {
    url: `http://127.0.0.1:${info.port}`,
    publicUrl: info.url,
    port: info.port,
    dataDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await waitForExit(child, STOP_TIMEOUT_MS)
      if (ownsDir && !removed) {
        removed = true
        rmSync(dataDir, { recursive: true, force: true })
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await waitForExit(child, STOP_TIMEOUT_MS)
    },
  }
}

export interface CreatedTestWorkshop {
  id: string
  links: { facilitator: string; participant: string; viewer: string }
  tokens: { facilitator: string; participant: string; viewer: string }
}

function tokenOf(link: string): string {
  const token = new URL(link).hash.match(/^#token=(.+)$/)?.[1]
  if (!token) throw new Error(`no token in ${link}`)
  return token
}

/** `POST /api/workshops`, returning the id, the links and the three tokens parsed from them. */
export async function createWorkshop(
  url: string,
  body: Record<string, unknown> = { title: 'Atelier de test' },
): Promise<CreatedTestWorkshop> {
  const res = await fetch(`${url}/api/workshops`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${await res.text()}`)
  const created = (await res.json()) as { id: string; links: CreatedTestWorkshop['links'] }
  return {
    ...created,
    tokens: {
      facilitator: tokenOf(created.links.facilitator),
      participant: tokenOf(created.links.participant),
      viewer: tokenOf(created.links.viewer),
    },
  }
}

export interface TestClient {
  doc: Y.Doc
  provider: WebsocketProvider
  kv: YKeyValue<unknown>
  /** Control-channel messages received, oldest first. */
  control: ServerControlMessage[]
  /** Close codes the server sent, oldest first. */
  closeCodes: number[]
  destroy(): void
}

/**
 * A y-websocket client of `/sync/<id>` with the given token (and member key), over `ws`,
 * with a YKeyValue on `tl_records` and the control channel recorded. BroadcastChannel is
 * off: clients in one test process must talk through the server only.
 */
export function connectClient(url: string, id: string, token: string, options: { member?: string } = {}): TestClient {
  const doc = new Y.Doc()
  const params: Record<string, string> = { token }
  if (options.member) params.member = options.member
  const provider = new WebsocketProvider(`${url.replace(/^http/, 'ws')}/sync`, id, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    params,
    disableBc: true,
    maxBackoffTime: 500,
  })
  const control: ServerControlMessage[] = []
  const closeCodes: number[] = []
  provider.messageHandlers[MessageType.control] = (_encoder, decoder: decoding.Decoder) => {
    control.push(JSON.parse(decoding.readVarString(decoder)) as ServerControlMessage)
  }
  provider.on('connection-close', (event) => {
    if (event) closeCodes.push(event.code)
  })
  const kv = new YKeyValue(doc.getArray<{ key: string; val: unknown }>(RECORDS_ARRAY))
  return {
    doc,
    provider,
    kv,
    control,
    closeCodes,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

let commandSeq = 0
/**
 * Sends a control command over the client's socket once it is open; resolves with the
 * server's result (each wait at most `timeoutMs`).
 */
export async function sendCommand(
  client: TestClient,
  command: Record<string, unknown> & { type: string },
  timeoutMs = 10_000,
): Promise<ResultMessage> {
  await waitFor(
    () => client.provider.wsconnected && client.provider.ws?.readyState === WebSocket.OPEN,
    timeoutMs,
    'socket open',
  )
  const id = 1_000_000 + ++commandSeq
  const e = encoding.createEncoder()
  encoding.writeVarUint(e, MessageType.control)
  encoding.writeVarString(e, JSON.stringify({ kind: 'command', id, command }))
  client.provider.ws!.send(encoding.toUint8Array(e))
  let result: ResultMessage | undefined
  await waitFor(
    () => (result = client.control.find((m): m is ResultMessage => m.kind === 'result' && m.id === id)) !== undefined,
    timeoutMs,
    `result of ${command.type}`,
  )
  return result!
}

/** Polls `predicate` until it holds; throws with `what` after `timeoutMs`. */
export async function waitFor(
  predicate: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await predicate()) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

/**
 * Opens a raw WebSocket to `path` (e.g. `/sync/<id>?token=…`), optionally sends frames once
 * open, and resolves with the close code and reason the server sent.
 */
export function closeOf(
  url: string,
  path: string,
  frames: (Uint8Array | string)[] = [],
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}${path}`)
    ws.on('open', () => {
      for (const f of frames) ws.send(f)
    })
    ws.on('error', () => {})
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    ws.on('unexpected-response', (_req, res) => reject(new Error(`upgrade refused with HTTP ${res.statusCode}`)))
  })
}
