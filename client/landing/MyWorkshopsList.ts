import { ROLES, type Role } from '../../shared/protocol'

/**
 * « Mes ateliers »: the workshops this browser created or joined, with the link to reopen
 * each. Pure functions over a plain list; `MyWorkshopsStore.ts` keeps it in localStorage.
 * The links carry capability tokens: they stay in this browser, like the offline copy.
 */
export interface MyWorkshop {
  id: string
  title: string
  /** The role this browser opens the workshop with. */
  role: Role
  /** The link that reopens it with that role (`…/w/<id>#token=…`). */
  link: string
  /** Created in this browser: the three links handed out at creation, to share again. */
  links?: Partial<Record<Role, string>>
  /** Milliseconds since epoch, this browser's clock. */
  lastOpened: number
}

/** Oldest entries beyond this are dropped: the list is a shortcut, not an archive. */
export const MAX_MY_WORKSHOPS = 50

/**
 * Only links of this app's form (`http(s)://…/w/<id>#token=<token>`): nothing else (a
 * `javascript:` URL…) ever becomes an href.
 */
export function isWorkshopLink(link: string, id: string): boolean {
  let url: URL
  try {
    url = new URL(link)
  } catch {
    return false
  }
  return (
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.pathname.endsWith(`/w/${id}`) &&
    /^#token=[A-Za-z0-9_-]{43}$/.test(url.hash)
  )
}

/** Same shape as `workshopIdSchema` (shared/ids.ts), without zod: the landing page stays light. */
const WORKSHOP_ID = /^[A-Za-z0-9_-]{22}$/

function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value)
}

/** A stored entry, checked field by field (it may have been edited by hand, or be older). */
function asEntry(item: unknown): MyWorkshop | null {
  if (typeof item !== 'object' || item === null) return null
  const { id, title, role, link, links, lastOpened } = item as Record<string, unknown>
  if (typeof id !== 'string' || !WORKSHOP_ID.test(id)) return null
  if (typeof title !== 'string' || title.length < 1 || title.length > 200) return null
  if (!isRole(role) || typeof link !== 'string' || !isWorkshopLink(link, id)) return null
  if (typeof lastOpened !== 'number' || !Number.isFinite(lastOpened) || lastOpened < 0) return null
  const entry: MyWorkshop = { id, title, role, link, lastOpened }
  if (links !== undefined) {
    if (typeof links !== 'object' || links === null) return null
    const kept: Partial<Record<Role, string>> = {}
    for (const [key, value] of Object.entries(links)) {
      if (!isRole(key) || typeof value !== 'string' || !isWorkshopLink(value, id)) return null
      kept[key] = value
    }
    entry.links = kept
  }
  return entry
}

/**
 * The stored list, read defensively: a corrupt value or a bad entry (edited by hand, an
 * older format) is skipped, never thrown, and the rest is kept. Most recent first.
 */
export function parseMyWorkshops(raw: string | null): MyWorkshop[] {
  if (!raw) return []
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return []
  }
  if (!Array.isArray(data)) return []
  const entries: MyWorkshop[] = []
  for (const item of data) {
    const entry = asEntry(item)
    if (entry) entries.push(entry)
  }
  return sortByLastOpened(entries)
}

function sortByLastOpened(entries: MyWorkshop[]): MyWorkshop[] {
  return [...entries].sort((a, b) => b.lastOpened - a.lastOpened)
}

function sameEntry(a: Pick<MyWorkshop, 'id' | 'role'>, b: Pick<MyWorkshop, 'id' | 'role'>): boolean {
  return a.id === b.id && a.role === b.role
}

/**
 * Records that a workshop was created or opened now. One entry per workshop and role (a
 * facilitator who also opens the viewer link on a projector gets both); the three links of
 * a creation are kept when the board is opened later.
 */
export function recordOpened(
  list: readonly MyWorkshop[],
  entry: Omit<MyWorkshop, 'lastOpened'>,
  now: number,
): MyWorkshop[] {
  const previous = list.find((e) => sameEntry(e, entry))
  const links = entry.links ?? previous?.links
  const next: MyWorkshop = { ...entry, ...(links ? { links } : {}), lastOpened: now }
  return sortByLastOpened([next, ...list.filter((e) => !sameEntry(e, entry))]).slice(0, MAX_MY_WORKSHOPS)
}

/** Removes one entry (one workshop and role), or every entry of a workshop when no role is given. */
export function removeEntry(list: readonly MyWorkshop[], id: string, role?: Role): MyWorkshop[] {
  return list.filter((e) => (role ? !sameEntry(e, { id, role }) : e.id !== id))
}
