import { ConfigError, loadConfig } from './config'
import { createLogger } from './log'
import { startServer } from './server'

/**
 * Entry point: `node --import tsx server/main.ts` (what `npm start` runs after building
 * the client). Exits 1 with a readable message on bad configuration; on SIGTERM/SIGINT
 * stops gracefully and exits 0.
 */

/** A stop that hangs (a stuck socket, a stuck disk) must not keep the process forever. */
const FORCED_EXIT_MS = 10_000

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig(process.env)
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`)
      process.exit(1)
    }
    throw err
  }
  const log = createLogger(config.logLevel)
  process.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception')
    process.exit(1)
  })
  process.on('unhandledRejection', (err) => {
    log.fatal({ err }, 'unhandled rejection')
    process.exit(1)
  })

  let server
  try {
    server = await startServer(config, log)
  } catch (err) {
    log.fatal({ err }, 'could not start')
    process.exit(1)
  }

  const stop = (signal: NodeJS.Signals): void => {
    log.info({ signal }, 'stopping')
    setTimeout(() => {
      log.error('stop took too long; exiting')
      process.exit(1)
    }, FORCED_EXIT_MS).unref()
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        log.error({ err }, 'stop failed')
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

void main()
