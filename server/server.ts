import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AddressInfo } from 'node:net'
import type { Logger } from 'pino'
import { systemClock, type Clock, type TimerHandle } from './clock'
import type { Config } from './config'
import { releaseUnusedHeap } from './heap'
import { CONTROL_SECTIONS } from './control/sections'
import { TokenGuessLimiter } from './auth/tokenGuesses'
import { buildApp } from './http/app'
import { gateConnections } from './http/connectionGate'
import { requestOrigin } from './http/linkOrigin'
import { openConfiguredStorage } from './storage/openStorage'
import type { Storage } from './storage/Storage'
import { Rooms } from './sync/Rooms'
import { isOriginAllowed, originPolicy } from './sync/origin'
import { SyncEndpoint } from './sync/syncEndpoint'

/**
 * Wires the pieces and listens: storage, rooms, HTTP app, sync endpoint on the same port.
 * `main.ts` runs it as a process; a test may run it in-process with port 0.
 */
export interface RunningServer {
  port: number
  /** PUBLIC_URL, else the listening address (links answered to a request use its origin). */
  url: string
  app: FastifyInstance
  storage: Storage
  rooms: Rooms
  /** Graceful stop: no new sockets, rooms saved, clients told `serverRestarting`, DB closed. */
  close(): Promise<void>
}

/** How long a graceful stop waits for sockets to finish their close handshake. */
const CLOSE_HANDSHAKE_MS = 1_000
/** How long after its last room unloaded a server gives back the heap (if still none is loaded). */
const IDLE_HEAP_DELAY_MS = 1_000

export interface ServerOptions {
  /**
   * Give back the heap V8 grew and no longer uses (`heap.ts`) once listening and a second
   * after the last room unloaded: the process (`main.ts`) asks for it, not tests.
   */
  releaseIdleHeap?: boolean
}

export async function startServer(
  config: Config,
  log: Logger,
  clock: Clock = systemClock,
  options: ServerOptions = {},
): Promise<RunningServer> {
  // PostgreSQL when DATABASE_URL is set, else SQLite under DATA_DIR.
  const { storage, cluster, describe: where } = await openConfiguredStorage(config, log)
  const { limits } = config
  let heapTimer: TimerHandle | null = null
  const releaseWhenIdle = (): void => {
    if (heapTimer) return
    heapTimer = clock.setTimeout(() => {
      heapTimer = null
      if (rooms.size() === 0) releaseUnusedHeap()
    }, IDLE_HEAP_DELAY_MS)
  }
  const rooms = new Rooms({
    storage,
    clock,
    log,
    sections: CONTROL_SECTIONS,
    limits,
    roomGraceMs: limits.roomGraceMs,
    cluster,
    onAllUnloaded: options.releaseIdleHeap ? releaseWhenIdle : undefined,
  })
  let listeningUrl = ''
  // Links: PUBLIC_URL when set; else the origin the person reached us at, else where we listen.
  const publicUrl = (request: FastifyRequest) => config.publicUrl ?? requestOrigin(request) ?? listeningUrl
  // One count of wrong tokens per address for HTTP and /sync alike.
  const tokenGuesses = new TokenGuessLimiter(clock, log, limits.tokenFailuresPerMinute, limits.tokenFailureBurst)
  const app = await buildApp({ config, storage, rooms, clock, log, publicUrl, tokenGuesses })
  // PUBLIC_URL as configured, not the listening address: unset means "same host" (sync/origin.ts).
  const origins = originPolicy(config.publicUrl, config.allowedOrigins)
  const endpoint = new SyncEndpoint({
    storage,
    rooms,
    clock,
    log,
    limits,
    originAllowed: (origin, host) => isOriginAllowed(origins, origin, host),
    trustProxy: config.trustProxy,
    tokenGuesses,
  })
  // Plain HTTP connections per address (slowloris); an upgraded socket leaves that count.
  const gate = gateConnections(app.server, {
    perAddress: limits.httpConnectionsPerAddress,
    trustProxy: config.trustProxy,
    log,
  })
  app.server.on('upgrade', (req, socket, head) => {
    gate.release(socket)
    endpoint.handleUpgrade(req, socket, head)
  })

  try {
    await app.listen({ host: config.host, port: config.port })
  } catch (err) {
    endpoint.close()
    await cluster.close()
    await storage.close()
    throw err
  }
  const port = (app.server.address() as AddressInfo).port
  const host = config.host.includes(':') ? `[${config.host}]` : config.host
  listeningUrl = `http://${host}:${port}`
  log.info({ port, url: config.publicUrl ?? listeningUrl, ...where }, 'listening')
  // What starting allocated (modules, schemas) is garbage now; V8 would keep its room.
  if (options.releaseIdleHeap) releaseUnusedHeap()

  let closing: Promise<void> | null = null
  const close = (): Promise<void> => {
    closing ??= (async () => {
      if (heapTimer) clock.clearTimeout(heapTimer)
      endpoint.stopAccepting()
      const httpClosed = app.close()
      const { unsaved } = await rooms.closeAll()
      if (unsaved.length > 0) log.error({ workshops: unsaved }, 'some updates could not be saved before stopping')
      await endpoint.whenSocketsClosed(CLOSE_HANDSHAKE_MS)
      endpoint.close()
      await httpClosed
      await cluster.close()
      await storage.close()
      log.info('stopped')
    })()
    return closing
  }

  return { port, url: config.publicUrl ?? listeningUrl, app, storage, rooms, close }
}
