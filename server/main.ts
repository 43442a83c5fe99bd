import { systemClock } from './clock'
import { ConfigError, loadConfig } from './config'
import { createLogger, createLogOutput } from './log'
import { startServer } from './server'

/**
 * Entry point: `node --import tsx server/main.ts` (`npm start`, systemd and the container run
 * its bundle, `dist-server/main.mjs`). Exits 1 with a readable message on bad configuration;
 * on SIGTERM/SIGINT stops gracefully and exits 0.
 */

/** A stop that hangs (a stuck socket, a stuck disk) must not keep the process forever. */
const FORCED_EXIT_MS = 10_000
/** How long an exit waits for its last log lines when stdout is slow or nobody reads it. */
const LOG_FLUSH_MS = 1_000

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
  const output = createLogOutput()
  const log = createLogger(config.logLevel, output)
  // Node writes to a pipe asynchronously: let the last lines out (within a bound) first.
  const exit = (code: number): void => {
    void output.flushed(LOG_FLUSH_MS).then(() => process.exit(code))
  }
  process.on('uncaughtException', (err) => {
    log.fatal({ err }, 'uncaught exception')
    exit(1)
  })
  process.on('unhandledRejection', (err) => {
    log.fatal({ err }, 'unhandled rejection')
    exit(1)
  })

  // Listened for before the server starts: a signal that lands between the `listening` line and
  // the end of start-up (a loaded machine can pause the process right there) would otherwise
  // kill it with Node's default, unsaved and without a word. Such a stop waits for the start.
  let started: ReturnType<typeof startServer> | null = null
  let stopping = false
  const stop = (signal: NodeJS.Signals): void => {
    // Ctrl-C reaches npm, start.mjs and the server, and the first two pass it on: one stop,
    // and a later signal must not fall back to Node's default (dying before the rooms are saved).
    if (stopping) return
    stopping = true
    // Armed before anything else, so nothing below (a log line, a hung close) can prevent it.
    setTimeout(() => {
      log.error('stop took too long; exiting')
      process.exit(1)
    }, FORCED_EXIT_MS).unref()
    log.info({ signal }, 'stopping')
    if (!started) return exit(0)
    started
      .then((server) => server.close())
      .then(
        () => exit(0),
        (err: unknown) => {
          log.error({ err }, 'stop failed')
          exit(1)
        },
      )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)

  started = startServer(config, log, systemClock, { releaseIdleHeap: true })
  try {
    await started
  } catch (err) {
    log.fatal({ err }, 'could not start')
    exit(1)
  }
}

void main()
