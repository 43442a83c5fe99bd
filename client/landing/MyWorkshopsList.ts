import { z } from 'zod'
import { workshopIdSchema } from '../../shared/ids'
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
  return (url.protocol === 'https:' || url.protocol === 'http:') && url.pathname.endsWith(`/w/${id}`) && /^#token=[A-Za-z0-9_-]{43}$/.test(url.hash)
}

const entrySchema = z.object({
  id: workshopIdSchema,
  title: z.string().min(1).max(200),
  role: z.enum(ROLES),
  link: z.string(),
  links: z.partialRecord(z.enum(ROLES), z.string()).optional(),
  lastOpened: z.number().finite().nonnegative(),
})

function isSound(entry: MyWorkshop): boolean {
  if (!isWorkshopLink(entry.link, entry.id)) return false
  return Object.values(entry.links ?? {}).every((link) => link !== undefined && isWorkshopLink(link, entry.id))
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
    const parsed = entrySchema.safeParse(item)
    if (parsed.success && isSound(parsed.data)) entries.push(parsed.data)
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
export function recordOpened(list: readonly MyWorkshop[], entry: Omit<MyWorkshop, 'lastOpened'>, now: number): MyWorkshop[] {
  const previous = list.find((e) => sameEntry(e, entry))
  const links = entry.links ?? previous?.links
  const next: MyWorkshop = { ...entry, ...(links ? { links } : {}), lastOpened: now }
  return sortByLastOpened([next, ...list.filter((e) => !sameEntry(e, entry))]).slice(0, MAX_MY_WORKSHOPS)
}

/** Removes one entry (one workshop and role), or every entry of a workshop when no role is given. */
export function removeEntry(list: readonly MyWorkshop[], id: string, role?: Role): MyWorkshop[] {
  return list.filter((e) => (role ? !sameEntry(e, { id, role }) : e.id !== id))
}
