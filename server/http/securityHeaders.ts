/**
 * Headers sent with every HTTP response. The Content-Security-Policy lives here, in one
 * place, so it can be tuned: tldraw runs under it (inline styles, data:/blob: images and
 * fonts, blob: workers) and the page can reach nothing but its own origin.
 *
 * `connect-src 'self'` covers same-origin WebSockets in current browsers (CSP 3); older
 * ones (Safari before 15.4) need the `ws:`/`wss:` origin spelled out, so it is: the host
 * of PUBLIC_URL, or else the host the request came to — never "any host" (`ws: wss:`).
 */

/** `board.example.org`, `127.0.0.1:8080`, `[::1]:8080`: nothing that could end a directive. */
const HOST = /^(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/** The sync endpoint's origins for `connect-src`, given the page's scheme and host. */
function socketSources(secure: boolean, host: string | undefined): string[] {
  if (!host || !HOST.test(host)) return []
  return secure ? [`wss://${host}`] : [`ws://${host}`, `wss://${host}`]
}

/** The policy for a page served from `host` (`https` when `secure`). */
export function contentSecurityPolicy(secure: boolean, host: string | undefined): string {
  return [
    "default-src 'self'",
    "img-src 'self' data: blob:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    ["connect-src 'self'", ...socketSources(secure, host)].join(' '),
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ')
}

/** HSTS for a year; not `includeSubDomains`: other hosts of the operator's domain are not ours to force. */
export const HSTS = 'max-age=31536000'

/** What the headers need to know of a request: the host it came to, and its scheme (`https` behind a trusted proxy that says so). */
export interface RequestOrigin {
  headers: { host?: string }
  protocol: string
}

/**
 * Every response's security headers. `publicUrl` (PUBLIC_URL) decides the WebSocket origin;
 * without it, the request's own `Host` does.
 *
 * Strict-Transport-Security only when the board is reached over HTTPS: PUBLIC_URL says
 * `https`, or the request is HTTPS (Fastify's `request.protocol`, which reads
 * X-Forwarded-Proto only from proxies TRUST_PROXY trusts). Sent over plain HTTP on a LAN it
 * would do nothing, or, through a proxy that adds TLS later, pin a name to HTTPS by mistake.
 *
 * The page and its files are for this origin only: no other site may keep a handle on its
 * window (COOP), embed its files (CORP), or share its process (Origin-Agent-Cluster).
 */
export function securityHeaders(publicUrl: string | null, request: RequestOrigin): Record<string, string> {
  const url = publicUrl ? new URL(publicUrl) : null
  const secure = url ? url.protocol === 'https:' : request.protocol === 'https'
  return {
    'Content-Security-Policy': url
      ? contentSecurityPolicy(url.protocol === 'https:', url.host)
      : contentSecurityPolicy(false, request.headers.host),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Origin-Agent-Cluster': '?1',
    ...(secure ? { 'Strict-Transport-Security': HSTS } : {}),
  }
}
