import { ROLES, type Role } from '../../../shared/protocol'

/** Who a presence belongs to, as published in awareness. */
export interface PresenceUser {
  name: string
  color: string
  role: Role
  /** Public member id from the server ('' until the server told us). */
  memberId: string
  /**
   * Number among the workshop's members of this role, assigned by the server (the same on
   * every screen, kept across reconnections): the label while names are hidden.
   */
  roleNumber?: number
}

/** Cursor position in page coordinates, with tldraw's cursor type and rotation. */
export interface PresenceCursor {
  x: number
  y: number
  type: string
  rotation: number
}

/** What someone sees: tldraw's camera and the size of their canvas on screen. */
export interface PresenceView {
  camera: { x: number; y: number; z: number }
  screenBounds: { x: number; y: number; w: number; h: number }
}

/**
 * The awareness state each client publishes. Presence lives here, never in the Y.Doc:
 * it is ephemeral and per-connection.
 */
export interface AwarenessPresence {
  user: PresenceUser
  cursor: PresenceCursor | null
  selection: string[]
  pageId: string | null
  /** Their viewport, so others can follow them and see which phase they look at. */
  view?: PresenceView
  /** The tldraw user id they follow, so follow chains resolve. */
  followingUserId?: string
}

/** Largest coordinate or size accepted in a published view: far beyond any real board. */
const MAX_VIEW_COORD = 1e8

function parseView(value: unknown): PresenceView | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { camera, screenBounds } = value as { camera?: Record<string, unknown>; screenBounds?: Record<string, unknown> }
  if (typeof camera !== 'object' || camera === null || typeof screenBounds !== 'object' || screenBounds === null)
    return undefined
  const inRange = (n: unknown): n is number => isFiniteNumber(n) && Math.abs(n) <= MAX_VIEW_COORD
  const { x, y, z } = camera
  const { x: sx, y: sy, w, h } = screenBounds
  if (!inRange(x) || !inRange(y) || !isFiniteNumber(z) || z <= 0 || z > 1000) return undefined
  if (!inRange(sx) || !inRange(sy) || !inRange(w) || !inRange(h) || w <= 0 || h <= 0) return undefined
  return { camera: { x, y, z }, screenBounds: { x: sx, y: sy, w, h } }
}

const MAX_SELECTION = 500

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/**
 * Reads another client's awareness state defensively: awareness is relayed as is by the
 * server, so a buggy or hostile client may publish anything. Returns null for states that
 * are not a presence (e.g. a client that has not published yet).
 */
export function parsePresence(state: unknown): AwarenessPresence | null {
  if (typeof state !== 'object' || state === null) return null
  const s = state as Record<string, unknown>
  const user = s.user as Record<string, unknown> | undefined
  if (typeof user !== 'object' || user === null) return null
  const role = (ROLES as readonly unknown[]).includes(user.role) ? (user.role as Role) : 'participant'
  const name = typeof user.name === 'string' ? user.name.slice(0, 40) : ''
  const color = typeof user.color === 'string' && /^#[0-9a-fA-F]{6}$/.test(user.color) ? user.color : '#5E35B1'
  const memberId = typeof user.memberId === 'string' ? user.memberId.slice(0, 64) : ''
  const c = s.cursor as Record<string, unknown> | null | undefined
  const cursor =
    c && isFiniteNumber(c.x) && isFiniteNumber(c.y)
      ? {
          x: c.x,
          y: c.y,
          type: typeof c.type === 'string' ? c.type : 'default',
          rotation: isFiniteNumber(c.rotation) ? c.rotation : 0,
        }
      : null
  const selection = Array.isArray(s.selection)
    ? s.selection
        .filter((id): id is string => typeof id === 'string' && id.startsWith('shape:'))
        .slice(0, MAX_SELECTION)
    : []
  const pageId = typeof s.pageId === 'string' && s.pageId.startsWith('page:') ? s.pageId : null
  const roleNumber =
    typeof user.roleNumber === 'number' && Number.isSafeInteger(user.roleNumber) && user.roleNumber > 0
      ? user.roleNumber
      : undefined
  const presence: AwarenessPresence = {
    user: { name, color, role, memberId, ...(roleNumber === undefined ? {} : { roleNumber }) },
    cursor,
    selection,
    pageId,
  }
  const view = parseView(s.view)
  if (view) presence.view = view
  if (typeof s.followingUserId === 'string' && /^user:[\w-]{1,100}$/.test(s.followingUserId))
    presence.followingUserId = s.followingUserId
  return presence
}

/**
 * The tldraw user id of a remote presence. The member id when known, so two tabs of one
 * person count once; otherwise the awareness client id.
 */
export function presenceUserKey(clientId: number, presence: AwarenessPresence): string {
  return presence.user.memberId ? `member-${presence.user.memberId}` : `client-${clientId}`
}

/** True when the two presences differ in what shows activity (the cursor or view moved, selection changed). */
export function isActivity(before: AwarenessPresence | undefined, after: AwarenessPresence): boolean {
  if (!before) return true
  const a = before.cursor
  const b = after.cursor
  const cursorMoved = (a === null) !== (b === null) || (a !== null && b !== null && (a.x !== b.x || a.y !== b.y))
  const ca = before.view?.camera
  const cb = after.view?.camera
  const viewMoved = ca?.x !== cb?.x || ca?.y !== cb?.y || ca?.z !== cb?.z
  return (
    cursorMoved || viewMoved || before.selection.join() !== after.selection.join() || before.pageId !== after.pageId
  )
}

/** The page area someone sees, from their published view (tldraw's camera convention). */
export function viewPageBounds(view: PresenceView): { x: number; y: number; w: number; h: number } {
  const { camera, screenBounds } = view
  return { x: -camera.x, y: -camera.y, w: screenBounds.w / camera.z, h: screenBounds.h / camera.z }
}
