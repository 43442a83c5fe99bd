import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { startServer, type TestServer } from '../helpers/server'
import { People } from './boardPage'
import { launchChromium } from './chromium'
import { ensureClientBuilt, TEST_DIST_DIR } from './clientBuild'

/**
 * The set-up every browser test file shares: the client built once (`ensureClientBuilt`),
 * a real server serving it, Debian's Chromium, and `People` whose own origin is the
 * session's server. `browserSession()` registers its own `beforeAll`/`afterAll`, so a file
 * only adds hooks for what is its own (a workshop made up front, contexts it opened); the
 * file's `afterAll` runs before the session's (Vitest runs after-hooks as a stack), so it
 * can still use the browser and the server to clean up.
 */

export interface BrowserSessionOptions {
  /** Extra environment for every server the session starts (merged over `DIST_DIR`). */
  env?: Record<string, string>
  /**
   * `false`: start no server up front; each test starts its own with
   * `session.startServer(...)` (e.g. one per set of limits).
   */
  server?: boolean
}

export interface BrowserSession {
  /** The current server: the last one started (by the set-up or `startServer`). */
  readonly server: TestServer
  readonly browser: Browser
  /** French pages; requests to any origin but the current server's are recorded. */
  readonly people: People
  /**
   * Starts another server serving the built client (`env` merged over the session's) and makes
   * it the current one. Every server started is stopped after all, the last first — so a
   * server restarted on another's `dataDir` stops before the one that owns that directory.
   */
  startServer(options?: { dataDir?: string; env?: Record<string, string> }): Promise<TestServer>
}

/** Where browser tests save screenshots to look at by hand (`.tmp/` is ignored by git). */
export const SCREENSHOTS = join(TEST_DIST_DIR, '..', 'screenshots')

/** The path of screenshot `name` in `SCREENSHOTS`, the folder created if missing. */
export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true })
  return join(SCREENSHOTS, name)
}

/** Registers the shared `beforeAll`/`afterAll` of a browser test file; see the file comment. */
export function browserSession(options: BrowserSessionOptions = {}): BrowserSession {
  const servers: TestServer[] = []
  let current: TestServer | undefined
  let browser: Browser | undefined
  let people: People | undefined

  function ready<T>(value: T | undefined, what: string): T {
    if (value === undefined) {
      throw new Error(
        `browserSession: ${what} is not there yet — read it inside a test or a beforeAll registered after browserSession()` +
          (what === 'server' && options.server === false ? ', after session.startServer()' : ''),
      )
    }
    return value
  }

  const session: BrowserSession = {
    get server() {
      return ready(current, 'server')
    },
    get browser() {
      return ready(browser, 'browser')
    },
    get people() {
      return ready(people, 'people')
    },
    async startServer(serverOptions = {}) {
      const server = await startServer({
        ...serverOptions,
        env: { DIST_DIR: TEST_DIST_DIR, ...options.env, ...serverOptions.env },
      })
      servers.push(server)
      current = server
      return server
    },
  }

  beforeAll(async () => {
    ensureClientBuilt()
    if (options.server !== false) await session.startServer()
    browser = await launchChromium()
    people = new People(browser, () => session.server.url)
  })

  afterAll(async () => {
    await people?.closeAll()
    await browser?.close()
    for (const server of servers.reverse()) await server.stop()
  })

  return session
}
