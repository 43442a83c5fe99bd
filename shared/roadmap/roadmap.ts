import { ACTION_STATUSES, type ActionStatus } from '../cards/action'
import type { ExportCards, ExportLink, ExportRoadmapItem } from '../export/schema'

/**
 * The coalition's roadmap (*feuille de route*) read from a workshop's cards: one row per
 * action card, its owner named, what it implements listed. Pure: the server's exports, the
 * sheet and the programme space all read it here, so they never disagree on a row.
 */
export type RoadmapItem = ExportRoadmapItem

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

function statusOf(value: unknown): ActionStatus | null {
  return typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value)
    ? (value as ActionStatus)
    : null
}

/**
 * Rows of the roadmap, in board reading order (the order of `cards.action`). The owner is
 * the linked actor card's name when that card is still on the board, else the typed name:
 * a deleted actor leaves the name someone typed rather than an id nobody can read.
 */
export function roadmapFromCards(
  cards: Pick<ExportCards, 'action' | 'actor' | 'lever' | 'impact' | 'indicator'>,
  links: readonly ExportLink[],
): RoadmapItem[] {
  const titles = new Map<string, { type: string; title: string }>()
  for (const type of ['actor', 'lever', 'indicator', 'impact', 'action'] as const) {
    for (const card of cards[type] ?? []) titles.set(card.id, { type, title: card.title })
  }
  return (cards.action ?? []).map((card) => {
    const fields = card.fields as Record<string, unknown>
    const actorId = text(fields.ownerActorId)
    const actor = actorId ? titles.get(actorId) : undefined
    const ownerActor = actor?.type === 'actor' ? actor : undefined
    const due = text(fields.due)
    const serves = links
      .filter((link) => link.from === card.id && link.kind === 'implements')
      .flatMap((link) => {
        const target = titles.get(link.to)
        return target ? [{ id: link.to, type: target.type, title: target.title }] : []
      })
    return {
      id: card.id,
      what: card.title,
      owner: ownerActor?.title || text(fields.owner),
      ownerActorId: ownerActor ? actorId : null,
      due: due || null,
      status: statusOf(fields.status),
      serves,
    }
  })
}

/** Whether an action still waits for someone: not done, not dropped (an unset status is open). */
export function isOpen(item: Pick<RoadmapItem, 'status'>): boolean {
  return item.status !== 'done' && item.status !== 'dropped'
}

/** Open and due before `today` (`YYYY-MM-DD`, the workshop's day). Due today is not late yet. */
export function isOverdue(item: Pick<RoadmapItem, 'status' | 'due'>, today: string): boolean {
  return isOpen(item) && item.due !== null && item.due < today
}

function rank(item: RoadmapItem, today: string): number {
  if (isOverdue(item, today)) return 0
  if (isOpen(item)) return 1
  return item.status === 'done' ? 2 : 3
}

/**
 * The order people follow a roadmap in: overdue actions first (oldest first), then the
 * other open ones by due date (undated last), then done, then dropped. Ties keep the
 * given order (board reading order), so a sheet does not reshuffle between two exports.
 */
export function sortRoadmap<T extends RoadmapItem>(items: readonly T[], today: string): T[] {
  return items
    .map((item, index) => ({ item, index, rank: rank(item, today) }))
    .sort((a, b) => {
      if (a.rank !== b.rank) return a.rank - b.rank
      const dueA = a.item.due ?? '9999-99-99'
      const dueB = b.item.due ?? '9999-99-99'
      if (dueA !== dueB) return dueA < dueB ? -1 : 1
      return a.index - b.index
    })
    .map(({ item }) => item)
}

export interface RoadmapProgress {
  /** Actions not dropped: what the coalition still stands by. */
  total: number
  done: number
  overdue: number
  /** Earliest due day among open actions that are not overdue (today included), or null. */
  nextDue: string | null
}

/** done/total, how many are late, and the next due date, as the programme space shows them. */
export function roadmapProgress(items: readonly RoadmapItem[], today: string): RoadmapProgress {
  const kept = items.filter((item) => item.status !== 'dropped')
  const upcoming = kept
    .filter((item) => isOpen(item) && item.due !== null && item.due >= today)
    .map((item) => item.due as string)
    .sort()
  return {
    total: kept.length,
    done: kept.filter((item) => item.status === 'done').length,
    overdue: kept.filter((item) => isOverdue(item, today)).length,
    nextDue: upcoming[0] ?? null,
  }
}
