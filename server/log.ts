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
