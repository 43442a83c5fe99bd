import type { FastifyRequest } from 'fastify'
import type { Logger } from 'pino'
import type { TokenGuessLimiter } from '../auth/tokenGuesses'
import type { Clock } from '../clock'
import type { Config } from '../config'
import type { Storage } from '../storage/Storage'
import type { Rooms } from '../sync/Rooms'

/**
 * What the HTTP side is built from: `buildApp(deps)` (app.ts) and every route module
 * receive it. Its own module so route modules depend on nothing that depends on them.
 * `buildApp` holds the whole `Storage`; a route module names the ports it uses
 * (`AppDeps<WorkshopStore & CheckpointStore>`), a helper that reads no storage `AppDeps<unknown>`.
 */
export interface AppDeps<S = Storage> {
  config: Config
  storage: S
  rooms: Rooms
  clock: Clock
  log: Logger
  /** Wrong tokens per address (shared with the sync endpoint); unset, the app makes its own. */
  tokenGuesses?: TokenGuessLimiter
  /** Origin for the links answered to `request`: PUBLIC_URL, else the origin the request came to (`linkOrigin.ts`). */
  publicUrl: (request: FastifyRequest) => string
}
