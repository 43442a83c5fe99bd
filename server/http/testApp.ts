import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import type { FastifyInstance } from 'fastify'
import { createManualClock, type Clock } from '../clock'
import { loadConfig, type Config } from '../config'
import { CONTROL_SECTIONS } from '../control/sections'
import { createMemoryStorage } from '../storage/memoryStorage'
import type { Storage } from '../storage/Storage'
import { Rooms } from '../sync/Rooms'
import { silentLog } from '../sync/testPeers'
import { buildApp } from './app'

/**
 * The HTTP app on memory storage, for tests that reach it through `inject`, without a port
 * (`tests/helpers/server.ts` starts the real server): built like `server/server.ts` builds it,
 * from a configuration read from `env` only.
 */

export interface TestApp {
  app: FastifyInstance
  config: Config
  storage: Storage
  rooms: Rooms
}

export interface TestAppOptions {
  /** A manual clock by default. */
  clock?: Clock
  /** How long an empty room stays open; 1 s by default. */
  roomGraceMs?: number
  /** The origin of the links the app answers; by default `PUBLIC_URL`, else `http://localhost`. */
  publicUrl?: string
}

export async function buildTestApp(
  env: Record<string, string>,
  { clock = createManualClock(), roomGraceMs = 1000, publicUrl }: TestAppOptions = {},
): Promise<TestApp> {
  const config = loadConfig(env)
  const storage = createMemoryStorage()
  const rooms = new Rooms({
    storage,
    clock,
    log: silentLog,
    sections: CONTROL_SECTIONS,
    limits: config.limits,
    roomGraceMs,
  })
  const origin = publicUrl ?? config.publicUrl ?? 'http://localhost'
  const app = await buildApp({ config, storage, rooms, clock, log: silentLog, publicUrl: () => origin })
  return { app, config, storage, rooms }
}

/** A built client in a new temporary folder (`DIST_DIR`): each file at its path (`assets/x.js`) with its content. */
export function writeTestDist(prefix: string, files: Record<string, string | Buffer>): string {
  const dist = mkdtempSync(join(tmpdir(), prefix))
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dist, path)), { recursive: true })
    writeFileSync(join(dist, path), content)
  }
  return dist
}
