import pino, { type Logger } from 'pino'
import type { Config } from './config'

/**
 * The server's pino logger: JSON lines on stdout. Secrets never reach it: HTTP requests are
 * logged by path only (no query string), sync sockets by path only (their query carries
 * the token and member key), and tokens travel in headers that are never logged.
 */
export function createLogger(level: Config['logLevel']): Logger {
  return pino({ level, base: { service: 'coalition-board' } })
}

/** The path of a request URL, without query string or fragment. */
export function pathOnly(url: string | undefined): string {
  if (!url) return '/'
  const end = url.search(/[?#]/)
  return end === -1 ? url : url.slice(0, end)
}
