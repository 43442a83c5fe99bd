import type { Writable } from 'node:stream'
import pino, { type DestinationStream, type Logger } from 'pino'
import type { Config } from './config'

/** Beyond this many bytes waiting for stdout, new log lines are dropped rather than kept. */
const MAX_PENDING_LOG_BYTES = 8 * 1024 * 1024

/** Where the log lines go (stdout), and a way to wait for them before exiting. */
export interface LogOutput extends DestinationStream {
  /** Resolves once every line is written, stdout is gone, or `timeoutMs` passed. Never rejects. */
  flushed(timeoutMs: number): Promise<void>
}

/**
 * stdout as the logger writes to it. Node writes to a pipe asynchronously, so a reader that
 * stops reading cannot freeze the server: pino's default destination retries a full pipe in a
 * synchronous sleep loop, forever, and a SIGTERM then never gets handled. What waits for the
 * reader is bounded (lines beyond are dropped), and a reader that is gone (EPIPE) or any other
 * write failure silences the log instead of crashing or stopping the server.
 */
export function createLogOutput(out: Writable = process.stdout): LogOutput {
  let gone = false
  out.on('error', () => {
    gone = true
  })
  return {
    write(line: string) {
      if (gone || out.writableLength > MAX_PENDING_LOG_BYTES) return
      try {
        out.write(line)
      } catch {
        gone = true
      }
    },
    flushed(timeoutMs: number) {
      if (gone || out.writableLength === 0) return Promise.resolve()
      return new Promise((resolve) => {
        const timer = setTimeout(resolve, timeoutMs)
        const done = () => {
          clearTimeout(timer)
          resolve()
        }
        try {
          // Writes complete in order: this callback runs once everything before it is out.
          out.write('', done)
        } catch {
          done()
        }
      })
    },
  }
}

/**
 * The server's pino logger: JSON lines on stdout (`createLogOutput`). Secrets never reach it:
 * HTTP requests are logged by path only (no query string), sync sockets by path only (their
 * query carries the token and member key), and tokens travel in headers that are never logged.
 */
export function createLogger(level: Config['logLevel'], output: DestinationStream = createLogOutput()): Logger {
  return pino({ level, base: { service: 'coalition-board' } }, output)
}

/**
 * The path of a request URL, without query string or fragment, and with anything shaped
 * like a token (43+ URL-safe base64 characters) masked: a link pasted where `#` became
 * `%23` puts its token in the path.
 */
export function pathOnly(url: string | undefined): string {
  if (!url) return '/'
  const end = url.search(/[?#]/)
  const path = end === -1 ? url : url.slice(0, end)
  return path.replace(/[A-Za-z0-9_-]{43,}/g, '[redacted]')
}
