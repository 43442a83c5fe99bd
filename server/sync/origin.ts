/**
 * Which web pages may open the sync endpoint. A browser sends `Origin` with every
 * WebSocket upgrade and lets any page connect anywhere, so without this check a page on
 * another site could talk to the board with a link it got hold of (cross-site WebSocket
 * hijacking). Clients that are not browsers send no `Origin` and are judged by their token
 * alone, like every HTTP call.
 *
 * - the origins of `ALLOWED_ORIGINS` (comma-separated), always;
 * - `PUBLIC_URL` set: its origin;
 * - `PUBLIC_URL` unset (local use): a page of this very server, whatever name reached it
 *   (`localhost`, `127.0.0.1`, a LAN address): its `Origin` names the `Host` it asked for;
 * - `ALLOWED_ORIGINS=*` turns the check off.
 */

export interface OriginPolicy {
  /** The origins of `PUBLIC_URL` and `ALLOWED_ORIGINS`. */
  allowed: ReadonlySet<string>
  /** No `PUBLIC_URL`: a page whose origin is the `Host` it connects to is ours. */
  sameHost: boolean
  /** `ALLOWED_ORIGINS=*`. */
  any: boolean
}

/** `https://Board.example.org:443/x` → `https://board.example.org`; null if not an http(s) URL. */
export function normalizeOrigin(value: string): string | null {
  try {
    const url = new URL(value)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return url.origin
  } catch {
    return null
  }
}

export function originPolicy(publicUrl: string | null, allowedOrigins: readonly string[]): OriginPolicy {
  const allowed = new Set<string>()
  for (const value of publicUrl ? [publicUrl, ...allowedOrigins] : allowedOrigins) {
    const origin = normalizeOrigin(value)
    if (origin) allowed.add(origin)
  }
  return { allowed, sameHost: !publicUrl, any: allowedOrigins.includes('*') }
}

/**
 * Whether an upgrade with these `Origin` and `Host` headers may proceed. An `Origin` that
 * is not a URL (`null` from a sandboxed frame or a file) is refused.
 */
export function isOriginAllowed(policy: OriginPolicy, origin: string | undefined, host: string | undefined): boolean {
  if (origin === undefined || policy.any) return true
  const normalized = normalizeOrigin(origin)
  if (!normalized) return false
  if (policy.allowed.has(normalized)) return true
  return policy.sameHost && host !== undefined && new URL(normalized).host === host.toLowerCase()
}
