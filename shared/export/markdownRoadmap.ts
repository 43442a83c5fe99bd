import { ACTION_STATUS_OPTIONS } from '../cards/action'
import { optionLabel } from '../cards/fields'
import { notSetLabel } from '../cards/cardTypes'
import { isOverdue, roadmapFromCards, roadmapProgress, sortRoadmap, type RoadmapItem } from '../roadmap/roadmap'
import type { Locale } from '../workshop'
import { dayIn } from './fileName'
import type { ExportLabels } from './labels'
import { mdTable, mdText } from './markdownText'
import type { ExportDocument } from './schema'

/** A due day as readers write it (« 31 mars 2027 »); the day itself, in no time zone. */
export function formatDay(day: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  )
}

/** The roadmap rows of an export: its derived `roadmap`, or rebuilt from its cards (older documents). */
export function exportRoadmap(doc: Pick<ExportDocument, 'cards' | 'links' | 'roadmap'>): RoadmapItem[] {
  return doc.roadmap ?? roadmapFromCards(doc.cards, doc.links)
}

/**
 * The roadmap as a table (action, owner, due, status, what it implements), overdue first,
 * with done/total above it. `today` (`YYYY-MM-DD`) is the export's day in the sheet's time
 * zone, so « en retard » means late on the day the sheet was made. Empty without actions.
 */
export function roadmapTable(doc: ExportDocument, labels: ExportLabels, timeZone: string): string[] {
  const items = exportRoadmap(doc)
  if (items.length === 0) return []
  const locale = doc.workshop.locale
  const today = dayIn(Date.parse(doc.exportedAt), timeZone)
  const progress = roadmapProgress(items, today)
  const rows = sortRoadmap(items, today).map((item) => {
    const status = item.status ? optionLabel(ACTION_STATUS_OPTIONS, item.status, locale) : notSetLabel(locale)
    return [
      mdText(item.what) || labels.untitled,
      mdText(item.owner) || '–',
      item.due ? formatDay(item.due, locale) : '–',
      isOverdue(item, today) ? `${status} (**${labels.overdue}**)` : status,
      item.serves.map((card) => mdText(card.title) || labels.untitled).join(', ') || '–',
    ]
  })
  return [
    labels.roadmapProgress(progress.done, progress.total, progress.overdue),
    '',
    ...mdTable([labels.action, labels.owner, labels.due, labels.status, labels.serves], rows),
    '',
  ]
}
